import ArgumentParser
import Foundation
import History
import RoutineKit
import RuncoreApp
import RunnerLog


public struct RuncoreCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "runcore",
        abstract: "A warm-up and plank timer for runners, in your terminal.",
        discussion: """
            With no command, shows a menu of routines. Stop at once if pain is constant or spreads, \
            and talk to a healthcare provider (press ! during a session).
            """,
        version: runcoreVersion,
        subcommands: [WarmupCommand.self, CoreCommand.self, HoldCommand.self, RunCommand.self,
                      ListCommand.self, PlanCommand.self, ValidateCommand.self, HistoryCommand.self, StatsCommand.self,
                      TodayCommand.self, LogCommand.self, ImportCommand.self, ShoesCommand.self, DeleteCommand.self, ShowCommand.self, ExportCommand.self]
    )

    @OptionGroup var common: CommonOptions

    public init() {}

    /// The entry point: notes the launch instant (a session started from the command line begins then), then
    /// parses the command line and runs.
    public static func launch() {
        Launch.instant = MonotonicClock.now()
        // A reader that goes away (`runcore import … | head -1`) stops the printing, never the work: writes to it
        // then fail with EPIPE, which `Out` notes, instead of the signal ending the process.
        signal(SIGPIPE, SIG_IGN)
        // The history's databases stay open until the process ends, and are closed then (see HistoryStore.closeAll).
        HistoryStore.keptUntilExit = true
        atexit { HistoryStore.closeAll() }
        Profile.mark("main")
        let args = commandFirst(Array(CommandLine.arguments.dropFirst()))
        if let status = Preflight.handle(args) { Foundation.exit(status) }
        Profile.mark("preflight")
        do {
            if let session = SessionCommandLine(args) {
                Profile.mark("arguments parsed")
                try session.run()
            } else {
                var command = try parseDirectly(args) ?? parseAsRoot(args)
                Profile.mark("arguments parsed")
                try command.run()
            }
        } catch let e as ExitStatus {
            // What went wrong was said already.
            Profile.mark("end")
            Profile.report()
            Out.finish()
            Foundation.exit(e.code)
        } catch {
            Profile.mark("end")
            Profile.report()
            Out.finish()
            exitShowing(error)
        }
        Profile.mark("end")
        Profile.report()
        Out.finish()
    }

    public func run() throws {
        try MenuRunner(launcher: common.launcher).run()
    }

    /// ArgumentParser's way out (its message, its status), with any argument that holds a line break or an
    /// escape shown escaped wherever the message echoes it: a usage error never forges a line or steers the
    /// terminal.
    static func exitShowing(_ error: Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code == .success { Out.write(1, message + "\n") } else { Out.error(escapingArguments(inHouseStyle(message))) }
        }
        Foundation.exit(code.rawValue)
    }

    /// ArgumentParser's "Error: …" as runcore says every mistake ("runcore: …", its usage lines after it). A
    /// number below zero reads to ArgumentParser as an option, so `log back -1` missed its argument: said as
    /// what it is.
    static func inHouseStyle(_ message: String, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        var lines = message.components(separatedBy: "\n")
        guard var first = lines.first, first.hasPrefix("Error: ") else { return message }
        first.removeFirst("Error: ".count)
        if first.hasPrefix("Missing expected argument"),
           let negative = arguments.first(where: { $0.count > 1 && $0.hasPrefix("-") && Double($0) != nil }) {
            first = "\(negative) is below zero, and nothing runcore takes can be"
        } else if let c = first.first, c.isUppercase, first.dropFirst().first?.isLowercase == true {
            first = c.lowercased() + first.dropFirst()
        }
        lines[0] = "runcore: " + first
        return lines.joined(separator: "\n")
    }

    static func escapingArguments(_ message: String, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        var out = message
        var pieces: [String] = []
        for arg in arguments where arg.unicodeScalars.contains(where: Escape.isControl) {
            pieces.append(arg)
            if let eq = arg.firstIndex(of: "=") { pieces.append(String(arg[arg.index(after: eq)...])) }
        }
        for p in pieces.sorted(by: { $0.count > $1.count }) where !p.isEmpty {
            out = out.replacingOccurrences(of: p, with: Escape.shown(p))
        }
        return out
    }

    /// `runcore --no-color --data-dir DIR today` as `runcore today --no-color --data-dir DIR`: every command
    /// takes the common options, but ArgumentParser gives an option before the command's name to the menu's own
    /// options, where commands that only read or write the log never saw it (`--data-dir` before `log` wrote to
    /// the home folder's log). The options before a command's name (or a mistyped one) are moved after it, in
    /// their order.
    static func commandFirst(_ args: [String]) -> [String] {
        let valued: Set<String> = ["--data-dir", "--theme", "--on-event", "--cue-log", "--set", "--generate-completion-script"]
        var i = 0
        while i < args.count, args[i].hasPrefix("-"), args[i] != "--" {
            i += valued.contains(args[i]) && i + 1 < args.count ? 2 : 1
        }
        // A word that is no command moves too: "did you mean" then sees it first (`runcore --plain warmpu`).
        guard i > 0, i < args.count, args[i] != "--" else { return args }
        var tail = Array(args[(i + 1)...])
        tail.insert(contentsOf: args[..<i], at: tail.firstIndex(of: "--") ?? tail.endIndex)
        return [args[i]] + tail
    }

    /// The command parsed by its own type alone when the first word names it: ArgumentParser then reflects
    /// one command instead of all nine, a few milliseconds off every start. Anything it does not accept goes
    /// the usual way, so help and error messages are the usual ones.
    static func parseDirectly(_ args: [String]) -> ParsableCommand? {
        guard let first = args.first, !args.contains(where: { $0 == "-h" || $0 == "--help" || $0.hasPrefix("--generate-completion") }),
              let type = configuration.subcommands.first(where: { $0.configuration.commandName == first }) else { return nil }
        return try? type.parseAsRoot(Array(args.dropFirst()))
    }
}
