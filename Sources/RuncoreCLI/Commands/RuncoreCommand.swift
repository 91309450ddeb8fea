import ArgumentParser
import Foundation
import RunnerLog
import RoutineKit
import RuncoreApp


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
                      TodayCommand.self, LogCommand.self, ImportCommand.self, ShoesCommand.self, ShowCommand.self, ExportCommand.self]
    )

    @OptionGroup var common: CommonOptions

    public init() {}

    /// The entry point: notes the launch instant (a session started from the command line begins then), then
    /// parses the command line and runs.
    public static func launch() {
        Launch.instant = MonotonicClock.now()
        UntilExit.enabled = true
        Profile.mark("main")
        if let status = Preflight.handle(Array(CommandLine.arguments.dropFirst())) { Foundation.exit(status) }
        Profile.mark("preflight")
        do {
            if let session = SessionCommandLine(Array(CommandLine.arguments.dropFirst())) {
                Profile.mark("arguments parsed")
                try session.run()
            } else {
                var command = try parseDirectly() ?? parseAsRoot()
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
            exit(withError: error)
        }
        Profile.mark("end")
        Profile.report()
        Out.finish()
    }

    public func run() throws {
        try MenuRunner(launcher: common.launcher).run()
    }

    /// The command parsed by its own type alone when the first word names it: ArgumentParser then reflects
    /// one command instead of all nine, a few milliseconds off every start. Anything it does not accept goes
    /// the usual way, so help and error messages are the usual ones.
    static func parseDirectly() -> ParsableCommand? {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let first = args.first, !args.contains(where: { $0 == "-h" || $0 == "--help" || $0.hasPrefix("--generate-completion") }),
              let type = configuration.subcommands.first(where: { $0.configuration.commandName == first }) else { return nil }
        return try? type.parseAsRoot(Array(args.dropFirst()))
    }
}
