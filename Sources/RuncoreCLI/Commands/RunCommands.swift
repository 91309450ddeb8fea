import ArgumentParser
import Foundation
import RunnerLog
import RoutineKit
import RuncoreApp

/// `runcore warmup`, `core`, `hold`: a built-in routine by its id, taking the same doses as `run`.
protocol RoutineShortcut: ParsableCommand {
    var doses: DoseOptions { get }
    var common: CommonOptions { get }
}

extension RoutineShortcut {
    func run() throws {
        try common.launcher.run(Self.configuration.commandName!, overrides: try doses.checked())
    }
}

struct WarmupCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "warmup", abstract: "Run the pre-run warm-up (its doses: runcore warmup --help).")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct CoreCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "core", abstract: "Run the off-day core session (its doses: runcore core --help).")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct HoldCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Time a plank hold: get into position, then Enter or space stops the clock.")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run any routine: a built-in id, one of yours, or a .yaml file.")
    @OptionGroup var target: RoutineArguments
    func run() throws { try target.common.launcher.run(target.routine, overrides: try target.doses.checked()) }
}

/// A routine named on the command line, with its doses and the common options (`run`, `plan`, `show`).
struct RoutineArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("A routine id (see 'runcore list') or a path to a .yaml file.", valueName: "NAME|FILE"))
    var routine: String
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions

    /// The routine and its timeline with the runner's doses (defaults, progression, config.yaml, the command
    /// line), and the launcher that read them.
    func planned() throws -> (Launcher, Routine, Launcher.Planned) {
        let launcher = common.launcher
        let routine = try launcher.context.routine(self.routine)
        Profile.mark("routine read")
        let planned = try launcher.timeline(for: routine, overrides: try doses.checked(), settings: launcher.settings())
        Profile.mark("doses (settings, history)")
        return (launcher, routine, planned)
    }
}
