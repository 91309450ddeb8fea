import ArgumentParser
import Foundation
import RunnerLog
import RoutineFiles
import RoutineKit
import RuncoreApp

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the routines you can run, with their total time.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let launcher = common.launcher
        let settings = launcher.settings()
        let (entries, errors) = launcher.context.catalog.all()
        // The total each session will have: config.yaml's doses and the plank progression applied.
        for line in ListText.lines(entries, total: { launcher.plannedTotal($0, settings: settings) }) { Out.line(line) }
        for note in entries.compactMap(\.droppedRoleNote) { Out.error(note) }
        for e in errors { Out.error(e.description) }
        if !errors.isEmpty { throw ExitStatus(Exit.badData) }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a routine's timeline (every step, set, side and rest, with start times and the total) and exit.")
    @OptionGroup var target: RoutineArguments

    func run() throws {
        let (_, routine, planned) = try target.planned()
        Out.line(PlanText.render(planned.timeline, routine: routine))
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a routine as a sheet: each exercise with its figure, dose and cue, and what to bring.")
    @OptionGroup var target: RoutineArguments

    func run() throws {
        let (launcher, routine, planned) = try target.planned()
        let (figures, missing) = launcher.figures(for: planned.timeline)
        Out.line(SheetText.render(planned.timeline, routine: routine, figures: { figures[$0] }).joined(separator: "\n"))
        for m in missing { Out.error(m) }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check routine files (or routine ids) and config.yaml; problems are printed as FILE:LINE:COLUMN: message.",
        discussion: "With no FILE, checks config.yaml and every routine in your routines folder.")
    @Argument(help: ArgumentHelp("Routine files, or ids of routines ('runcore validate warmup').", valueName: "FILE|NAME"))
    var files: [String] = []
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = Context(dataDir: common.dataDir)
        var failed = false
        var targets: [(shown: String, path: String, builtIn: Routine?)] = []
        if files.isEmpty {
            targets = Catalog.yamlFiles(in: context.catalog.userDirectory).map { ($0.path, $0.path, nil) }
            if let problem = Catalog.folderProblem(context.catalog.userDirectory) {
                Out.error(problem.description)
                failed = true
            }
        }
        for file in files {
            if !FileManager.default.fileExists(atPath: file), !file.contains("/"), !file.hasSuffix(".yaml"), !file.hasSuffix(".yml"),
               let entry = try? context.catalog.find(file) {
                // A built-in routine has no file (it is inside runcore), and was read to be found.
                targets.append((file, entry.path ?? file, entry.path == nil ? entry.routine : nil))
            } else {
                targets.append((file, file, nil))
            }
        }
        for (shown, path, builtIn) in targets {
            do {
                let routine = try builtIn ?? RoutineParser.load(path: path, display: shown == path ? nil : path)
                let timeline = try Timeline(routine)
                Out.line("\(shown): ok: \(routine.title), \(plural(timeline.blocks.count, "step")), \(DurationText.clock(Int(timeline.total / nanosPerSecond)))")
                // (A warning, not a mistake: the file is good, but it may not count as the runner expects.)
                if builtIn == nil, let note = context.catalog.all().entries.first(where: { $0.path == path })?.droppedRoleNote { Out.error(note) }
            } catch let e as RoutineFileError {
                Out.error(e.description)
                failed = true
            } catch {
                Out.error("\(sanitized(path)):1:1: \(error)")
                failed = true
            }
        }
        // config.yaml is checked every time: a mistake there is used as the default until it is fixed.
        let config = context.paths.configFile.path
        if FileManager.default.fileExists(atPath: config) {
            let settings = Settings.load(path: config)
            var problems = settings.problems.map(\.description)
            for (id, doses) in settings.params {
                guard let routine = try? context.catalog.find(id).routine else {
                    problems += doses.prefix(1).map { "\($0.location): no routine '\(id)' to set doses for" }
                    continue
                }
                for dose in doses {
                    guard let p = routine.param(named: dose.name) else {
                        problems.append("\(dose.location): routine '\(id)' has no parameter '\(dose.name)'")
                        continue
                    }
                    do { _ = try p.parse(dose.value) } catch { problems.append("\(dose.location): \(error)") }
                }
            }
            for p in problems { Out.error(p) }
            if problems.isEmpty { Out.line("\(config): ok") }
            failed = failed || !problems.isEmpty
        } else if targets.isEmpty {
            Out.line("Nothing to check: no routines of your own and no config.yaml (\(config)).")
        }
        if failed { throw ExitStatus(Exit.badData) }
    }
}
