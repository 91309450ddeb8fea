import ArgumentParser
import Foundation
import History
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
    func run() throws { try Launcher(common: target.common).run(target.routine, doses: target.doses) }
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
        let launcher = Launcher(common: common)
        let routine = try launcher.context.routine(self.routine)
        Profile.mark("routine read")
        let planned = try launcher.timeline(for: routine, doses: doses, settings: launcher.settings())
        Profile.mark("doses (settings, history)")
        return (launcher, routine, planned)
    }
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

    /// The runner's settings. What is wrong in config.yaml is said on standard error, every time until it is
    /// fixed, and left at its default: a mistake there never keeps a runner from a session.
    func settings() -> Settings {
        let s = Settings.load(path: context.paths.configFile.path)
        for p in s.problems { Out.error(p.description) }
        return s
    }

    /// The planned total of `routine` as a session would run it now, for `list` and the menu.
    func plannedTotal(_ routine: Routine, settings: Settings) -> String {
        let t = try? timeline(for: routine, doses: DoseOptions.setting(), settings: settings, quiet: true).timeline
        return t.map { DurationText.clock(Int($0.total / nanosPerSecond)) } ?? "?"
    }

    /// Full screen needs a terminal on both sides; otherwise lines.
    var plain: Bool { common.plain || isatty(1) == 0 || isatty(0) == 0 }

    /// A routine's timeline with its doses, and lines for the get-ready screen about config.yaml.
    struct Planned {
        var timeline: Timeline
        var notices: [String]
    }

    /// Doses, weakest first: the routine's defaults, the plank progression, config.yaml, the runner's pick in
    /// the menu, the command line. A dose in config.yaml that does not fit is said and left out.
    func timeline(for routine: Routine, doses: DoseOptions, settings: Settings, quiet: Bool = false) throws -> Planned {
        var notices = settings.problems.map(\.description)
        var fromConfig = ParamValues()
        for dose in settings.params[routine.id] ?? [] {
            var problem: String?
            if let p = routine.param(named: dose.name) {
                do {
                    fromConfig[dose.name] = try p.parse(dose.value)
                } catch let e as ParamError {
                    problem = "\(dose.location): \(e); using the default"
                }
            } else {
                let known = routine.params.map(\.name).joined(separator: ", ")
                problem = "\(dose.location): routine '\(routine.id)' has no parameter '\(dose.name)' (it has: \(known)); ignored"
            }
            if let problem {
                notices.append(problem)
                if !quiet { Out.error(problem) }
            }
        }
        var extra = Progression.suggest(for: routine, context: context) ?? ParamValues()
        for (name, value) in fromConfig.values {
            extra[name] = value
            extra.reasons[name] = "from config.yaml"
        }
        for (name, value) in MenuPicks.load(routine: routine, context: context) {
            extra[name] = value
            extra.reasons[name] = "your pick in the menu"
        }
        return Planned(timeline: try context.timeline(routine, doses: doses, extra: extra), notices: notices)
    }

    func run(_ name: String, doses: DoseOptions) throws {
        let settings = settings()
        Profile.mark("settings read")
        let routine = try context.routine(name)
        Profile.mark("routine read")
        var planned = try timeline(for: routine, doses: doses, settings: settings)
        Profile.mark("doses (history read)")
        let coach = coachNotices(for: routine, settings: settings)
        Profile.mark("warnings from the log")
        planned.notices = coach + planned.notices
        let timeline = planned.timeline
        let signals = SignalPipe()
        let status: Int32
        if plain {
            for line in coach { Out.error(line) }
            status = runPlain(timeline, routine: routine, settings: settings, signals: signals, startAt: RuncoreCommand.launchedAt)
        } else {
            do {
                let terminal = try Terminal(colour: colour(settings), environment: environment, theme: theme(settings))
                Profile.mark("terminal ready")
                status = runFullScreen(timeline, routine: routine, settings: settings, terminal: terminal, signals: signals,
                                       startAt: RuncoreCommand.launchedAt, notices: planned.notices)
            } catch let e as TerminalUnavailable {
                Out.error("runcore: \(e.description); using plain output")
                status = runPlain(timeline, routine: routine, settings: settings, signals: signals, startAt: nil)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// What the log says before a session: pain that means stop (first), soreness past normal, a back getting
    /// worse; and before the warm-up, shoes past their distance or age. Shown on the get-ready screen, and on
    /// standard error in plain mode.
    func coachNotices(for routine: Routine, settings: Settings) -> [String] {
        guard let store = context.historyForReading(), (try? store.hasWarningsToCheck()) == true,
              let log = try? store.runnerLog(runDays: settings.runDays ?? [], within: context.logWindow) else { return [] }
        let advice = Advice.today(log, limits: context.limits(settings), now: context.now, calendar: context.calendar)
        let shoes: Set<Warning.Kind> = [.shoeLimit, .shoeTop, .shoeAge]
        return advice.warnings.filter { $0.kind != .firstQuestion && (routine.id == "warmup" || !shoes.contains($0.kind)) }.map(\.text)
    }

    /// The figures a timeline's steps name, and a line for each that cannot be found or read.
    func figures(for timeline: Timeline) -> ([String: Figure], [String]) {
        let library = context.figures
        var found: [String: Figure] = [:]
        var missing: [String] = []
        for name in Set(timeline.blocks.compactMap(\.figure)).sorted() {
            if let f = library.figure(name) { found[name] = f } else if let p = library.problem(for: name) { missing.append("\(timeline.routineID): \(p)") }
        }
        return (found, missing)
    }

    /// The theme asked for (`--theme`, then config.yaml); nil to ask the terminal.
    func theme(_ settings: Settings) -> Theme? {
        Theme(rawValue: common.theme ?? settings.theme ?? "auto")
    }

    func colour(_ settings: Settings) -> Bool {
        if common.noColor || settings.color == false { return false }
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        return true
    }


    /// Cues for this session: bell (unless --no-sound), a file with --cue-log; and the voice coach with
    /// --voice (it needs espeak-ng).
    func cueSink(settings: Settings, bell: @escaping () -> Void, flash: @escaping () -> Void) -> (CueSink, String?, CoachVoice?) {
        var sinks: [CueSink] = []
        var note: String?
        var coach: CoachVoice?
        if !common.noSound && settings.sound != false { sinks.append(BellSink(bell: bell, flash: flash)) }
        let log = common.cueLog.flatMap { FileSink(path: $0, clock: MonotonicClock.now) }
        if common.voice || settings.voice == true {
            if Spawner.isInstalled("espeak-ng", environment: environment) {
                coach = CoachVoice(wavDirectory: environment["RUNCORE_VOICE_WAV_DIR"])
                if let log { coach?.log = { at, text in log.line(text, at: at) } }
            } else {
                note = "--voice needs espeak-ng (apt-get install espeak-ng); no speech this time"
            }
        }
        if let log { sinks.append(log) }
        return (sinks.isEmpty ? SilentSink() : MultiSink(sinks), note, coach)
    }

    func hook(_ settings: Settings) -> EventHook? {
        (common.onEvent ?? settings.onEvent).map { EventHook($0) }
    }

    func runFullScreen(_ timeline: Timeline, routine: Routine, settings: Settings, terminal: Terminal,
                       signals: SignalPipe, startAt: Nanos?, notices: [String] = []) -> Int32 {
        let (cues, note, coach) = cueSink(settings: settings, bell: { terminal.bell() }, flash: { terminal.flashScreen(now: MonotonicClock.now()) })
        let (driver, recorder, holds) = sessionParts(timeline, settings: settings, cues: cues)
        driver.coach = coach
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals,
                                      safety: routine.safety, hold: holds)
        let (figures, missing) = self.figures(for: timeline)
        runner.figures = figures
        runner.notices = notices + missing
        let status = runner.run(startAt: startAt)
        Profile.mark("last step ended")
        terminal.stop()
        Profile.mark("terminal given back")
        let unsaved = recorder.close(now: MonotonicClock.now, patience: HistoryRecorder.patience)
        Profile.mark("history committed")
        if let note { Out.error("runcore: \(note)") }
        for n in notices { Out.error(n) }
        Out.line(SummaryText.render(driver.session, routine: routine, holdBest: holds?.best))
        for line in recorder.takeNews() + unsaved { Out.error(line) }
        if let line = driver.hook?.report() { Out.error(line) }
        return status
    }

    /// Config.yaml's problems were said on standard error as the session began (see `settings()`).
    func runPlain(_ timeline: Timeline, routine: Routine, settings: Settings, signals: SignalPipe, startAt: Nanos?) -> Int32 {
        let ttyErr = isatty(2) != 0
        let (cues, note, coach) = cueSink(settings: settings,
                                          bell: { if ttyErr { Out.raw(2, "\u{07}") } }, flash: {})
        if let note { Out.error("runcore: \(note)") }
        let (driver, recorder, holds) = sessionParts(timeline, settings: settings, cues: cues)
        driver.coach = coach
        let runner = PlainRunner(driver: driver, signals: signals)
        let status = runner.run(startAt: startAt)
        let unsaved = recorder.close(now: MonotonicClock.now, patience: HistoryRecorder.patience)
        for line in recorder.takeNews() { Out.error(line) }
        Out.line(SummaryText.render(driver.session, routine: routine, holdBest: holds?.best))
        // What could not be saved is said when it happens (above, as the session went) and again here.
        for line in unsaved { Out.error(line) }
        if let line = driver.hook?.report() { Out.error(line) }
        return status
    }

    /// What both front ends drive a session with: the driver, its history recorder, and the holds seen before.
    func sessionParts(_ timeline: Timeline, settings: Settings, cues: CueSink) -> (SessionDriver, HistoryRecorder, HoldInfo?) {
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: timeline, clock: MonotonicClock.now, cues: cues, hook: hook(settings),
                                   recorder: recorder)
        return (driver, recorder, holdInfo(timeline))
    }

    /// The best and last holds, for routines with a hold step.
    func holdInfo(_ timeline: Timeline) -> HoldInfo? {
        guard timeline.blocks.contains(where: { if case .hold = $0.kind { return true } else { return false } }) else { return nil }
        // Two indexed look-ups, whatever the history's length; unreadable rows are passed over.
        let store = context.historyForReading()
        let best = (try? store?.bestHold()) ?? nil
        let recent = ((try? store?.holds(limit: 5)) ?? nil) ?? []
        return HoldInfo(best: best.map(DurationText.nanos(fromSeconds:)), recent: recent.map { DurationText.nanos(fromSeconds: $0.seconds) })
    }
}
