import Testing
import TestSupport
@testable import RoutineKit

@Suite("Session on virtual time")
struct SessionTests {
    @Test func wholeWarmupLandsEveryBoundaryOnItsPlannedInstant() throws {
        let timeline = try Timeline(warmupRoutine())
        var d = Driver(timeline)
        d.run()
        #expect(d.starts.map(\.index) == Array(timeline.blocks.indices))
        for (i, at) in d.starts {
            #expect(at == t0 + timeline.blocks[i].plannedStart, "block \(i) \(timeline.blocks[i].label)")
        }
        #expect(d.session.status == .finished(.finished))
        #expect(d.session.endedAt == t0 + timeline.total)
        #expect(d.session.records.count == timeline.blocks.count)
        #expect(d.session.records.allSatisfy { $0.completed })
        #expect(d.log.last?.effect == .finish(.finished))
        // The planned total: 10 s + 5 min + 2 × 30 s + 20 s + 30+5+30 s + 12 reps × 3 s + 4 × 45 s.
        #expect(timeline.total == s(10 + 300 + 60 + 20 + 65 + 36 + 180))
    }

    @Test func aSevenSecondPauseShiftsEveryLaterBoundaryBySevenSeconds() throws {
        let timeline = try Timeline(coreRoutine())
        var d = Driver(timeline)
        d.run(until: t0 + s(25))               // 15 s into the first side plank
        #expect(d.session.index == 1)
        d.press(.togglePause, at: t0 + s(25))
        #expect(d.session.status == .paused)
        #expect(d.session.nextWake(after: d.now) == nil)   // nothing to show while paused
        #expect(d.session.displaySeconds(at: t0 + s(31)) == 15) // the clock is frozen
        d.press(.togglePause, at: t0 + s(32))
        #expect(d.session.status == .running)
        d.run()
        for (i, at) in d.starts where i >= 2 {
            #expect(at == t0 + timeline.blocks[i].plannedStart + s(7), "block \(i)")
        }
        #expect(d.session.records[1].actual == s(30))     // the pause is not counted as work
        #expect(d.session.endedAt == t0 + timeline.total + s(7))
        #expect(d.log.contains { $0.effect == .paused } && d.log.contains { $0.effect == .resumed })
    }

    @Test func nextSkipsWithAPartialRecordAndBackRestartsThePreviousBlock() throws {
        let timeline = try Timeline(coreRoutine())
        var d = Driver(timeline)
        d.press(.next, at: t0 + s(3))
        #expect(d.session.index == 1)
        #expect(d.session.blockStart == t0 + s(3))
        #expect(d.session.records.last == BlockRecord(index: 0, block: timeline.blocks[0], actual: s(3), ending: .skipped))
        #expect(d.log.contains { $0.effect == .skipped(0) })
        #expect(d.session.displaySeconds(at: t0 + s(3)) == 30)
        d.press(.back, at: t0 + s(5))
        #expect(d.session.index == 0)
        #expect(d.session.displaySeconds(at: t0 + s(5)) == 10)
        d.run()
        #expect(d.session.endedAt == t0 + s(5) + timeline.total)
    }

