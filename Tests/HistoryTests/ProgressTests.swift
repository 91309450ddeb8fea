import Foundation
import Testing
@testable import History
import RoutineKit

@Suite("Progression and stats")
struct ProgressTests {
    func warmup(_ dose: Int, outcome: String, plankCompleted: Bool = true, on n: Int = 0) -> SessionRow {
        SessionRow(id: 1, routineID: "warmup", routineTitle: "Pre-run warm-up", params: ["plank": "\(dose)s"],
                   startedAt: day(n), endedAt: nil, day: Stats.dayString(day(n), utc), plannedSeconds: 600, activeSeconds: 600,
                   outcome: outcome, blocks: [
                    BlockRow(position: 2, name: "Plank", kind: "work", set: "1/2", side: nil, item: nil, plannedSeconds: Double(dose), actualSeconds: Double(dose), completed: true),
                    BlockRow(position: 4, name: "Plank", kind: "work", set: "2/2", side: nil, item: nil, plannedSeconds: Double(dose), actualSeconds: plankCompleted ? Double(dose) : 12, completed: plankCompleted),
                   ], holds: [])
    }

    @Test(arguments: [
        // (last session, expected dose, expected reason); "now" is Thursday 19 Nov, the session Tuesday 17 Nov.
        (nil as (Int, String, Bool)?, 30, "starting dose"),
        ((30, "finished", true), 35, "up 5 s after Tuesday's session"),
        ((40, "finished", false), 40, "kept after Tuesday's session: a plank was cut short"),
        ((40, "stopped", true), 40, "kept after Tuesday's session: stopped early"),
        ((45, "pain", true), 45, "kept after Tuesday's session: stopped for pain"),
        ((45, "interrupted", true), 45, "kept after Tuesday's session: it was interrupted"),
        ((60, "finished", true), 60, "kept at 60 s, the top of the range"),
        ((58, "finished", true), 60, "up 2 s after Tuesday's session"),
    ])
    func theNextPlankFollowsTheLastSession(last: (Int, String, Bool)?, dose: Int, reason: String) {
        let sessions = last.map { [warmup($0.0, outcome: $0.1, plankCompleted: $0.2, on: 1)] } ?? []
        let next = PlankProgression.next(param: "plank", sessions: sessions, now: day(3), calendar: utc)
        #expect(next.seconds == dose)
        #expect(next.reason == reason)
    }

