import Foundation
import RoutineKit

/// One session as stored.
public struct SessionRow: Sendable, Equatable {
    public var id: Int64
    public var routineID: String
    public var routineTitle: String
    public var params: [String: String]
    public var startedAt: Date
    public var endedAt: Date?
    /// The runner's local calendar day of the start, `yyyy-MM-dd`.
    public var day: String
    public var plannedSeconds: Double
    /// Exercise time: active seconds in work, rep and hold blocks.
    public var activeSeconds: Double
    public var outcome: String
    /// Blocks in the plan (nil in sessions recorded before runcore kept it).
    public var plannedBlocks: Int? = nil
    public var blocks: [BlockRow]
    public var holds: [HoldRow]
    /// Blocks completed and blocks kept, also when the blocks themselves were not read (a light read).
    public var blockCounts: (done: Int, kept: Int)? = nil

    public var blocksDone: Int { blockCounts?.done ?? blocks.filter(\.completed).count }
    public var blocksKept: Int { blockCounts?.kept ?? blocks.count }

    public init(id: Int64, routineID: String, routineTitle: String, params: [String: String], startedAt: Date, endedAt: Date?,
                day: String, plannedSeconds: Double, activeSeconds: Double, outcome: String, plannedBlocks: Int? = nil,
                blocks: [BlockRow], holds: [HoldRow], blockCounts: (done: Int, kept: Int)? = nil) {
        self.id = id
        self.routineID = routineID
        self.routineTitle = routineTitle
        self.params = params
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.day = day
        self.plannedSeconds = plannedSeconds
        self.activeSeconds = activeSeconds
        self.outcome = outcome
        self.plannedBlocks = plannedBlocks
        self.blocks = blocks
        self.holds = holds
        self.blockCounts = blockCounts
    }

    public static func == (a: SessionRow, b: SessionRow) -> Bool {
        a.id == b.id && a.routineID == b.routineID && a.routineTitle == b.routineTitle && a.params == b.params
            && a.startedAt == b.startedAt && a.endedAt == b.endedAt && a.day == b.day && a.plannedSeconds == b.plannedSeconds
            && a.activeSeconds == b.activeSeconds && a.outcome == b.outcome && a.plannedBlocks == b.plannedBlocks
            && a.blocks == b.blocks && a.holds == b.holds
    }
}

public struct BlockRow: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var kind: String
    public var set: String?
    public var side: String?
    public var item: String?
    public var plannedSeconds: Double?
    public var actualSeconds: Double
    public var completed: Bool
    /// `completed`, `skipped`, `cutShort` or `lapsed` (see `Ending`).
    public var ending: String
    public var isExercise: Bool { ["work", "reps", "hold"].contains(kind) }

    public init(position: Int, name: String, kind: String, set: String?, side: String?, item: String?,
                plannedSeconds: Double?, actualSeconds: Double, completed: Bool, ending: String? = nil) {
        self.position = position
        self.name = name
        self.kind = kind
        self.set = set
        self.side = side
        self.item = item
        self.plannedSeconds = plannedSeconds
        self.actualSeconds = actualSeconds
        self.completed = completed
        self.ending = ending ?? (completed ? Ending.completed.rawValue : Ending.cutShort.rawValue)
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

/// One session, as streaks and core days need it.
public struct DayActivity: Sendable, Equatable {
    public var day: String
    public var routineID: String
    public var exercised: Bool
    public init(day: String, routineID: String, exercised: Bool) {
        self.day = day
        self.routineID = routineID
        self.exercised = exercised
    }
}
