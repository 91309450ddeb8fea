@testable import RoutineKit
import TestSupport

/// An arbitrary origin of the monotonic clock: engine time never starts at zero in real life.
let t0: Nanos = 5_000 * nanosPerSecond

func s(_ n: Int) -> Nanos { seconds(n) }
func ms(_ n: Int) -> Nanos { Nanos(n) * 1_000_000 }

/// The warm-up's shape as the built-in file has it (the file itself is tested in RoutineFilesTests).
func warmupRoutine() -> Routine {
    Routine(id: "warmup", title: "Pre-run warm-up", params: [
        Param(name: "plank", kind: .duration(default: 30, min: 30, max: 60)),
        Param(name: "roll", kind: .list(default: ["calves", "quads", "hamstrings", "glutes"], choices: [])),
    ], steps: [
        .getReady(.literal(10)),
        .exercise(Exercise(name: "Light aerobic", work: .time(.literal(300)))),
        .exercise(Exercise(name: "Plank", work: .time(.param("plank")), sets: .literal(2), rest: .literal(20))),
        .exercise(Exercise(name: "Hip openers", work: .time(.literal(30)), sides: ["left", "right"], switchTime: .literal(5))),
        .exercise(Exercise(name: "Sumo squats", work: .reps(.literal(12)))),
        .exercise(Exercise(name: "Foam rolling", work: .time(.literal(45)), each: .param("roll"))),
    ])
}

func coreRoutine(sets: Int = 3) -> Routine {
    Routine(id: "core", title: "Off-day core", steps: [
        .getReady(.literal(10)),
        .exercise(Exercise(name: "Side plank", work: .time(.literal(30)), sets: .literal(sets), rest: .literal(30),
                           sides: ["left", "right"], switchTime: .literal(10))),
    ])
}

func timed(_ name: String, _ secs: Int) -> Step { .exercise(Exercise(name: name, work: .time(.literal(secs)))) }

/// Drives a session as the run loop does: waits until `nextWake`, then ticks. Count-up blocks get Enter
/// `doneAfter(block)` after they start. Every effect is logged with the instant it was produced.
struct Driver {
    var session: Session
    var now: Nanos
    var log: [(at: Nanos, effect: Effect)] = []

    init(_ timeline: Timeline, at start: Nanos = t0) {
        session = Session(timeline: timeline)
        now = start
        send(.start(start))
    }

    mutating func send(_ event: Event) {
        for fx in session.handle(event) { log.append((now, fx)) }
    }

    mutating func press(_ command: Command, at instant: Nanos) {
        now = instant
        send(.key(command, instant))
    }

    /// Runs until `limit` or the end, whichever is first.
    mutating func run(until limit: Nanos = .max, doneAfter: (Block) -> Nanos? = { $0.estimate }) {
        while !session.status.isFinished {
            if let block = session.current, block.kind.countsUp, session.status == .running,
               let after = doneAfter(block) {
                let when = session.blockStart + session.pausedTotal + after
                if when <= limit, when <= (session.nextWake(after: now) ?? .max) {
                    press(.done, at: when)
                    continue
                }
            }
            guard let wake = session.nextWake(after: now), wake <= limit else {
                if limit != .max { now = limit; send(.tick(limit)) }
                return
            }
            now = wake
            send(.tick(wake))
        }
    }

    /// When each block started, in order.
    var starts: [(index: Int, at: Nanos)] {
        log.compactMap { if case .started(let i) = $0.effect { return (i, $0.at) } else { return nil } }
    }

    func cues(_ match: (Cue) -> Bool) -> [Nanos] {
        log.compactMap { if case .cue(let c) = $0.effect, match(c) { return $0.at } else { return nil } }
    }
}