    @Test func plusAndMinusTenSecondsMoveTheDeadline() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 30), timed("Rest", 5)])))
        d.press(.addTime, at: t0 + s(5))
        #expect(d.session.remaining(at: t0 + s(5)) == s(35))
        #expect(d.session.deadline == t0 + s(40))
        d.press(.subtractTime, at: t0 + s(6))
        d.press(.subtractTime, at: t0 + s(6))
        #expect(d.session.remaining(at: t0 + s(6)) == s(14))
        // Less than 10 s left: −10 s ends the step now, and it counts as done.
        d.press(.subtractTime, at: t0 + s(12))
        #expect(d.session.index == 1)
        #expect(d.session.blockStart == t0 + s(12))
        #expect(d.session.records.last?.completed == true)
        #expect(d.session.records.last?.actual == s(12))
        // Count-up steps have no deadline to move.
        var r = Driver(try Timeline(Routine(id: "t", title: "t", steps: [.exercise(Exercise(name: "Squats", work: .reps(.literal(5))))])))
        r.press(.addTime, at: t0 + s(1))
        #expect(r.session.deadline == nil && r.session.adjustment == 0)
    }

    @Test func countdownBeepsAtExactlyThreeTwoOneAndNeverAtTheEnd() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 10), timed("Short", 3), timed("Shorter", 2)])))
        d.run()
        let beeps = d.log.compactMap { entry -> (Nanos, Int)? in
            if case .cue(.countdown(let n)) = entry.effect { return (entry.at, n) }
            return nil
        }
        // 10 s block: T−3, T−2, T−1. 3 s block: not at its own start, so T−2, T−1. 2 s block: T−1.
        #expect(beeps.map(\.0) == [t0 + s(7), t0 + s(8), t0 + s(9), t0 + s(11), t0 + s(12), t0 + s(14)])
        #expect(beeps.map(\.1) == [3, 2, 1, 2, 1, 1])
    }

    @Test func beepsStillComeOnTimeWhenTicksAreLate() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 10)])))
        // A tick lands 30 ms after T−1: the beep for 1 is sounded then, none for T.
        d.now = t0 + s(9) + ms(30); d.send(.tick(d.now))
        #expect(d.cues { if case .countdown = $0 { return true } else { return false } } == [t0 + s(9) + ms(30)])
        d.now = t0 + s(10) + ms(40); d.send(.tick(d.now))
        #expect(d.session.endedAt == t0 + s(10))   // ends at its deadline, not when the late tick came
        #expect(d.cues { if case .countdown = $0 { return true } else { return false } }.count == 1)
    }

    @Test func halfwayOnLongWorkAndSwitchSidesCue() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [
            .exercise(Exercise(name: "Side plank", work: .time(.literal(45)), sides: ["left", "right"], switchTime: .literal(10))),
            timed("Short", 10),
        ])))
        d.run()
        // 45 s sides: halfway at 22.5 s into each; the 10 s step is too short for one.
        #expect(d.cues { $0 == .halfway } == [t0 + ms(22_500), t0 + s(55) + ms(22_500)])
        #expect(d.cues { $0 == .switchSides } == [t0 + s(45)])
        #expect(d.cues { $0 == .finish } == [t0 + s(110)])
        // The coach's words as the switch starts.
        let switchStart = try #require(d.log.first { $0.effect == .started(1) })
        #expect(switchStart.at == t0 + s(45))
        #expect(CoachWords.start(d.session.timeline.blocks[1], next: nil, first: false) == "Switch to the right side.")
    }

    @Test func repStepsCountUpAndWaitForDone() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [
            .exercise(Exercise(name: "Sumo squats", work: .reps(.literal(12)))), timed("Rest", 5),
        ])))
        d.run(until: t0 + s(3600), doneAfter: { _ in nil })
        #expect(d.session.index == 0)                           // an hour later it still waits
        #expect(d.session.displaySeconds(at: t0 + s(61)) == 61)  // counting up
        #expect(d.session.nextWake(after: t0 + ms(61_400)) == t0 + s(62))
        d.press(.done, at: t0 + s(3601))
        #expect(d.session.index == 1)
        #expect(d.session.records[0].actual == s(3601))
        #expect(d.session.records[0].completed)
    }

    @Test func holdsRecordTheirTimeAndCueTheTarget() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [
            .exercise(Exercise(name: "Plank hold", work: .hold(target: .literal(45)), position: .literal(0))),
        ])))
        d.run(until: t0 + s(50), doneAfter: { _ in nil })
        #expect(d.cues { $0 == .targetReached } == [t0 + s(45)])
        d.press(.done, at: t0 + ms(52_340))
        #expect(d.session.status == .finished(.finished))
        #expect(d.session.records[0].actual == ms(52_340))
        // Enter on a countdown does nothing.
        var e = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 30)])))
        e.press(.done, at: t0 + s(1))
        #expect(e.session.index == 0 && e.session.status == .running)
    }

    @Test func tenThousandJitteryTicksEndExactlyOnPlan() throws {
        let timeline = try Timeline(coreRoutine())
        var d = Driver(timeline)
        var rng = SplitMix64(seed: 42)
        var ticks = 0
        // Ticks arrive at random, 0–50 ms apart, never aligned to a second.
        while !d.session.status.isFinished {
            d.now += Nanos.random(in: 0...ms(50), using: &rng)
            d.send(.tick(d.now))
            ticks += 1
        }
        #expect(ticks >= 10_000)
        #expect(d.session.endedAt == t0 + timeline.total)
        // Every block lasted exactly its duration, so every boundary fell on its planned instant.
        #expect(d.session.records.map(\.actual) == timeline.blocks.map { $0.duration! })
    }

    @Test func quitAndPainStopEndWithTheirOutcomeAndAPartialRecord() throws {
        let timeline = try Timeline(coreRoutine())
        var d = Driver(timeline)
        d.run(until: t0 + s(20))
        d.press(.quit, at: t0 + s(20))
        #expect(d.session.status == .finished(.stopped))
        #expect(d.session.records.last == BlockRecord(index: 1, block: timeline.blocks[1], actual: s(10), completed: false))
        #expect(d.log.last?.effect == .finish(.stopped))
        #expect(!d.log.contains { $0.effect == .cue(.finish) })

        var p = Driver(timeline)
        p.press(.togglePause, at: t0 + s(2))
        p.press(.painStop, at: t0 + s(9))
        #expect(p.session.status == .finished(.pain))
        #expect(p.session.records.last?.actual == s(2))

        var i = Driver(timeline)
        i.now = t0 + s(4); i.send(.interrupted(t0 + s(4)))
        #expect(i.session.status == .finished(.interrupted))
    }

    @Test func skippingWhilePausedKeepsTheNextBlockPaused() throws {
        var d = Driver(try Timeline(coreRoutine()))
        d.press(.togglePause, at: t0 + s(2))
        d.press(.next, at: t0 + s(4))
        #expect(d.session.status == .paused)
        #expect(d.session.displaySeconds(at: t0 + s(40)) == 30)
        d.press(.togglePause, at: t0 + s(10))
        #expect(d.session.deadline == t0 + s(40))
    }

    @Test func suspendingPausesARunningSession() throws {
        var d = Driver(try Timeline(coreRoutine()))
        d.now = t0 + s(3); d.send(.suspended(t0 + s(3)))
        #expect(d.session.status == .paused)
        #expect(d.session.displaySeconds(at: t0 + s(100)) == 7)
    }

    @Test func nextWakeIsTheNextVisibleChange() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 45)])))
        #expect(d.session.nextWake(after: t0) == t0 + s(1))
        #expect(d.session.nextWake(after: t0 + ms(1_300)) == t0 + s(2))
        // Halfway of 45 s is at 22.5 s: a cue between two whole seconds.
        #expect(d.session.nextWake(after: t0 + s(22)) == t0 + ms(22_500))
        #expect(d.session.nextWake(after: t0 + ms(44_999)) == t0 + s(45))
        d.press(.togglePause, at: t0 + s(1))
        #expect(d.session.nextWake(after: t0 + s(1)) == nil)
        #expect(Session(timeline: d.session.timeline).nextWake(after: t0) == nil)
    }

    @Test func displayRoundsCountdownsUpAndCountUpsDown() throws {
        let d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [timed("Plank", 45)])))
        #expect(d.session.displaySeconds(at: t0) == 45)
        #expect(d.session.displaySeconds(at: t0 + ms(1)) == 45)
        #expect(d.session.displaySeconds(at: t0 + s(1)) == 44)
        #expect(d.session.displaySeconds(at: t0 + ms(44_001)) == 1)
        #expect(d.session.timeLeftOverall(at: t0 + s(5)) == s(40))
        #expect(abs(d.session.progress(at: t0 + ms(22_500)) - 0.5) < 1e-9)
    }

    @Test func anEmptyTimelineFinishesAtOnce() {
        var session = Session(timeline: Timeline(routineID: "e", title: "e", blocks: []))
        #expect(session.handle(.start(t0)) == [.finish(.finished)])
        #expect(session.handle(.tick(t0 + s(1))).isEmpty)
    }

    // MARK: A runner's first week (issue 8)

    /// A hold opens with "Get into position" (5 s unless the step says otherwise); Enter during it starts
    /// the clock at once, and the hold is timed from then.
    @Test func aHoldStartsWhenTheRunnerIsInPosition() throws {
        let timeline = try Timeline(Routine(id: "hold", title: "Plank hold", steps: [
            .exercise(Exercise(name: "Plank hold", work: .hold(target: .literal(30)))),
        ]))
        #expect(timeline.blocks.map(\.name) == [positionBlockName, "Plank hold"])
        #expect(timeline.blocks[0].kind == .getReady && timeline.blocks[0].duration == s(defaultHoldPosition))
        var d = Driver(timeline)
        d.press(.done, at: t0 + ms(1_200))          // in position early: Enter starts the clock now
        #expect(d.session.index == 1 && d.session.blockStart == t0 + ms(1_200))
        d.press(.done, at: t0 + ms(3_200))
        #expect(d.session.records.map(\.actual) == [ms(1_200), s(2)])
        #expect(d.session.records.allSatisfy { $0.completed })
        // Left alone, the countdown runs its 5 s; `get-ready: 0s` means none.
        var e = Driver(timeline)
        e.run(until: t0 + s(6), doneAfter: { _ in nil })
        #expect(e.starts.map(\.at) == [t0, t0 + s(5)])
        let none = try Timeline(Routine(id: "h", title: "h", steps: [
            .exercise(Exercise(name: "Plank hold", work: .hold(target: nil), position: .literal(0))),
        ]))
        #expect(none.blocks.map(\.name) == ["Plank hold"])
    }

    /// A rep or hold step that ends by itself (nobody can press Enter) is recorded as not done.
    @Test func aStepThatLapsesIsNotDone() throws {
        var d = Driver(try Timeline(Routine(id: "t", title: "t", steps: [
            .exercise(Exercise(name: "Sumo squats", work: .reps(.literal(5)))), timed("Plank", 5),
        ])))
        d.press(.lapse, at: t0 + s(15))
        #expect(d.log.contains { $0.effect == .lapsed(0) })
        #expect(d.session.records[0].ending == .lapsed && !d.session.records[0].completed)
        // On a countdown, lapse means nothing.
        d.press(.lapse, at: t0 + s(16))
        #expect(d.session.index == 1)
    }

    /// Back and next: one record per block, with the active time of every visit added up.
    @Test func goingBackNeverLosesTime() throws {
        let timeline = try Timeline(Routine(id: "t", title: "t", steps: [timed("A", 30), timed("B", 30), timed("C", 30)]))
        var d = Driver(timeline)
        d.run(until: t0 + s(40))                   // A done (30 s), 10 s into B
        d.press(.back, at: t0 + s(40))             // back to A: B's 10 s are kept
        d.press(.next, at: t0 + s(45))             // 5 more seconds in A, then skip on
        d.run(until: t0 + s(50))                   // 5 s into B again
        d.press(.next, at: t0 + s(50))
        d.run()
        #expect(d.session.records.map(\.index) == [0, 1, 2])
        #expect(d.session.records.map(\.actual) == [s(35), s(15), s(30)])
        #expect(d.session.records.map(\.ending) == [.completed, .skipped, .completed])
        #expect(d.session.activeTotal == s(80))
        // Each save carries the block's whole time so far, so a store that keeps the last one per block is right.
        let saves = d.log.compactMap { if case .save(let r) = $0.effect { return r } else { return nil } }
        #expect(saves.last { $0.index == 0 }?.actual == s(35))
        #expect(saves.last { $0.index == 1 }?.actual == s(15))
    }

    /// "Active" is exercise time: rests and get-ready are not in it.
    @Test func exerciseTimeLeavesOutRestsAndGetReady() throws {
        let timeline = try Timeline(coreRoutine(sets: 2))
        var d = Driver(timeline)
        d.run()
        #expect(d.session.activeTotal == s(4 * 30))
        #expect(timeline.exerciseTotal == s(4 * 30))
    }
}
