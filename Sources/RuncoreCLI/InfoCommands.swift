import ArgumentParser
import Foundation
import RoutineFiles
import RoutineKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the routines you can run, with their total time.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = Context(common)
        let (entries, errors) = context.catalog.all()
        let width = max(6, entries.map(\.routine.id.count).max() ?? 6)
        for entry in entries {
            let r = entry.routine
            let total = (try? Timeline(r)).map { DurationText.clock(Int($0.total / nanosPerSecond)) } ?? "?"
            var line = r.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + PlanText.pad(total, 6) + "  " + r.title
            if !r.summary.isEmpty { line += ": " + r.summary }
            if case .user(let path) = entry.source { line += " [\(path)]" }
            Out.line(line)
        }
        for e in errors { Out.error(e.description) }
        if !errors.isEmpty { throw ExitCode(Exit.badData) }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a routine's timeline (every step, set, side and rest, with start times and the total) and exit.")
    @Argument(help: ArgumentHelp("A routine id (see 'runcore list') or a path to a .yaml file.", valueName: "NAME|FILE"))
    var routine: String
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let launcher = Launcher(common: common)
        let routine = try launcher.context.routine(self.routine)
        let timeline = try launcher.timeline(for: routine, doses: doses, settings: try launcher.settings())
        Out.line(PlanText.render(timeline, routine: routine))
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check routine files; problems are printed as FILE:LINE:COLUMN: message.")
    @Argument(help: ArgumentHelp("Routine files to check.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one routine file to check") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let routine = try RoutineParser.load(path: file)
                let timeline = try Timeline(routine)
                Out.line("\(file): ok: \(routine.title), \(timeline.blocks.count) steps, \(DurationText.clock(Int(timeline.total / nanosPerSecond)))")
            } catch let e as RoutineFileError {
                Out.error(e.description)
                failed = true
            } catch {
                Out.error("\(file):1:1: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(Exit.badData) }
    }
}

