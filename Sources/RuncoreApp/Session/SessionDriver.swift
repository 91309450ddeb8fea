import Foundation
import RoutineKit
import RunnerLog
import TerminalUI

/// Feeds events to the engine and carries out its effects: cues, speech, the event hook and the record.
/// Both front ends (full screen and plain) drive a session through this.
package final class SessionDriver {
    package private(set) var session: Session
    package let clock: () -> Nanos
    let cues: CueSink
    package let hook: EventHook?
    package let recorder: SessionRecorder?
    /// The voice coach, with --voice.
    package var coach: CoachVoice?
    /// Called for each effect, after it was carried out, with the instant of the event.
    package var observe: (Effect, Nanos) -> Void = { _, _ in }
    /// `RUNCORE_TEST_CRASH` is set: the full-screen runner crashes on purpose once it has drawn (a test hook).
    var testCrash = ProcessEnvironment.current["RUNCORE_TEST_CRASH"] != nil

    package init(timeline: Timeline, clock: @escaping () -> Nanos, cues: CueSink, hook: EventHook?, recorder: SessionRecorder?) {
        session = Session(timeline: timeline)
        self.clock = clock
        self.cues = cues
        self.hook = hook
        self.recorder = recorder
    }

    /// Starts the session at `instant` (by default now). Recording begins with `beginRecording()`, which the
    /// front end calls once the first frame or line is out: opening the database never delays the start.
    package func start(at instant: Nanos? = nil) {
        send(.start(instant ?? clock()))
    }

    package func beginRecording() {
        recorder?.begin(session.timeline)
        for record in session.records { recorder?.save(record) }
        if case .finished(let outcome) = session.status { recorder?.finish(outcome) }
        recorder?.flush(now: clock())
    }

    /// When the loop must wake next: the engine's next change, or a write to try again. A retry that would
    /// fall just before a change waits for it (it is tried right after the change is shown), so a commit's
    /// sync never delays a step's line or frame.
    package func nextWake() -> Nanos? {
        let now = clock()
        var wake = session.nextWake(after: now)
        if let voice = coach?.nextWake(after: now) { wake = min(wake ?? voice, voice) }
        guard let retry = recorder?.retryAt else { return wake }
        if let wake, retry >= wake - Self.quietBeforeChange { return wake }
        return min(wake ?? retry, retry)
    }

    /// How long before a visible change no write is started.
    static let quietBeforeChange: Nanos = 60_000_000

    /// Ticks the engine at the present instant.
    package func tick() {
        send(.tick(clock()))
        coach?.pump(clock())
    }

    package func press(_ command: Command) { send(.key(command, clock())) }

    /// What a key of the keymap asks, carried out on the engine (the front end handles help, the quit question,
    /// safety pages and redrawing itself).
    package func perform(_ action: SessionAction) {
        switch action {
        case .space:
            // On a hold, space stops the clock (the runner reaches for the biggest key); on the countdown to get
            // into position for a hold, it starts the clock. Elsewhere it pauses and resumes.
            if session.status == .running, session.current.map(Self.spaceEnds) == true {
                press(.done)
            } else {
                press(.togglePause)
            }
        case .pause: press(.togglePause)
        case .next: press(.next)
        case .back: press(.back)
        case .addTime: press(.addTime)
        case .subtractTime: press(.subtractTime)
        case .done: press(.done)
        case .quit: press(.quit)
        case .pain: press(.painStop)
        case .help, .moreNotes, .redraw: break
        }
    }

    /// Blocks that space ends rather than pauses: a hold, and the countdown before one.
    static func spaceEnds(_ block: Block) -> Bool {
        switch block.kind {
        case .hold: return true
        case .getReady: return block.name == positionBlockName
        default: return false
        }
    }

    /// A child ended (SIGCHLD woke the loop): it is reaped now, and the hook or the voice that owned it hears.
    package func childrenEnded() {
        Spawner.reap()
        hook?.collect()
        coach?.pump(clock())
    }

    package func send(_ event: Event) {
        let at: Nanos
        switch event {
        case .start(let t), .tick(let t), .key(_, let t), .interrupted(let t), .suspended(let t): at = t
        }
        let effects = session.handle(event)
        // What the runner sees and hears comes first; hooks and the database after, so neither a spawn nor
        // a disk write can delay a step's line, beep or frame.
        for effect in effects {
            if case .cue(let cue) = effect { cues.play(cue, at: at) }
            observe(effect, at)
        }
        coach?.hear(effects, session: session, at: at)
        for effect in effects { perform(effect, at: at) }
        recorder?.flush(now: clock())
        Spawner.reap()
    }

    private func perform(_ effect: Effect, at now: Nanos) {
        switch effect {
        case .cue: break
        case .save(let record): recorder?.save(record)
        case .started(let i):
            let block = session.timeline.blocks[i]
            hook?.fire("start", step: block.label, secondsLeft: block.duration.map { Int($0 / nanosPerSecond) })
        case .paused:
            hook?.fire("pause", step: session.current?.label ?? "", secondsLeft: session.remaining(at: now).map(DurationText.wholeSecondsUp))
        case .resumed:
            hook?.fire("resume", step: session.current?.label ?? "", secondsLeft: session.remaining(at: now).map(DurationText.wholeSecondsUp))
        case .skipped, .lapsed: break
        case .finish(let outcome):
            recorder?.finish(outcome)
            hook?.fire("finish", step: outcome.rawValue, secondsLeft: 0)
        }
    }
}


