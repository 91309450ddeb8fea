import Foundation
import RoutineKit
import Testing
import TestSupport
@testable import RunnerLog

/// The plank progression and the counting rule, on a fixed calendar.
@Suite("Progression and counting")
struct ProgressionTests {
    static let cal = utcCalendar
    /// 2026-11-16 (a Monday) + days, at 07:00 UTC.
    func day(_ n: Int, hour: Int = 7) -> Date {
        Self.cal.date(from: DateComponents(year: 2026, month: 11, day: 16 + n, hour: hour))!
    }

    func plank(_ position: Int, dose: Int, actual: Double, ending: Ending = .completed) -> BlockRow {
        BlockRow(position: position, name: "Plank", kind: .work, set: nil, side: nil, item: nil, plannedSeconds: Double(dose),
                 estimateSeconds: Double(dose), actualSeconds: actual, ending: ending, dose: "plank")
    }

    func warmup(_ dose: Int, outcome: Outcome, second: BlockRow? = nil, on n: Int = 0) -> SessionRow {
        SessionRow(id: 1, routineID: "warmup", routineTitle: "Pre-run warm-up", role: .warmup, params: ["plank": "\(dose)s"],
                   startedAt: day(n), endedAt: nil, day: CalendarDay.string(day(n), Self.cal), plannedSeconds: 600, activeSeconds: 600,
                   outcome: outcome, plannedBlocks: 2,
                   blocks: [plank(2, dose: dose, actual: Double(dose)), second ?? plank(4, dose: dose, actual: Double(dose))], holds: [])
    }

    @Test(arguments: [
        // (last session, expected dose, expected reason); "now" is Thursday 19 Nov, the session Tuesday 17 Nov.
        (nil as (Int, Outcome)?, 30, "starting dose"),
        ((30, .finished), 35, "up 5 s after Tuesday's session"),
        ((40, .stopped), 40, "kept after Tuesday's session: stopped early"),
        ((45, .pain), 45, "kept after Tuesday's session: stopped for pain"),
        ((45, .interrupted), 45, "kept after Tuesday's session: it was interrupted"),
        ((60, .finished), 60, "kept at 60 s, the top of the range"),
        ((58, .finished), 60, "up 2 s after Tuesday's session"),
    ])
    func theNextPlankFollowsTheLastSession(last: (Int, Outcome)?, dose: Int, reason: String) {
        let sessions = last.map { [warmup($0.0, outcome: $0.1, on: 1)] } ?? []
        let next = PlankProgression.next(param: "plank", sessions: sessions, now: day(3), calendar: Self.cal)
        #expect(next.seconds == dose)
        #expect(next.reason == reason)
    }

