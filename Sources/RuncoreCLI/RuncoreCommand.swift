import ArgumentParser
import Foundation

public let runcoreVersion = "0.1.0"

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
                      ListCommand.self, PlanCommand.self, ValidateCommand.self, HistoryCommand.self, StatsCommand.self]
    )

    @OptionGroup var common: CommonOptions

    public init() {}

    public func run() throws {
        try Menu(launcher: Launcher(common: common)).run()
    }
}
