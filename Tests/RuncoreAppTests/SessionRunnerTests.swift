import Foundation
import RoutineKit
@testable import RuncoreApp
import TerminalUI
import Testing

/// The full-screen and plain front ends in process, on virtual time: a fake terminal (or input) moves the
/// clock to the instant the loop would have woken at, so whole sessions run in milliseconds and every frame,
/// line, cue and record is checked at its exact instant.
@Suite("Sessions on virtual time")
struct SessionRunnerTests {
    /// get-ready 2 s, plank 3 s, rest 2 s, side plank 3 s: 10 s.
    static let timeline = try! Timeline(Routine(id: "quick", title: "Quick", role: .core, steps: [
        .getReady(.literal(2)),
        .exercise(Exercise(name: "Plank", work: .time(.literal(3)))),
        .rest(.literal(2)),
        .exercise(Exercise(name: "Side plank", work: .time(.literal(3)))),
    ]))

    func parts(_ clock: VirtualClock) -> (SessionDriver, FakeRecorder, RecordingSink) {
        let recorder = FakeRecorder(clock: clock)
        let sink = RecordingSink()
        return (SessionDriver(timeline: Self.timeline, clock: clock.callAsFunction, cues: sink, hook: nil, recorder: recorder), recorder, sink)
    }

    /// It runs to its exact end, wakes only when something on screen changes (once a second), and the history
    /// hears each step as it ends.
    @Test func aSessionRunsToItsExactEndWakingOnceASecond() {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, recorder, sink) = parts(clock)
        let signals = FakeSignals()
        let terminal = FakeTerminal(clock: clock, signals: signals)
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: [], hold: nil)
        #expect(runner.run(startAt: t0) == 0)
        #expect(clock.now == t0 + secs(10))
        // One wait a second, never a busy loop: 10 s, 10 waits (and none of them zero).
        #expect(terminal.waits.count == 10)
        #expect(terminal.waits.allSatisfy { ($0 ?? 0) > 0 })
        #expect(terminal.text(at: t0 + secs(2.5)).contains("PLANK"))
        #expect(terminal.text(at: t0 + secs(5.5)).contains("REST"))
        #expect(recorder.calls.map(\.what) == ["begin quick", "save Get ready completed", "save Plank completed", "save Rest completed",
                                               "save Side plank completed", "finish finished"])
        #expect(recorder.calls.map(\.at) == [t0, t0 + secs(2), t0 + secs(5), t0 + secs(7), t0 + secs(10), t0 + secs(10)])
        // Countdown beeps at 2 and 1 s before each end (at 3 s a step has only just started: its start cue
        // stands for it).
        #expect(sink.played.filter { if case .countdown = $0.cue { return true }; return false }.map(\.at)
                == [t0 + secs(1), t0 + secs(3), t0 + secs(4), t0 + secs(6), t0 + secs(8), t0 + secs(9)])
    }

    /// Space pauses (the clock on screen stands still, nothing wakes the loop), space resumes, and the end moves
    /// by exactly the pause.
    @Test func spacePausesAndTheEndMovesByThePause() {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, _, _) = parts(clock)
        let signals = FakeSignals()
        let terminal = FakeTerminal(clock: clock, signals: signals,
                                    script: [(t0 + secs(3.5), .key(.char(" "))), (t0 + secs(33.5), .key(.char(" ")))])
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: [], hold: nil)
        #expect(runner.run(startAt: t0) == 0)
        #expect(clock.now == t0 + secs(40))
        #expect(terminal.text(at: t0 + secs(20)).contains("PAUSED"))
        // While paused the loop slept until the key: one wait, with no timeout.
        #expect(terminal.waits.contains { $0 == nil })
    }

    /// `p` goes back and `n` goes on, in full screen as in plain mode (one keymap); q asks first, y quits with 1.
    @Test func keysDoWhatTheKeymapSays() {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, recorder, _) = parts(clock)
        let signals = FakeSignals()
        let terminal = FakeTerminal(clock: clock, signals: signals, script: [
            (t0 + secs(3), .key(.char("n"))),          // plank → rest
            (t0 + secs(3.5), .key(.char("p"))),        // back to the plank
            (t0 + secs(4), .key(.char("q"))),
            (t0 + secs(4.2), .key(.char("x"))),        // any other key keeps going
            (t0 + secs(4.4), .key(.char("q"))),
            (t0 + secs(4.6), .key(.char("y"))),
        ])
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: [], hold: nil)
        #expect(runner.run(startAt: t0) == Exit.stoppedByUser)
        #expect(terminal.text(at: t0 + secs(4.1)).contains("Quit this session?"))
        #expect(!terminal.text(at: t0 + secs(4.3)).contains("Quit this session?"))
        #expect(recorder.calls.map(\.what).suffix(2) == ["save Plank cutShort", "finish stopped"])
        #expect(clock.now == t0 + secs(4.6))
    }

    /// `!` stops for pain from every state of a session, exactly as from a running step: the get-ready
    /// countdown, paused, over the help page and at the quit question. The advice shows until a key.
    @Test(arguments: [("running", [(secs(3), Key.char("!"))]),
                      ("get-ready", [(secs(1), .char("!"))]),
                      ("paused", [(secs(3), .char(" ")), (secs(3.5), .char("!"))]),
                      ("help page", [(secs(3), .char("?")), (secs(3.5), .char("!"))]),
                      ("quit question", [(secs(3), .char("q")), (secs(3.5), .char("!"))])])
    func painStopsFromEveryState(state: String, keys: [(Nanos, Key)]) {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, recorder, _) = parts(clock)
        let signals = FakeSignals()
        let stopAt = t0 + keys.last!.0
        let terminal = FakeTerminal(clock: clock, signals: signals,
                                    script: keys.map { (t0 + $0.0, Scripted.key($0.1)) } + [(stopAt + secs(5), .key(.char("x")))])
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: [], hold: nil)
        #expect(runner.run(startAt: t0) == Exit.stoppedByUser, "\(state)")
        #expect(recorder.calls.last.map { ($0.at, $0.what) } ?? (0, "") == (stopAt, "finish pain"), "\(state): \(recorder.calls.map(\.what))")
        #expect(terminal.text(at: stopAt + secs(1)).contains("STOPPED FOR PAIN"), "\(state)")
    }

    /// Where the help needs pages (40×8), `?` turns them, the last back to the first; any other key goes back.
    /// Where it fits on one (80×24), `?` goes back too.
    @Test func questionMarkTurnsTheHelpsPages() {
        let safety = ["Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.",
                      "Already living with low-back pain? See a doctor before you take up running."]
        for (w, h, pages) in [(40, 8, 2), (80, 24, 1)] {
            let clock = VirtualClock()
            let t0 = clock.now
            let (driver, _, _) = parts(clock)
            let signals = FakeSignals()
            /// The instant of the `n`th `?`: 3 s, 3.2 s, 3.4 s…
            func at(_ n: Int) -> Nanos { t0 + secs(3 + 0.2 * Double(n)) }
            var keys: [(at: Nanos, event: Scripted)] = (0...pages).map { (at($0), Scripted.key(.char("?"))) }
            keys.append((t0 + secs(4), .key(.char("x"))))
            let terminal = FakeTerminal(clock: clock, signals: signals, script: keys)
            terminal.size = (w, h)
            let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: safety, hold: nil)
            #expect(runner.run(startAt: t0) == 0)
            if pages > 1 {
                for page in 0..<pages { #expect(terminal.text(at: at(page) + secs(0.1)).contains("\(page + 1)/\(pages) · ?"), "page \(page + 1)") }
                // Past the last page, the first again; then x goes back to the session.
                #expect(terminal.text(at: at(pages) + secs(0.1)).contains("1/\(pages) · ?"))
                #expect(!terminal.text(at: t0 + secs(4.1)).contains("other keys: back"))
            } else {
                #expect(terminal.text(at: t0 + secs(3.1)).contains("Any key goes back"))
                #expect(!terminal.text(at: t0 + secs(3.3)).contains("Any key goes back"))
            }
        }
    }

    /// `s` turns the get-ready notes' pages; a get-ready countdown come back to (`n`, then `p`) opens on the
    /// first page again, where a stop would be.
    @Test func getReadyNotesOpenOnTheirFirstPage() {
        let safety = ["Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.",
                      "Already living with low-back pain? See a doctor before you take up running."]
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, _, _) = parts(clock)
        let signals = FakeSignals()
        let keys: [(at: Nanos, event: Scripted)] = [(t0 + secs(0.2), .key(.char("s"))), (t0 + secs(0.5), .key(.char("n"))),
                                                    (t0 + secs(0.8), .key(.char("p"))), (t0 + secs(1.5), .key(.char("q"))),
                                                    (t0 + secs(1.6), .key(.char("y")))]
        let terminal = FakeTerminal(clock: clock, signals: signals, script: keys)
        terminal.size = (40, 8)
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: safety, hold: nil)
        _ = runner.run(startAt: t0)
        #expect(terminal.text(at: t0 + secs(0.1)).contains("notes 1/2"), "\(terminal.text(at: t0 + secs(0.1)))")
        #expect(terminal.text(at: t0 + secs(0.3)).contains("notes 2/2"), "\(terminal.text(at: t0 + secs(0.3)))")
        #expect(terminal.text(at: t0 + secs(0.9)).contains("notes 1/2"), "\(terminal.text(at: t0 + secs(0.9)))")
    }

    /// SIGTERM ends the session as interrupted, with its exit status; Ctrl-Z hands the terminal back and stops.
    @Test func signalsEndOrSuspendTheSession() {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, recorder, _) = parts(clock)
        let signals = FakeSignals()
        let terminal = FakeTerminal(clock: clock, signals: signals, script: [(t0 + secs(1), .signal(SIGTSTP)), (t0 + secs(6), .signal(SIGTERM))])
        let runner = FullScreenRunner(terminal: terminal, driver: driver, signals: signals, safety: [], hold: nil)
        #expect(runner.run(startAt: t0) == Exit.sigTERM)
        #expect(terminal.suspended == 1 && signals.stops == 1)
        #expect(recorder.calls.last?.what == "finish interrupted")
    }

    /// What the runner sees and hears comes before what is written: a step's cue is played before its record
    /// is saved or its hook fired, whatever the disk does.
    @Test func cuesComeBeforeRecords() {
        let clock = VirtualClock()
        let t0 = clock.now
        var order: [String] = []
        final class Log: CueSink, SessionRecorder {
            var order: [String] = []
            func play(_ cue: Cue) { order.append("cue") }
            func play(_ cue: Cue, at instant: Nanos) { order.append("cue") }
            func begin(_ timeline: Timeline) {}
            func save(_ record: BlockRecord) { order.append("save") }
            func finish(_ outcome: Outcome) { order.append("finish") }
            func flush(now: Nanos) { order.append("flush") }
            var retryAt: Nanos? { nil }
            var warning: String? { nil }
            func takeNews() -> [String] { [] }
            func close(now: () -> Nanos, patience: Nanos) -> [String] { [] }
        }
        let log = Log()
        let driver = SessionDriver(timeline: Self.timeline, clock: clock.callAsFunction, cues: log, hook: nil, recorder: log)
        driver.start(at: t0)
        clock.now = t0 + secs(2)
        log.order = []
        driver.tick()
        order = log.order
        // The get-ready's end: the new block's cue, then the record, then one commit.
        #expect(order.first == "cue" && order.last == "flush" && order.firstIndex(of: "save")! > order.firstIndex(of: "cue")!)
    }

    /// Plain mode: a line the moment each step begins, stamped from the session's start; the same letters as
    /// full screen (a space pauses, `p` goes back), `?` lists them, and what is not a key is said back escaped.
    @Test func plainModeSpeaksTheSameKeys() {
        let clock = VirtualClock()
        let t0 = clock.now
        let (driver, _, _) = parts(clock)
        let io = FakeIO(clock: clock, typed: [(t0 + secs(2.5), " \n"), (t0 + secs(4.5), " \n"), (t0 + secs(7.5), "p\n"),
                                              (t0 + secs(5.2), "?\n"), (t0 + secs(5.4), "x\u{1B}[2J\n")])
        let runner = PlainRunner(driver: driver, signals: FakeSignals(), io: io)
        #expect(runner.run(startAt: t0) == 0)
        let lines = io.written.map(\.text)
        #expect(lines.contains("0:02.500 pause Plank (0:03 left)"))
        #expect(lines.contains("0:04.500 resume Plank"))
        // The pause moved the plank's end to 7 s; p in the rest goes back to it.
        #expect(lines.contains("0:07.000 start Rest (2s)"))
        #expect(lines.contains("0:07.500 start Plank (3s)"))
        #expect(lines.contains { $0.hasPrefix("0:05.200 keys space pause · n next · p back · +/- 10 s · Enter done") })
        #expect(lines.contains("0:05.400 note unknown input 'x\\x1B[2J': space, n, p, +, -, Enter, ?, q or !"))
        #expect(lines.first == "0:00.000 start Get ready (2s)")
        #expect(lines.last?.hasSuffix("finish finished") == true)
    }

    /// With input closed, a rep step ends after its planned time, recorded as not done, and the session goes on.
    @Test func closedInputEndsRepStepsOnTime() throws {
        let clock = VirtualClock()
        let t0 = clock.now
        let timeline = try Timeline(Routine(id: "r", title: "R", steps: [.exercise(Exercise(name: "Squats", work: .reps(.literal(2))))]))
        let recorder = FakeRecorder(clock: clock)
        let driver = SessionDriver(timeline: timeline, clock: clock.callAsFunction, cues: RecordingSink(), hook: nil, recorder: recorder)
        let io = FakeIO(clock: clock, typed: [(t0 + secs(0.1), nil)])
        #expect(PlainRunner(driver: driver, signals: FakeSignals(), io: io).run(startAt: t0) == 0)
        #expect(clock.now == t0 + secs(6))
        #expect(recorder.calls.map(\.what).contains("save Squats lapsed"))
    }

    /// In plain mode the word `pause` pauses, also on a hold (space there stops the clock, as in full screen).
    @Test func theWordPauseNeverEndsAHold() throws {
        let clock = VirtualClock()
        let t0 = clock.now
        let timeline = try Timeline(Routine(id: "h", title: "H", steps: [.exercise(Exercise(name: "Plank hold", work: .hold(target: .literal(30)),
                                                                                          position: .literal(0)))]))
        let recorder = FakeRecorder(clock: clock)
        let driver = SessionDriver(timeline: timeline, clock: clock.callAsFunction, cues: RecordingSink(), hook: nil, recorder: recorder)
        let io = FakeIO(clock: clock, typed: [(t0 + secs(0.5), "pause\n"), (t0 + secs(2.5), "resume\n"), (t0 + secs(4), "\n")])
        #expect(PlainRunner(driver: driver, signals: FakeSignals(), io: io).run(startAt: t0) == 0)
        let lines = io.written.map(\.text)
        #expect(lines.contains("0:00.500 pause Plank hold"))
        #expect(lines.contains("0:04.000 hold Plank hold 0:02.0"), "\(lines)")   // 0.5 s, then 1.5 s after the pause
    }
}
