import Foundation
import Testing
@testable import History
import RoutineKit
import RunnerLog

@Suite("A week of use, through the store")
struct ProgressTests {
    /// A week as a runner lives it: warm-ups on run days, core on two days off, a hold most days, a rest day
    /// on Saturday, then Sunday and Monday again. Read back the way `stats` and the coach read it: the store's
    /// sessions, its days that count, its log.
    @Test func aWeekOfUseReadsBackAsARunnerExpects() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        let plank = { (i: Int, s: Double) in dosed(record(i, "Plank", kind: .work, duration: 30, actual: s), "plank") }
        let hold = { (s: Double) in dosed(record(0, "Plank hold", kind: .hold(target: seconds(30)), duration: nil, actual: s), "target") }
        let side = record(1, "Side plank", kind: .work, duration: 30, actual: 30)
        try session(store, "warmup", on: day(0), params: ["plank": "30s"], role: .warmup, blocks: [plank(2, 30), plank(4, 30)], outcome: .finished)  // Mon
        try session(store, "hold", on: day(0, hour: 19), params: ["target": "30s"], role: .hold, blocks: [hold(41.5)], outcome: .finished)
        try session(store, "core", on: day(1), role: .core, blocks: [side], outcome: .finished) // Tue
        try session(store, "warmup", on: day(2), params: ["plank": "35s"], role: .warmup, blocks: [plank(2, 35), plank(4, 35)], outcome: .finished) // Wed
        try session(store, "hold", on: day(2, hour: 19), params: ["target": "35s"], role: .hold, blocks: [hold(52.0)], outcome: .finished)
        try session(store, "my-core", on: day(3), role: .core, blocks: [side], outcome: .pain) // Thu: a runner's own core routine
        try session(store, "warmup", on: day(4), params: ["plank": "40s"], role: .warmup, blocks: [plank(2, 40), plank(4, 20)], outcome: .stopped) // Fri
        try session(store, "hold", on: day(4, hour: 19), params: ["target": "40s"], role: .hold, blocks: [hold(38.0)], outcome: .finished)
        // Saturday: rest.
        try session(store, "warmup", on: day(6), params: ["plank": "40s"], role: .warmup, blocks: [plank(2, 40), plank(4, 40)], outcome: .finished) // Sun
        try session(store, "core", on: day(7), role: .core, blocks: [side], outcome: .finished) // Mon
        try session(store, "hold", on: day(7, hour: 19), params: ["target": "40s"], role: .hold, blocks: [hold(44.4)], outcome: nil) // killed

        let sessions = try store.sessions()
        #expect(sessions.count == 11)
        #expect(sessions.first?.outcome == .interrupted)
        #expect(sessions.map(\.routineID).prefix(3) == ["hold", "core", "warmup"])
        let stats = Stats.compute(activeDays: try store.activeDays(), sessions: try store.sessionCount(), best: try store.bestHoldRow(),
                                  last: try store.holds(limit: 5), today: day(7, hour: 21), calendar: utc)
        #expect(stats.sessions == 11)
        #expect(stats.bestHold?.seconds == 52.0)
        #expect(stats.lastHolds.map(\.seconds) == [44.4, 38.0, 52.0, 41.5])
        #expect(stats.currentStreak == 2)   // Sunday and Monday
        #expect(stats.longestStreak == 5)   // Monday to Friday (Friday's warm-up counts: three quarters of it was done)
        let log = try store.runnerLog()
        // Thursday's session was the runner's own core routine, stopped for pain in its one step: it counts.
        #expect(log.sessions.map(\.role) == [.warmup, .hold, .core, .warmup, .hold, .core, .warmup, .hold, .warmup, .core, .hold])
        #expect(log.coreDays == ["2026-11-17", "2026-11-19", "2026-11-23"])
        let weeks = WeekSummary.weeks(log, count: 2, today: day(7, hour: 21), calendar: utc)
        #expect(weeks.map(\.monday) == ["2026-11-16", "2026-11-23"])
        #expect(weeks.map(\.coreDays) == [2, 1])
        // The next warm-up plank: Sunday's finished 40 s session, both planks held, raises it to 45 s.
        let warmups = try store.sessions(routine: "warmup")
        #expect(PlankProgression.next(param: "plank", sessions: warmups, now: day(7, hour: 21), calendar: utc)
                == (45, "up 5 s after yesterday's session"))
    }

    /// Whether a session counts is written with it, by the one rule: a fully skipped warm-up and a core session
    /// of 0:00 are in the history but do not count.
    @Test func whatCountsIsStoredWithTheSession() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        func skipped(_ i: Int, _ name: String) -> BlockRecord {
            BlockRecord(index: i, block: Block(name: name, kind: .work, duration: seconds(30), estimate: seconds(30)), actual: 0, ending: .skipped)
        }
        try session(store, "warmup", on: day(0), role: .warmup, blocks: [skipped(1, "Light aerobic"), skipped(2, "Plank")], outcome: .finished)
        try session(store, "core", on: day(1), role: .core, blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 0, completed: false)],
                    outcome: .stopped)
        try session(store, "core", on: day(2), role: .core, blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 16, completed: false)],
                    outcome: .stopped)
        let log = try store.runnerLog()
        #expect(log.sessions.map(\.counts) == [false, false, true])
        #expect(log.warmups.isEmpty)
        #expect(try store.activeDays() == ["2026-11-18"])
        #expect(try store.sessions().map(\.count.counts) == [true, false, false])
    }
}

/// A record timed by a dose (`time: $plank`).
func dosed(_ r: BlockRecord, _ dose: String) -> BlockRecord {
    var r = r
    r.block.dose = dose
    return r
}