    /// The dose goes up only when every plank was held its full dose: one cut to 0:00 with `-` (it "ran to its
    /// end" early), one cut to half, or one skipped keeps it.
    @Test(arguments: [
        (BlockRow?.none, 45),
        (BlockRow(position: 4, name: "Plank", kind: .work, set: nil, side: nil, item: nil, plannedSeconds: 40, estimateSeconds: 40,
                  actualSeconds: 0, ending: .completed, dose: "plank"), 40),
        (BlockRow(position: 4, name: "Plank", kind: .work, set: nil, side: nil, item: nil, plannedSeconds: 40, estimateSeconds: 40,
                  actualSeconds: 20, ending: .completed, dose: "plank"), 40),
        (BlockRow(position: 4, name: "Plank", kind: .work, set: nil, side: nil, item: nil, plannedSeconds: 40, estimateSeconds: 40,
                  actualSeconds: 39.5, ending: .skipped, dose: "plank"), 40),
    ])
    func onlyPlanksHeldInFullRaiseTheDose(second: BlockRow?, dose: Int) {
        let s = warmup(40, outcome: .finished, second: second, on: 1)
        #expect(PlankProgression.next(param: "plank", sessions: [s], now: day(3), calendar: Self.cal).seconds == dose)
        if second?.ending == .skipped {
            #expect(PlankProgression.next(param: "plank", sessions: [s], now: day(3), calendar: Self.cal).reason
                    == "kept after Tuesday's session: a plank was skipped")
        }
    }

    @Test func aHoldBelowItsTargetDoesNotRaiseIt() {
        func hold(_ secs: Double, target: Double) -> SessionRow {
            SessionRow(id: 1, routineID: "hold", routineTitle: "Plank hold", role: .hold, params: ["target": "\(Int(target))s"], startedAt: day(2),
                       endedAt: nil, day: "2026-11-18", plannedSeconds: target, activeSeconds: secs, outcome: .finished,
                       blocks: [BlockRow(position: 0, name: "Plank hold", kind: .hold, set: nil, side: nil, item: nil, plannedSeconds: nil,
                                         estimateSeconds: target, actualSeconds: secs, ending: .completed, dose: "target")],
                       holds: [HoldRow(name: "Plank hold", seconds: secs, targetSeconds: target, completed: true, recordedAt: day(2))])
        }
        #expect(PlankProgression.next(param: "target", sessions: [hold(47, target: 45)], now: day(2, hour: 20), calendar: Self.cal)
                == (50, "up 5 s after today's session"))
        #expect(PlankProgression.next(param: "target", sessions: [hold(40, target: 45)], now: day(3), calendar: Self.cal)
                == (45, "kept after yesterday's session: the hold fell short of its target"))
    }

    /// A dose typed for one session outside 30–60 s is a one-off: the suggestion stays in range, and says
    /// "up" only when it went up.
    @Test func aOneOffDoseNeverPullsTheProgressionOutOfRange() {
        let tenSeconds = warmup(10, outcome: .finished, on: 2)
        #expect(PlankProgression.next(param: "plank", sessions: [tenSeconds], now: day(3), calendar: Self.cal) == (30, "starting dose"))
        let before = warmup(40, outcome: .finished, on: 1)
        #expect(PlankProgression.next(param: "plank", sessions: [tenSeconds, before], now: day(3), calendar: Self.cal)
                == (45, "up 5 s after Tuesday's session"))
        #expect(PlankProgression.next(param: "plank", sessions: [warmup(90, outcome: .finished, on: 2)], now: day(3), calendar: Self.cal).seconds == 30)
    }

    /// A session in which a step ended by itself (nobody pressed Enter) keeps the dose.
    @Test func aLapsedStepNeverRaisesTheDose() {
        var s = warmup(40, outcome: .finished, on: 1)
        s.blocks.append(BlockRow(position: 6, name: "Sumo squats", kind: .reps, set: nil, side: nil, item: nil, plannedSeconds: nil,
                                 estimateSeconds: 36, actualSeconds: 36, ending: .lapsed))
        #expect(PlankProgression.next(param: "plank", sessions: [s], now: day(3), calendar: Self.cal)
                == (40, "kept after Tuesday's session: a step ended without you pressing Enter"))
    }

    /// The rule, step by step: half a timed step's planned time; a rep or hold step ended by the runner; half
    /// of the session's planned exercise.
    @Test func whatCounts() {
        func work(_ planned: Double, _ actual: Double, _ ending: Ending = .completed) -> StepDone {
            StepDone(kind: .work, planned: planned, actual: actual, ending: ending)
        }
        #expect(Counting.counts(work(30, 15, .cutShort)))
        #expect(!Counting.counts(work(30, 14.9, .completed)))        // cut with - to under half
        #expect(!Counting.counts(StepDone(kind: .hold, planned: 30, actual: 45, ending: .lapsed)))
        #expect(Counting.counts(StepDone(kind: .reps, planned: 36, actual: 20, ending: .completed)))
        #expect(!Counting.counts(StepDone(kind: .getReady, planned: 10, actual: 10, ending: .completed)))
        // Half the planned exercise: 300 s of aerobic done of 600 planned counts; 299 s does not.
        #expect(Counting.session([work(300, 300)], plannedExercise: 600).counts)
        #expect(!Counting.session([work(299, 299)], plannedExercise: 600).counts)
        let none = Counting.session([], plannedExercise: 180)
        #expect(!none.counts && none.why == "It does not count as a session: none of its exercise steps was done (a timed step counts from half its time).")
        let little = Counting.session([work(30, 30), work(30, 3, .skipped)], plannedExercise: 180)
        #expect(little.why == "It does not count as a session: its steps done make 0:30 of its 3:00 of exercise, and a session counts from half.")
    }
}
