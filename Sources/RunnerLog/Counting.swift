import Foundation
import RoutineKit

/// One step of a session as it was done, for the counting rule: its kind, the time it was planned to take
/// (for rep and hold steps, the planning estimate: 3 s a rep, the hold's target), the time exercised in it,
/// and how it ended.
public struct StepDone: Sendable, Equatable {
    public var kind: StepKind
    public var planned: Double
    public var actual: Double
    public var ending: Ending

    public init(kind: StepKind, planned: Double, actual: Double, ending: Ending) {
        self.kind = kind
        self.planned = planned
        self.actual = actual
        self.ending = ending
    }

    /// A step of a live session.
    public init(_ record: BlockRecord) {
        self.init(kind: record.block.kind.step, planned: Double(record.block.estimate) / 1e9,
                  actual: Double(record.actual) / 1e9, ending: record.ending)
    }
}

/// Whether a session counts, and the figures behind it.
public struct SessionCount: Sendable, Equatable {
    /// It counts: as a warm-up before a run, a core day, a day of a streak, a step of the progression.
    public var counts: Bool
    /// Planned exercise time of the steps that counted, and of the whole session (seconds).
    public var counted: Double
    public var planned: Double

    public init(counts: Bool, counted: Double, planned: Double) {
        self.counts = counts
        self.counted = counted
        self.planned = planned
    }

    /// A session taken as done (one projected into the week's plan).
    public static let done = SessionCount(counts: true, counted: 1, planned: 1)

    /// Why it does not count, in a sentence for the summary; nil when it counts.
    public var why: String? {
        guard !counts else { return nil }
        if planned <= 0 { return "It does not count as a session: it has no exercise steps." }
        if counted <= 0 { return "It does not count as a session: none of its exercise steps was done (a timed step counts from half its time)." }
        return "It does not count as a session: its steps done make \(DurationText.clock(Int(counted.rounded()))) of its "
            + "\(DurationText.clock(Int(planned.rounded()))) of exercise, and a session counts from half."
    }
}

/// The one rule for what counts, used by the summary, the warm-up before a run, core days, streaks and the
/// plank progression alike:
///  - a timed exercise step counts when at least half its planned time was exercised;
///  - a rep or hold step counts when the runner ended it (Enter);
///  - a session counts when the steps that count make at least half of its planned exercise time.
/// Get-ready, rests, switches and moves are not exercise and never count.
public enum Counting {
    public static func counts(_ step: StepDone) -> Bool {
        switch step.kind {
        case .work: return step.planned > 0 ? step.actual >= step.planned / 2 : step.ending == .completed
        case .reps, .hold: return step.ending == .completed
        default: return false
        }
    }

    /// `planned` is the exercise time of the whole plan, steps never reached included.
    public static func session(_ steps: [StepDone], plannedExercise planned: Double) -> SessionCount {
        let counted = steps.filter(counts).reduce(0) { $0 + $1.planned }
        return SessionCount(counts: planned > 0 && counted >= planned / 2, counted: counted, planned: planned)
    }

    /// The planned exercise of a session recorded before runcore kept it: the exercise steps it reached and,
    /// when it stopped before the end of its plan, all the plan's time it did not reach, taken as exercise (so a
    /// session left early is never measured against less than it left out).
    public static func legacyPlannedExercise(_ steps: [StepDone], plannedSeconds: Double?, plannedBlocks: Int?) -> Double {
        let reachedExercise = steps.filter(\.kind.isExercise).reduce(0) { $0 + $1.planned }
        guard let plannedBlocks, steps.count < plannedBlocks, let plannedSeconds else { return reachedExercise }
        return reachedExercise + max(0, plannedSeconds - steps.reduce(0) { $0 + $1.planned })
    }

    /// A live session, as it stands.
    public static func session(_ session: Session) -> SessionCount {
        Self.session(session.records.map(StepDone.init), plannedExercise: Double(session.timeline.exerciseTotal) / 1e9)
    }

    /// The shortest hold taken as a best (seconds): a plank held for less is a slip of the key, not a record
    /// to beat. Such a hold is kept in the history all the same.
    public static let shortestBestHold = 5.0

    /// Whether a step timed by the progressing dose was held in full: run to its end without being cut
    /// short with `-` (a timed step), or ended by the runner at or past its target (a hold).
    public static func heldInFull(_ step: StepDone, target: Double?) -> Bool {
        guard step.ending == .completed else { return false }
        switch step.kind {
        case .work: return step.actual + 0.05 >= step.planned
        case .hold: return step.actual + 0.05 >= (target ?? step.planned)
        default: return false
        }
    }
}
