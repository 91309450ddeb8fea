import Foundation
import History
import RoutineKit
@testable import RuncoreApp
import RunnerLog
import TestSupport
import Testing

/// Starting a session in process: doses from the progression, the get-ready screen's notices from the day's
/// verdict (stops first, shoes before a warm-up only), and what is said when the history cannot be read.
@Suite("Launching a session")
struct LaunchTests {
    func launcher(_ dir: DataDir, now: String = "2026-11-30T07:00:00Z") -> Launcher {
        Launcher(options: SessionOptions(plain: true), context: dir.context(now: now))
    }

    /// A whole session recorded through the real recorder, on virtual time, then the progression reads it.
    func runWarmup(_ dir: DataDir, plank: Int, cut: Bool) throws {
        let launcher = launcher(dir)
        let routine = Routine(id: "warmup", title: "Warm-up", role: .warmup,
                              params: [Param(name: "plank", kind: .duration(default: 30, min: 30, max: 60), progresses: true)],
                              steps: [.exercise(Exercise(name: "Plank", work: .time(.param("plank")), sets: .literal(2)))])
        let timeline = try launcher.context.timeline(routine, overrides: [("plank", "\(plank)s")])
        let clock = VirtualClock()
        let recorder = HistoryRecorder(context: launcher.context)
        let driver = SessionDriver(timeline: timeline, clock: clock.callAsFunction, cues: SilentSink(), hook: nil, recorder: recorder)
        // `-` on the second plank, once: 10 s off, so it is not held in full.
        let io = FakeIO(clock: clock, typed: cut ? [(clock.now + secs(Double(plank) + 1), "-\n")] : [])
        driver.observe = { _, _ in }
        _ = PlainRunner(driver: driver, signals: FakeSignals(), io: io).run(startAt: clock.now)
        #expect(recorder.close(now: clock.callAsFunction, patience: 0).isEmpty)
    }

    @Test func theProgressionRaisesTheDoseOnlyAfterPlanksHeldInFull() throws {
        let dir = DataDir()
        let routine = Routine(id: "warmup", title: "Warm-up", role: .warmup,
                              params: [Param(name: "plank", kind: .duration(default: 30, min: 30, max: 60), progresses: true)],
                              steps: [.exercise(Exercise(name: "Plank", work: .time(.param("plank")), sets: .literal(2)))])
        #expect(Progression.suggest(for: routine, context: dir.context()).values?["plank"] == .seconds(30))
        try runWarmup(dir, plank: 40, cut: false)
        var next = Progression.suggest(for: routine, context: dir.context())
        #expect(next.values?["plank"] == .seconds(45) && next.problem == nil)
        try runWarmup(dir, plank: 45, cut: true)
        next = Progression.suggest(for: routine, context: dir.context())
        #expect(next.values?["plank"] == .seconds(45))
        #expect(next.values?.reasons["plank"] == "kept after today's session: a plank was cut short")
    }

    /// A history that cannot be read is said on the get-ready screen, twice over: no warnings could be read,
    /// and the dose stays at its default instead of the runner's progression.
    @Test func anUnreadableHistoryIsSaid() throws {
        let dir = DataDir()
        dir.write("history.sqlite", String(repeating: "not a database ", count: 200))
        let l = launcher(dir)
        let warmup = try l.context.routine("warmup")
        let setup = try l.prepare(warmup, overrides: [], settings: l.context.settings, quiet: true)
        #expect(setup.notices.contains { $0.hasPrefix("The history cannot be read, so no warnings from it can be shown:") }, "\(setup.notices)")
        #expect(setup.notices.contains { $0.hasPrefix("The history cannot be read, so plank stays at its default instead of your progression:") },
                "\(setup.notices)")
    }

    /// Before a warm-up: a stop first, then the shoes. Before a core session: the stop, never the shoes.
    @Test func getReadyNoticesComeFromTheVerdict() throws {
        let dir = DataDir()
        let context = dir.context()
        try context.writing { store in
            try store.add(CheckIn(at: context.now, day: context.today, level: 5, constant: true))
            _ = try store.add(Shoe(name: "Old", startMeters: 900_000), at: context.now)
        }
        let l = launcher(dir)
        let warm = try l.prepare(try l.context.routine("warmup"), overrides: [], settings: l.context.settings, quiet: true)
        #expect(warm.notices.first?.hasPrefix("STOP: you said today that your back pain is constant.") == true, "\(warm.notices)")
        #expect(warm.notices.count == 2 && warm.notices[1].hasPrefix("Shoes \"Old\""))
        let core = try l.prepare(try l.context.routine("core"), overrides: [], settings: l.context.settings, quiet: true)
        #expect(core.notices.count == 1 && core.notices[0].hasPrefix("STOP"))
        // A row that cannot be read is said after the stop, never before it (at 40×8 the stop would be a page on).
        try context.writing { store in
            try store.add(CheckIn(at: context.now, day: context.today, level: 2))
        }
        #expect(shellOutput("sqlite3 '\(dir.path)/history.sqlite' \"UPDATE checkin SET at = 'garbage' WHERE level = 2\"").isEmpty)
        let l2 = launcher(dir)
        let broken = try l2.prepare(try l2.context.routine("core"), overrides: [], settings: l2.context.settings, quiet: true)
        #expect(broken.notices.count == 2 && broken.notices[0].hasPrefix("STOP") && broken.notices[1].contains("cannot be read"),
                "\(broken.notices)")
    }

    /// The recorder writes whether the session counts with every commit: a warm-up with every step skipped is
    /// in the history and does not count.
    @Test func aSkippedWarmupIsRecordedButDoesNotCount() throws {
        let dir = DataDir()
        let context = dir.context()
        let timeline = try Timeline(try context.routine("warmup"))
        let clock = VirtualClock()
        let recorder = HistoryRecorder(context: context)
        let driver = SessionDriver(timeline: timeline, clock: clock.callAsFunction, cues: SilentSink(), hook: nil, recorder: recorder)
        let skips = (0..<timeline.blocks.count).map { (clock.now + secs(0.1 * Double($0 + 1)), "n\n" as String?) }
        _ = PlainRunner(driver: driver, signals: FakeSignals(), io: FakeIO(clock: clock, typed: skips)).run(startAt: clock.now)
        _ = recorder.close(now: clock.callAsFunction, patience: 0)
        let store = try HistoryStore.forReading(path: context.paths.historyFile.path)
        let s = try #require(try store.sessions().first)
        #expect(s.outcome == .finished && s.role == .warmup)
        #expect(!s.count.counts)
        #expect(try store.runnerLog().warmups.isEmpty)
        #expect(SummaryText.render(driver.session, routine: try context.routine("warmup")).contains("It does not count as a session: none of its exercise steps was done (a timed step counts from half its time)."))
        #expect(!SummaryText.render(driver.session, routine: try context.routine("warmup")).contains("Warmed up."))
    }
}