    @Test func aHoldBelowItsTargetDoesNotRaiseIt() {
        func hold(_ secs: Double, target: Double) -> SessionRow {
            SessionRow(id: 1, routineID: "hold", routineTitle: "Plank hold", params: ["target": "\(Int(target))s"], startedAt: day(2),
                       endedAt: nil, day: "2026-11-18", plannedSeconds: target, activeSeconds: secs, outcome: "finished",
                       blocks: [BlockRow(position: 0, name: "Plank hold", kind: "hold", set: nil, side: nil, item: nil, plannedSeconds: nil, actualSeconds: secs, completed: true)],
                       holds: [HoldRow(name: "Plank hold", seconds: secs, targetSeconds: target, completed: true, recordedAt: day(2))])
        }
        #expect(PlankProgression.next(param: "target", sessions: [hold(47, target: 45)], now: day(2, hour: 20), calendar: utc)
                == (50, "up 5 s after today's session"))
        #expect(PlankProgression.next(param: "target", sessions: [hold(40, target: 45)], now: day(3), calendar: utc)
                == (45, "kept after yesterday's session: the hold fell short of its target"))
    }

    /// A week as a runner lives it: warm-ups on run days, core on two days off, a hold most days,
    /// a rest day on Saturday, then Sunday and Monday again.
    @Test func aWeekOfUseReadsBackAsARunnerExpects() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        let plank = { (i: Int, s: Double) in record(i, "Plank", kind: .work, duration: 30, actual: s) }
        let hold = { (s: Double) in record(0, "Plank hold", kind: .hold(target: seconds(30)), duration: nil, actual: s) }
        try session(store, "warmup", on: day(0), params: ["plank": "30s"], blocks: [plank(2, 30), plank(4, 30)], outcome: .finished)  // Mon
        try session(store, "hold", on: day(0, hour: 19), params: ["target": "30s"], blocks: [hold(41.5)], outcome: .finished)
        try session(store, "core", on: day(1), blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .finished) // Tue
        try session(store, "warmup", on: day(2), params: ["plank": "35s"], blocks: [plank(2, 35), plank(4, 35)], outcome: .finished) // Wed
        try session(store, "hold", on: day(2, hour: 19), params: ["target": "35s"], blocks: [hold(52.0)], outcome: .finished)
        try session(store, "core", on: day(3), blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .pain) // Thu
        try session(store, "warmup", on: day(4), params: ["plank": "40s"], blocks: [plank(2, 40), plank(4, 20)], outcome: .stopped) // Fri
        try session(store, "hold", on: day(4, hour: 19), params: ["target": "40s"], blocks: [hold(38.0)], outcome: .finished)
        // Saturday: rest.
        try session(store, "warmup", on: day(6), params: ["plank": "40s"], blocks: [plank(2, 40), plank(4, 40)], outcome: .finished) // Sun
        try session(store, "core", on: day(7), blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .finished) // Mon
        try session(store, "hold", on: day(7, hour: 19), params: ["target": "40s"], blocks: [hold(44.4)], outcome: nil) // killed

        let sessions = try store.sessions()
        #expect(sessions.count == 11)
        #expect(sessions.first?.outcome == "interrupted")
        #expect(sessions.map(\.routineID).prefix(3) == ["hold", "core", "warmup"])
        let stats = Stats.compute(sessions: sessions, holds: try store.holds(), today: day(7, hour: 21), calendar: utc)
        #expect(stats.sessions == 11)
        #expect(stats.bestHold?.seconds == 52.0)
        #expect(stats.lastHolds.map(\.seconds) == [44.4, 38.0, 52.0, 41.5])
        #expect(stats.currentStreak == 2)   // Sunday and Monday
        #expect(stats.longestStreak == 5)   // Monday to Friday
        #expect(stats.coreWeeks.count == 8)
        #expect(stats.coreWeeks.suffix(2).map(\.monday) == ["2026-11-16", "2026-11-23"])
        #expect(stats.coreWeeks.suffix(2).map(\.days) == [2, 1])   // Tue and Thu; then Monday
        // The next warm-up plank: Sunday's finished 40 s session raises it to 45 s.
        let warmups = try store.sessions(routine: "warmup")
        #expect(PlankProgression.next(param: "plank", sessions: warmups, now: day(7, hour: 21), calendar: utc)
                == (45, "up 5 s after yesterday's session"))
    }

    /// A dose typed for one session outside 30–60 s is a one-off: the suggestion stays in range, and says
    /// "up" only when it went up.
    @Test func aOneOffDoseNeverPullsTheProgressionOutOfRange() {
        let tenSeconds = warmup(10, outcome: "finished", on: 2)
        #expect(PlankProgression.next(param: "plank", sessions: [tenSeconds], now: day(3), calendar: utc)
                == (30, "starting dose"))
        let before = warmup(40, outcome: "finished", on: 1)
        #expect(PlankProgression.next(param: "plank", sessions: [tenSeconds, before], now: day(3), calendar: utc)
                == (45, "up 5 s after Tuesday's session"))
        let ninety = warmup(90, outcome: "finished", on: 2)
        #expect(PlankProgression.next(param: "plank", sessions: [ninety], now: day(3), calendar: utc).seconds == 30)
    }

    /// A session in which a step ended by itself (nobody pressed Enter) keeps the dose.
    @Test func aLapsedStepNeverRaisesTheDose() {
        var s = warmup(40, outcome: "finished", on: 1)
        s.blocks.append(BlockRow(position: 6, name: "Sumo squats", kind: "reps", set: nil, side: nil, item: nil,
                                 plannedSeconds: nil, actualSeconds: 36, completed: false, ending: "lapsed"))
        #expect(PlankProgression.next(param: "plank", sessions: [s], now: day(3), calendar: utc)
                == (40, "kept after Tuesday's session: a step ended without you pressing Enter"))
    }

    /// A day counts for streaks and core days only with a completed exercise step.
    @Test func aSessionQuitInItsGetReadyIsNotACoreDay() {
        func core(_ on: Int, blocks: [BlockRow]) -> SessionRow {
            SessionRow(id: Int64(on), routineID: "core", routineTitle: "Off-day core", params: [:], startedAt: day(on), endedAt: nil,
                       day: Stats.dayString(day(on), utc), plannedSeconds: 280, activeSeconds: 0, outcome: "stopped",
                       blocks: blocks, holds: [])
        }
        let quitEarly = core(1, blocks: [BlockRow(position: 0, name: "Get ready", kind: "get-ready", set: nil, side: nil, item: nil,
                                                  plannedSeconds: 10, actualSeconds: 2, completed: false)])
        let cutShort = core(2, blocks: [BlockRow(position: 1, name: "Side plank", kind: "work", set: "1/3", side: "left", item: nil,
                                                 plannedSeconds: 30, actualSeconds: 2, completed: false)])
        let done = core(3, blocks: [BlockRow(position: 1, name: "Side plank", kind: "work", set: "1/3", side: "left", item: nil,
                                             plannedSeconds: 30, actualSeconds: 30, completed: true)])
        let stats = Stats.compute(sessions: [done, cutShort, quitEarly], holds: [], today: day(3), calendar: utc)
        #expect(stats.coreWeeks.last?.days == 1)
        #expect(stats.currentStreak == 1)
        #expect(stats.sessions == 3)
    }
}
