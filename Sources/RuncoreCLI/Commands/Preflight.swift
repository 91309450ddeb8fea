import ArgumentParser
import Foundation
import RunnerLog
import RuncoreApp
import RoutineFiles
import RoutineKit

/// What the command line needs before ArgumentParser sees it: a routine's own help (its doses are read from
/// its file, so no static option list can show them) and "did you mean" for a mistyped command.
enum Preflight {
    static let routineCommands = Context.shortcuts

    /// Handles `args` (without the program name) if it is one of those cases, printing what it has to say.
    /// Returns the exit status then, nil to go on as usual.
    static func handle(_ args: [String], environment: [String: String] = ProcessEnvironment.current) -> Int32? {
        let informational = args.contains { ["--help", "-h", "--version", "--generate-completion-script"].contains($0) } || args.first == "help"
        if !informational, !Paths.canResolve(dataDirOption: value(of: "--data-dir", in: args), environment: environment) {
            Out.error("runcore: cannot find your home folder (HOME is empty or not an absolute path, and the account has none); give --data-dir DIR")
            return Exit.ioError
        }
        guard let first = args.first, !first.hasPrefix("-") else { return nil }
        let commands = RuncoreCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        // Made only when something here needs the routines: a command's usual start never does.
        func context() -> Context { Context(dataDir: value(of: "--data-dir", in: args), environment: environment) }
        let wantsHelp = args.contains("--help") || args.contains("-h")
        if wantsHelp, routineCommands.contains(first) {
            return routineHelp(first, command: first, context: context())
        }
        if wantsHelp, first == "run", args.count > 1, !args[1].hasPrefix("-") {
            return routineHelp(args[1], command: "run \(args[1])", context: context())
        }
        guard !commands.contains(first) else { return subcommandSuggestion(first, args) }
        let ids = context().catalog.all().entries.map(\.routine.id)
        if ids.contains(first) {
            Out.error("runcore: '\(Out.shown(first))' is a routine, not a command; start it with: runcore run \(first)")
            return Exit.usage
        }
        let candidates = commands.filter { $0 != "help" } + ids.map { "run \($0)" }
        let best = candidates.min { distance($0, first) < distance($1, first) }
        if let best, distance(best, first) <= max(1, min(3, first.count / 3 + 1)) {
            Out.error("runcore: unknown command '\(Out.shown(first))'; did you mean '\(best)'?")
        } else {
            Out.error("runcore: unknown command '\(Out.shown(first))'; the commands are: \(commands.filter { $0 != "help" }.joined(separator: ", "))")
        }
        return Exit.usage
    }

    /// `runcore log rn`: a word that is not one of the command's subcommands gets the nearest one.
    static func subcommandSuggestion(_ command: String, _ args: [String]) -> Int32? {
        guard args.count > 1, !args[1].hasPrefix("-"),
              let type = RuncoreCommand.configuration.subcommands.first(where: { $0.configuration.commandName == command }) else { return nil }
        let subs = type.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !subs.isEmpty, !subs.contains(args[1]) else { return nil }
        let word = args[1]
        let best = subs.min { editDistance($0, word) < editDistance($1, word) }
        if let best, editDistance(best, word) <= max(1, min(3, word.count / 3 + 1)) {
            Out.error("runcore: unknown command '\(command) \(Out.shown(word))'; did you mean '\(command) \(best)'?")
        } else {
            Out.error("runcore: unknown command '\(command) \(Out.shown(word))'; \(command) takes: \(subs.joined(separator: ", "))")
        }
        return Exit.usage
    }

    /// Edit distance to a candidate ("run x" is compared by its routine id).
    static func distance(_ candidate: String, _ typed: String) -> Int {
        editDistance(candidate.hasPrefix("run ") ? String(candidate.dropFirst(4)) : candidate, typed)
    }

    static func value(of option: String, in args: [String]) -> String? {
        for (i, a) in args.enumerated() {
            if a == option, i + 1 < args.count { return args[i + 1] }
            if a.hasPrefix(option + "=") { return String(a.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// `runcore warmup --help`: the routine, its doses read from its file (default, range, meaning) and the
    /// options every session takes.
    static func routineHelp(_ name: String, command: String, context: Context) -> Int32 {
        let routine: Routine
        do {
            routine = try context.catalog.find(name).routine
        } catch let e as RoutineFileError {
            Out.error(e.description)
            return Exit.badData
        } catch {
            Out.error("runcore: \(error)")
            return Exit.usage
        }
        Out.line(RoutineHelpText.render(routine, command: command))
        return Exit.finished
    }
}

enum RoutineHelpText {
    static func render(_ routine: Routine, command: String) -> String {
        var lines = ["runcore \(command): \(routine.title)"]
        if !routine.summary.isEmpty { lines.append(routine.summary) }
        lines.append("")
        lines.append("USAGE: runcore \(command) [--NAME VALUE]... [--plain] [--no-sound] [--voice] [--no-color] [--theme THEME] [--data-dir DIR] [--on-event CMD]")
        lines.append("")
        if routine.params.isEmpty {
            lines.append("This routine has no doses to change.")
        } else {
            lines.append("DOSES (each also as --set NAME=VALUE):")
            let rows = routine.params.map { p -> (String, String, String, String) in
                let kind: String
                switch p.kind {
                case .duration: kind = "TIME"
                case .count: kind = "N"
                case .list: kind = "LIST"
                }
                return ("--\(p.name) \(kind)", p.defaultValue.description, p.rangeDescription, p.help)
            }
            let w0 = rows.map(\.0.count).max() ?? 0
            for (flag, def, range, help) in rows {
                var line = "  " + flag.padding(toLength: w0 + 2, withPad: " ", startingAt: 0)
                line += help.isEmpty ? "" : help + ". "
                line += "Default \(def); \(range)."
                lines.append(line)
            }
        }
        if !routine.safety.isEmpty {
            lines.append("")
            lines.append("SAFETY:")
            for note in routine.safety { lines.append("  - " + note) }
        }
        lines.append("")
        lines.append("OPTIONS:")
        lines.append("  --plain          line output, no full screen (automatic when output is not a terminal)")
        lines.append("  --no-sound       no beeps or flashes")
        lines.append("  --voice          speak step names with espeak-ng")
        lines.append("  --no-color       no colours (also NO_COLOR)")
        lines.append("  --theme THEME    auto, dark or light: colours for your terminal's background")
        lines.append("  --data-dir DIR   keep routines, settings and history in DIR")
        lines.append("  --on-event CMD   run CMD at each step start, pause, resume and finish")
        return lines.joined(separator: "\n")
    }
}