/// The few lines printed in the normal terminal when a session ends: what was done, holds, total.
package enum SummaryText {
    /// `afterPain`: what to do after a stop for pain, as the day's verdict says (nil: a back check-in).
    package static func render(_ session: Session, routine: Routine, hold: HoldInfo? = nil, afterPain: String? = nil) -> String {
        let holdBest = hold?.best
        let title = session.timeline.title
        let wall = (session.endedAt ?? 0) - (session.startedAt ?? 0)
        let outcome: String
        switch session.status {
        case .finished(.finished): outcome = "finished"
        case .finished(.stopped): outcome = "stopped early"
        case .finished(.pain): outcome = "stopped for pain"
        case .finished(.interrupted): outcome = "interrupted"
        default: outcome = "not finished"
        }
        var lines = ["\(title): \(outcome) after \(DurationText.measured(wall))."]
        let done = session.records.filter { $0.block.kind.isExercise }
        for r in done { lines.append("  " + r.block.label + " — " + outcomeWords(r)) }
        let holds = done.filter { if case .hold = $0.block.kind { return $0.completed } else { return false } }
        if let longest = holds.map(\.actual).max() {
            if hold?.known == false {
                lines.append("Your best so far is not known: the history cannot be read.")
            } else if Double(longest) / 1e9 < Counting.shortestBestHold {
                lines.append("A hold under \(Int(Counting.shortestBestHold)) s is not taken as a best: get into position, then start the clock."
                             + (holdBest.map { " Best so far: \(holdClock($0))." } ?? ""))
            } else if let best = holdBest, longest > best {
                lines.append("New personal best: \(holdClock(longest)), beating \(holdClock(best)). Well held!")
            } else if holdBest == nil {
                lines.append("First hold recorded: \(holdClock(longest)). That is the one to beat.")
            } else if let best = holdBest {
                lines.append("Best so far: \(holdClock(best)).")
            }
        }
        lines.append("Exercise time \(DurationText.measured(session.activeTotal)) of "
                     + "\(DurationText.measured(session.timeline.exerciseTotal)) planned (rests and get-ready not counted).")
        let count = Counting.session(session)
        if let why = count.why { lines.append(why) }
        switch session.status {
        case .finished(.finished) where routine.role == .warmup && count.counts: lines.append("Warmed up. Have a good run.")
        case .finished(.pain):
            lines.append("Pain that is constant or spreads is a reason to stop and talk to a healthcare provider.")
            lines.append(afterPain ?? "Tell runcore how your back is: runcore log back 0-10 (with --where, --spreading, --constant).")
        default: break
        }
        return lines.joined(separator: "\n")
    }

    /// What became of one exercise block: "0:30", "12 reps in 0:36", "held 0:45.2", "skipped",
    /// "not done (no one pressed Enter)" (the same words as the plain log).
    static func outcomeWords(_ r: BlockRecord) -> String {
        switch (r.ending, r.block.kind) {
        case (.completed, .hold): return "held \(holdClock(r.actual))"
        case (.completed, .reps(let n)): return "\(n) rep\(n == 1 ? "" : "s") in \(DurationText.measured(r.actual))"
        case (.completed, _): return DurationText.measured(r.actual)
        case (.skipped, _): return r.actual >= nanosPerSecond / 2 ? "skipped after \(DurationText.measured(r.actual))" : "skipped"
        case (.lapsed, _): return Ending.lapsed.words
        case (.cutShort, .hold): return "held \(holdClock(r.actual)), cut short (not counted)"
        case (.cutShort, _): return "\(DurationText.measured(r.actual)) (cut short)"
        }
    }
}
