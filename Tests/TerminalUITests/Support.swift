import RoutineKit
@testable import TerminalUI

let t0: Nanos = 1_000 * nanosPerSecond

func secs(_ n: Int) -> Nanos { seconds(n) }

/// The off-day core routine's shape, at a chosen moment.
func coreSession(at offset: Nanos, pauseAt: Nanos? = nil) throws -> (Session, Nanos) {
    let routine = Routine(id: "core", title: "Off-day core", steps: [
        .getReady(.literal(10)),
        .exercise(Exercise(name: "Side plank", cue: "Elbow under shoulder, feet stacked. Lift your hips until shoulder, hip and ankle line up, and brace.",
                           work: .time(.literal(30)), sets: .literal(3), rest: .literal(30), sides: ["left", "right"], switchTime: .literal(10))),
    ])
    var session = Session(timeline: try Timeline(routine))
    _ = session.handle(.start(t0))
    var now = t0
    while let wake = session.nextWake(after: now), wake <= t0 + offset {
        now = wake
        _ = session.handle(.tick(now))
        if let p = pauseAt, now == t0 + p { _ = session.handle(.key(.togglePause, now)) }
    }
    _ = session.handle(.tick(t0 + offset))
    return (session, t0 + offset)
}

func holdSession(elapsed: Nanos) throws -> (Session, Nanos) {
    let routine = Routine(id: "hold", title: "Plank hold", steps: [
        .exercise(Exercise(name: "Plank hold", cue: "Elbows under shoulders, one straight line from head to heels.", work: .hold(target: .literal(45)))),
    ])
    var session = Session(timeline: try Timeline(routine))
    _ = session.handle(.start(t0))
    _ = session.handle(.key(.done, t0))   // in position at once: the hold's clock starts
    _ = session.handle(.tick(t0 + elapsed))
    return (session, t0 + elapsed)
}

func picture(_ view: SessionView, _ w: Int, _ h: Int) -> String {
    renderSession(view, width: w, height: h).text
}
