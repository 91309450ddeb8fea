import ArgumentParser
import Foundation
import NcursesTerminal
import RoutineFiles
import RoutineKit
import TerminalUI

/// `runcore warmup`, `core`, `hold`: a built-in routine by its id, taking the same doses as `run`.
protocol RoutineShortcut: ParsableCommand {
    var doses: DoseOptions { get }
    var common: CommonOptions { get }
}

extension RoutineShortcut {
    func run() throws {
        try Launcher(common: common).run(Self.configuration.commandName!, doses: doses)
    }
}

struct WarmupCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "warmup", abstract: "Run the pre-run warm-up (--plank, --aerobic, --roll).")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct CoreCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "core", abstract: "Run the off-day core session (--sets 2 or 3).")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct HoldCommand: RoutineShortcut {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Time a plank hold (--target); Enter or space stops the clock.")
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run any routine: a built-in id, one of yours, or a .yaml file.")
    @Argument(help: ArgumentHelp("A routine id (see 'runcore list') or a path to a .yaml file.", valueName: "NAME|FILE"))
    var routine: String
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions
    func run() throws { try Launcher(common: common).run(routine, doses: doses) }
}

/// Starts a session from the command line: settings, routine, doses, then full screen or plain mode.
struct Launcher {
    let common: CommonOptions
    let context: Context

    init(common: CommonOptions) {
        self.common = common
        context = Context(common)
    }

    var environment: [String: String] { context.environment }

    func settings() throws -> Settings {
        do {
            return try Settings.load(path: context.paths.configFile.path)
        } catch let e as RoutineFileError {
            Out.error(e.description)
            throw ExitCode(Exit.badData)
        }
    }

    /// Full screen needs a terminal on both sides; otherwise lines.
    var plain: Bool { common.plain || isatty(1) == 0 || isatty(0) == 0 }

    func timeline(for routine: Routine, doses: DoseOptions, settings: Settings) throws -> Timeline {
        // Doses from config.yaml first, checked where they were written; the command line wins over them.
        var fromConfig = ParamValues()
        for dose in settings.params[routine.id] ?? [] {
            guard let p = routine.param(named: dose.name) else {
                Out.error("\(dose.location): routine '\(routine.id)' has no parameter '\(dose.name)'")
                throw ExitCode(Exit.badData)
            }
            do {
                fromConfig[dose.name] = try p.parse(dose.value)
            } catch let e as ParamError {
                Out.error("\(dose.location): \(e)")
                throw ExitCode(Exit.badData)
            }
        }
        var extra = Progression.suggest(for: routine, context: context) ?? ParamValues()
        for (name, value) in fromConfig.values {
            extra[name] = value
            extra.reasons[name] = "from config.yaml"
        }
        return try context.timeline(routine, doses: doses, extra: extra)
    }

    func run(_ name: String, doses: DoseOptions) throws {
        let settings = try settings()
        let routine = try context.routine(name)
        let timeline = try timeline(for: routine, doses: doses, settings: settings)
        let signals = SignalPipe()
        let status: Int32
        if plain {
            status = runPlain(timeline, routine: routine, settings: settings, signals: signals, startAt: RuncoreCommand.launchedAt)
        } else {
            do {
                let terminal = try Terminal(colour: colour(settings), environment: environment)
                status = runFullScreen(timeline, routine: routine, settings: settings, terminal: terminal, signals: signals,
                                       startAt: RuncoreCommand.launchedAt)
            } catch let e as TerminalUnavailable {
                Out.error("runcore: \(e.description); using plain output")
                status = runPlain(timeline, routine: routine, settings: settings, signals: signals, startAt: nil)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    func colour(_ settings: Settings) -> Bool {
        if common.noColor || settings.color == false { return false }
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        return true
    }


    /// Cues for this session: bell (unless --no-sound), speech with --voice, a file with --cue-log.
    func cueSink(settings: Settings, bell: @escaping () -> Void, flash: @escaping () -> Void) -> (CueSink, String?) {
        var sinks: [CueSink] = []
        var note: String?
        if !common.noSound && settings.sound != false { sinks.append(BellSink(bell: bell, flash: flash)) }
        if common.voice || settings.voice == true {
            if Spawner.isInstalled("espeak-ng", environment: environment) {
                sinks.append(VoiceSink())
            } else {
                note = "--voice needs espeak-ng (apt-get install espeak-ng); no speech this time"
            }
        }
        if let path = common.cueLog, let sink = FileSink(path: path, clock: MonotonicClock.now) { sinks.append(sink) }
        return (sinks.isEmpty ? SilentSink() : MultiSink(sinks), note)
    }

    func hook(_ settings: Settings) -> EventHook? {
        (common.onEvent ?? settings.onEvent).map(EventHook.init)
    }

    func runFullScreen(_ timeline: Timeline, routine: Routine, settings: Settings, terminal: Terminal,
                       signals: SignalPipe, startAt: Nanos?) -> Int32 {
        let (cues, note) = cueSink(settings: settings, bell: { terminal.bell() }, flash: { terminal.flashScreen() })
        let holds = holdInfo(timeline)
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: timeline, clock: MonotonicClock.now, cues: cues, hook: hook(settings),
                                   recorder: recorder)
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals,
                                      safety: routine.safety, hold: holds)
        let status = runner.run(startAt: startAt)
        terminal.stop()
        if let note { Out.error("runcore: \(note)") }
        Out.line(SummaryText.render(driver.session, routine: routine, holdBest: holds?.best))
        if let problem = recorder.problem { Out.error("runcore: history is not being saved: \(problem)") }
        return status
    }

    func runPlain(_ timeline: Timeline, routine: Routine, settings: Settings, signals: SignalPipe, startAt: Nanos?) -> Int32 {
        let ttyErr = isatty(2) != 0
        let (cues, note) = cueSink(settings: settings,
                                   bell: { if ttyErr { Out.write(2, "\u{07}") } }, flash: {})
        if let note { Out.error("runcore: \(note)") }
        let holds = holdInfo(timeline)
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: timeline, clock: MonotonicClock.now, cues: cues, hook: hook(settings),
                                   recorder: recorder)
        let runner = PlainRunner(driver: driver, signals: signals)
        let status = runner.run(startAt: startAt) {
            if let problem = recorder.problem { Out.error("runcore: history is not being saved: \(problem)") }
        }
        Out.line(SummaryText.render(driver.session, routine: routine, holdBest: holds?.best))
        return status
    }

    /// The best and last holds, for routines with a hold step.
    func holdInfo(_ timeline: Timeline) -> HoldInfo? {
        guard timeline.blocks.contains(where: { if case .hold = $0.kind { return true } else { return false } }) else { return nil }
        let store = context.historyForReading()
        let best = (try? store?.bestHold()) ?? nil
        let recent = ((try? store?.holds(limit: 5)) ?? nil) ?? []
        return HoldInfo(best: best.map { Nanos($0 * 1e9) }, recent: recent.map { Nanos($0.seconds * 1e9) })
    }
}
