import Foundation
import History
import NcursesTerminal
import RoutineFiles
import RoutineKit
import RunnerLog
import TerminalUI

/// How a session is to be shown and heard: what the common options and config.yaml say.
package struct SessionOptions: Sendable, Equatable {
    package var plain = false
    package var noSound = false
    package var voice = false
    package var noColor = false
    /// auto, dark or light; nil for config.yaml's, then auto.
    package var theme: String?
    package var onEvent: String?
    /// Every cue written to this file with its instant (tests).
    package var cueLog: String?

    package init(plain: Bool = false, noSound: Bool = false, voice: Bool = false, noColor: Bool = false, theme: String? = nil,
                 onEvent: String? = nil, cueLog: String? = nil) {
        self.plain = plain
        self.noSound = noSound
        self.voice = voice
        self.noColor = noColor
        self.theme = theme
        self.onEvent = onEvent
        self.cueLog = cueLog
    }
}

/// Everything a session needs before its first frame: the timeline with the runner's doses, the lines for the
/// get-ready screen (stops and warnings from the day's verdict first, then whatever could not be read or
/// found), the holds seen before, and the figures.
package struct SessionSetup {
    package var routine: Routine
    package var timeline: Timeline
    package var notices: [String]
    /// Those of `notices` not said on standard error yet (config.yaml's mistakes were, as it was read).
    package var unsaid: [String]
    package var hold: HoldInfo?
    package var figures: [String: Figure]
    /// The coach's warnings when they are to be read once the first frame is out (a session started in full
    /// screen): they go before `notices`, as if read first.
    package var warningsLater: (() -> [String])?
}

