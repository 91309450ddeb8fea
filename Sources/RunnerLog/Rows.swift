import Foundation
import RoutineKit

/// One session as stored, decoded into the engine's own types.
public struct SessionRow: Sendable, Equatable {
    public var id: Int64
    public var routineID: String
    public var routineTitle: String
    /// What the routine counted as when the session ran (nil for a routine with no role).
    public var role: Role?
    public var params: [String: String]
    public var startedAt: Date
    public var endedAt: Date?
    /// The runner's local calendar day of the start, `yyyy-MM-dd`.
    public var day: String
    public var plannedSeconds: Double
    /// The plan's exercise time, steps never reached included (nil in sessions recorded before runcore kept it).
    public var plannedExerciseSeconds: Double?
    /// Exercise time: active seconds in work, rep and hold blocks.
    public var activeSeconds: Double
    public var outcome: Outcome
    /// Blocks in the plan (nil in sessions recorded before runcore kept it).
    public var plannedBlocks: Int? = nil
    public var blocks: [BlockRow]
    public var holds: [HoldRow]
    /// Blocks completed and blocks kept, also when the blocks themselves were not read (a light read).
    public var blockCounts: (done: Int, kept: Int)? = nil
    /// Whether it counts, as recorded with it (nil in sessions recorded before runcore kept it).
    public var storedCount: SessionCount? = nil

    public var blocksDone: Int { blockCounts?.done ?? blocks.filter(\.completed).count }
    public var blocksKept: Int { blockCounts?.kept ?? blocks.count }

    public init(id: Int64, routineID: String, routineTitle: String, role: Role? = nil, params: [String: String], startedAt: Date,
                endedAt: Date?, day: String, plannedSeconds: Double, plannedExerciseSeconds: Double? = nil, activeSeconds: Double,
                outcome: Outcome, plannedBlocks: Int? = nil, blocks: [BlockRow], holds: [HoldRow],
                blockCounts: (done: Int, kept: Int)? = nil) {
        self.id = id
        self.routineID = routineID
        self.routineTitle = routineTitle
        self.role = role
        self.params = params
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.day = day
        self.plannedSeconds = plannedSeconds
        self.plannedExerciseSeconds = plannedExerciseSeconds
        self.activeSeconds = activeSeconds
        self.outcome = outcome
        self.plannedBlocks = plannedBlocks
        self.blocks = blocks
        self.holds = holds
        self.blockCounts = blockCounts
    }

    public static func == (a: SessionRow, b: SessionRow) -> Bool {
        a.id == b.id && a.routineID == b.routineID && a.routineTitle == b.routineTitle && a.role == b.role && a.params == b.params
            && a.startedAt == b.startedAt && a.endedAt == b.endedAt && a.day == b.day && a.plannedSeconds == b.plannedSeconds
            && a.plannedExerciseSeconds == b.plannedExerciseSeconds && a.activeSeconds == b.activeSeconds
            && a.outcome == b.outcome && a.plannedBlocks == b.plannedBlocks && a.blocks == b.blocks && a.holds == b.holds
            && a.storedCount == b.storedCount
    }

    /// Whether it counts: as recorded with it, by the one rule (`Counting`); for a session from before runcore
    /// recorded it, the rule applied to its steps (`Counting.legacyPlannedExercise`).
    public var count: SessionCount {
        if let storedCount { return storedCount }
        let steps = blocks.map(\.done)
        return Counting.session(steps, plannedExercise: plannedExerciseSeconds
            ?? Counting.legacyPlannedExercise(steps, plannedSeconds: plannedSeconds, plannedBlocks: plannedBlocks))
    }

    /// As the rules read it.
    public var logged: LoggedSession {
        LoggedSession(id: id, startedAt: startedAt, day: day, routineID: routineID, title: routineTitle, role: role,
                      outcome: outcome, count: count)
    }
}

public struct BlockRow: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var kind: StepKind
    public var set: String?
    public var side: String?
    public var item: String?
    /// The countdown's length; nil for steps that count up.
    public var plannedSeconds: Double?
    /// The planning estimate (the countdown, 3 s a rep, a hold's target); nil in rows from before it was kept.
    public var estimateSeconds: Double?
    public var actualSeconds: Double
    public var ending: Ending
    /// The parameter that set its time or target (`plank`), when one did.
    public var dose: String?

    public var completed: Bool { ending == .completed }
    public var isExercise: Bool { kind.isExercise }

    public init(position: Int, name: String, kind: StepKind, set: String?, side: String?, item: String?,
                plannedSeconds: Double?, estimateSeconds: Double? = nil, actualSeconds: Double, ending: Ending, dose: String? = nil) {
        self.position = position
        self.name = name
        self.kind = kind
        self.set = set
        self.side = side
        self.item = item
        self.plannedSeconds = plannedSeconds
        self.estimateSeconds = estimateSeconds
        self.actualSeconds = actualSeconds
        self.ending = ending
        self.dose = dose
    }

    /// As the counting rule reads it. Rows from before the estimate was kept plan a count-up step at 30 s.
    public var done: StepDone {
        StepDone(kind: kind, planned: estimateSeconds ?? plannedSeconds ?? Double(plannedHoldWithoutTarget),
                 actual: actualSeconds, ending: ending)
    }
}

public struct HoldRow: Sendable, Equatable {
    public var name: String
    public var seconds: Double
    public var targetSeconds: Double?
    /// False when the hold was not ended by the runner (input closed, session stopped): not a record.
    public var completed: Bool
    public var recordedAt: Date
    public init(name: String, seconds: Double, targetSeconds: Double?, completed: Bool, recordedAt: Date) {
        self.name = name
        self.seconds = seconds
        self.targetSeconds = targetSeconds
        self.completed = completed
        self.recordedAt = recordedAt
    }
    /// Whether the hold reached its target; nil when it had none.
    public var reachedTarget: Bool? { targetSeconds.map { seconds >= $0 } }
}