/// Starts sessions: settings, routine, doses, the day's warnings, then full screen or plain mode.
package struct Launcher {
    package let options: SessionOptions
    package let context: Context

    package init(options: SessionOptions, context: Context) {
        self.options = options
        self.context = context
    }

    package var environment: [String: String] { context.environment }

    /// The runner's settings. What is wrong in config.yaml is said on standard error, every time until it is
    /// fixed, and left at its default: a mistake there never keeps a runner from a session.
    package func settings() -> Settings {
        let s = context.settings
        for p in s.problems { Out.error(p.description) }
        return s
    }

    /// Full screen needs a terminal on both sides; otherwise lines.
    package var plain: Bool { options.plain || isatty(1) == 0 || isatty(0) == 0 }

    /// A routine's timeline with its doses, and lines for the get-ready screen (config.yaml's mistakes, a
    /// progression that could not be read).
    package struct Planned {
        package var timeline: Timeline
        /// Mistakes in config.yaml (said on standard error as they are found, unless `quiet`).
        package var configProblems: [String]
        /// What else could not be read (the progression, a pick): said on the get-ready screen.
        package var readProblems: [String]
        package var notices: [String] { configProblems + readProblems }
    }

    /// Doses, weakest first: the routine's defaults, the plank progression, config.yaml, the runner's pick in
    /// the menu, the command line. A dose in config.yaml that does not fit is said and left out.
    package func timeline(for routine: Routine, overrides: [(String, String)], settings: Settings, quiet: Bool = false) throws -> Planned {
        var notices = settings.problems.map(\.description)
        var readProblems: [String] = []
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
        let (progression, problem) = Progression.suggest(for: routine, context: context)
        if let problem { readProblems.append(problem) }
        var extra = progression ?? ParamValues()
        for (name, value) in fromConfig.values {
            extra[name] = value
            extra.reasons[name] = "from config.yaml"
        }
        let (picks, pickProblem) = MenuPicks.load(routine: routine, context: context)
        if let pickProblem, problem == nil { readProblems.append(pickProblem) }
        for (name, value) in picks {
            extra[name] = value
            extra.reasons[name] = "your pick in the menu"
        }
        return Planned(timeline: try context.timeline(routine, overrides: overrides, extra: extra), configProblems: notices,
                       readProblems: readProblems)
    }

    /// The planned total of `routine` as a session would run it now, for `list` and the menu.
    package func plannedTotal(_ routine: Routine, settings: Settings) -> String {
        let t = try? timeline(for: routine, overrides: [], settings: settings, quiet: true).timeline
        return t.map { DurationText.clock(Int($0.total / nanosPerSecond)) } ?? "?"
    }

    /// A session ready to start: the coach's warnings for this routine's role first. With `warningsLater`, the
    /// coach reads the log only when the session asks, once its first frame is out: opening the history took
    /// a fifth of the time to the first frame.
    package func prepare(_ routine: Routine, overrides: [(String, String)], settings: Settings, quiet: Bool = false,
                         warningsLater: Bool = false) throws -> SessionSetup {
        let planned = try timeline(for: routine, overrides: overrides, settings: settings, quiet: quiet)
        Profile.mark("doses (history read)")
        let coach = warningsLater ? [] : coachNotices(for: routine, settings: settings)
        if !warningsLater { Profile.mark("warnings from the log") }
        let (figures, missing) = self.figures(for: planned.timeline)
        var setup = SessionSetup(routine: routine, timeline: planned.timeline, notices: coach + planned.notices + missing,
                                 unsaid: coach + planned.readProblems + missing, hold: holdInfo(planned.timeline), figures: figures)
        if warningsLater { setup.warningsLater = { coachNotices(for: routine, settings: settings) } }
        return setup
    }

    /// What today's verdict says before a session of this routine's role (a stop first), or why it cannot say.
    /// The log is read only when something in it could raise a warning, so a start stays quick.
    package func coachNotices(for routine: Routine, settings: Settings) -> [String] {
        do {
            guard let store = try context.historyOpenedToRead(), try store.hasWarningsToCheck() else { return [] }
        } catch {
            return ["The history cannot be read, so no warnings from it can be shown: \(error)"]
        }
        let (verdict, problem) = context.verdictOrProblem(settings: settings, routines: nil)
        // A stop stays first; that some rows could not be read comes next, before the rest.
        let notices = verdict?.notices(before: routine.role) ?? []
        let stops = verdict?.warnings.filter { $0.isStop && $0.applies(before: routine.role) }.count ?? 0
        return Array(notices.prefix(stops)) + (problem.map { [$0] } ?? []) + notices.dropFirst(stops)
    }

    /// Runs `name` (an id or a file) with the doses typed, in full screen or plain mode; throws the exit
    /// status when the session did not finish.
    package func run(_ name: String, overrides: [(String, String)]) throws {
        let settings = settings()
        Profile.mark("settings read")
        let routine = try context.routine(name)
        Profile.mark("routine read")
        let setup = try prepare(routine, overrides: overrides, settings: settings, warningsLater: !plain)
        let signals = SignalPipe()
        let status: Int32
        if plain {
            status = runPlain(setup, settings: settings, signals: signals, startAt: Launch.instant)
        } else {
            do {
                let terminal = try Terminal(colour: colour(settings), environment: environment, theme: theme(settings), now: MonotonicClock.now)
                Profile.mark("terminal ready")
                status = runFullScreen(setup, settings: settings, terminal: terminal, signals: signals, startAt: Launch.instant)
            } catch let e as TerminalUnavailable {
                Out.error("runcore: \(e.description); using plain output")
                status = runPlain(setup, settings: settings, signals: signals, startAt: nil)
            }
        }
        if status != 0 { throw ExitStatus(status) }
    }

    /// The figures a timeline's steps name, and a line for each that cannot be found or read.
    package func figures(for timeline: Timeline) -> ([String: Figure], [String]) {
        let names = Set(timeline.blocks.compactMap(\.figure)).sorted()
        guard !names.isEmpty else { return ([:], []) }
        let library = context.figures
        var found: [String: Figure] = [:]
        var missing: [String] = []
        for name in names {
            if let f = library.figure(name) { found[name] = f } else if let p = library.problem(for: name) { missing.append("\(timeline.routineID): \(p)") }
        }
        return (found, missing)
    }

    /// The theme asked for (`--theme`, then config.yaml); nil to ask the terminal.
    package func theme(_ settings: Settings) -> Theme? {
        Theme(rawValue: options.theme ?? settings.theme ?? "auto")
    }

    package func colour(_ settings: Settings) -> Bool {
        if options.noColor || settings.color == false { return false }
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        return true
    }

    /// Cues for this session: bell (unless --no-sound), a file with --cue-log; and the voice coach with
    /// --voice (it needs espeak-ng).
    func cueSink(settings: Settings, bell: @escaping () -> Void, flash: @escaping () -> Void) -> (CueSink, String?, CoachVoice?) {
        var sinks: [CueSink] = []
        var note: String?
        var coach: CoachVoice?
        if !options.noSound && settings.sound != false { sinks.append(BellSink(bell: bell, flash: flash)) }
        let log = options.cueLog.flatMap { FileSink(path: $0, clock: MonotonicClock.now) }
        if options.voice || settings.voice == true {
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
        (options.onEvent ?? settings.onEvent).map { EventHook($0) }
    }

    /// What to do after a session stopped for pain, from the day's verdict (a stop that stands says so).
    func afterPain(_ session: Session, _ settings: Settings) -> String? {
        guard session.status == .finished(.pain) else { return nil }
        return nextAfterPainStop(settings)
    }

    func nextAfterPainStop(_ settings: Settings) -> String? {
        guard let verdict = context.verdictOrProblem(settings: settings, routines: nil).0,
              verdict.kind == .stopForPain || verdict.kind == .seeDoctorFirst else { return nil }
        return verdict.nextAfterPainStop
    }

    package func runFullScreen(_ setup: SessionSetup, settings: Settings, terminal: Terminal, signals: SignalPipe, startAt: Nanos?) -> Int32 {
        let (cues, note, coach) = cueSink(settings: settings, bell: { terminal.bell() }, flash: { terminal.flashScreen(now: MonotonicClock.now()) })
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: setup.timeline, clock: MonotonicClock.now, cues: cues, hook: hook(settings), recorder: recorder)
        driver.coach = coach
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: setup.routine.safety, hold: setup.hold)
        runner.figures = setup.figures
        runner.painNext = { nextAfterPainStop(settings) }
        runner.notices = setup.notices
        runner.warningsLater = setup.warningsLater
        let status = runner.run(startAt: startAt)
        Profile.mark("last step ended")
        terminal.stop()
        Profile.mark("terminal given back")
        let unsaved = recorder.close(now: MonotonicClock.now, patience: HistoryRecorder.patience)
        Profile.mark("history committed")
        if let note { Out.error("runcore: \(note)") }
        for n in runner.notices { Out.error(n) }
        Out.line(SummaryText.render(driver.session, routine: setup.routine, hold: setup.hold, afterPain: afterPain(driver.session, settings)))
        for line in recorder.takeNews() + unsaved { Out.error(line) }
        if let line = driver.hook?.report() { Out.error(line) }
        return status
    }

    /// The get-ready notices (the coach's warnings, config.yaml's problems), then the routine's safety notes
    /// (as `plan` prints them), go to standard error first, once.
    package func runPlain(_ setup: SessionSetup, settings: Settings, signals: SignalPipe, startAt: Nanos?) -> Int32 {
        for n in (setup.warningsLater?() ?? []) + setup.unsaid { Out.error(n) }
        for note in setup.routine.safety { Out.error("! " + note) }
        let ttyErr = isatty(2) != 0
        let (cues, note, coach) = cueSink(settings: settings, bell: { if ttyErr { Out.raw(2, "\u{07}") } }, flash: {})
        if let note { Out.error("runcore: \(note)") }
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: setup.timeline, clock: MonotonicClock.now, cues: cues, hook: hook(settings), recorder: recorder)
        driver.coach = coach
        let runner = PlainRunner(driver: driver, signals: signals, io: StandardIO())
        let status = runner.run(startAt: startAt)
        let unsaved = recorder.close(now: MonotonicClock.now, patience: HistoryRecorder.patience)
        for line in recorder.takeNews() { Out.error(line) }
        Out.line(SummaryText.render(driver.session, routine: setup.routine, hold: setup.hold, afterPain: afterPain(driver.session, settings)))
        // What could not be saved is said when it happens (above, as the session went) and again here.
        for line in unsaved { Out.error(line) }
        if let line = driver.hook?.report() { Out.error(line) }
        return status
    }

    /// The best and last holds, for routines with a hold step. Two indexed look-ups, whatever the history's
    /// length; unreadable rows are passed over; a history that cannot be read at all leaves the best unknown.
    func holdInfo(_ timeline: Timeline) -> HoldInfo? {
        guard timeline.blocks.contains(where: { $0.kind.step == .hold }) else { return nil }
        do {
            let store = try context.historyOpenedToRead()
            let best = try store?.bestHold()
            let recent = try store?.holds(limit: 5) ?? []
            return HoldInfo(best: best.map(DurationText.nanos(fromSeconds:)), recent: recent.map { DurationText.nanos(fromSeconds: $0.seconds) })
        } catch {
            return HoldInfo(best: nil, recent: [], known: false)
        }
    }
}

/// The monotonic instant the program began, taken first thing in `main`: a session started from the command
/// line begins its first step then, so `runcore run x && next` ends when the routine says, start-up included.
package enum Launch {
    nonisolated(unsafe) package static var instant: Nanos?
}
