import Foundation
import GRDB
import RoutineKit
import RunnerLog

extension HistoryStore {
    /// What a session's row starts with.
    public struct SessionStart: Sendable, Equatable {
        public var routineID: String
        public var title: String
        public var role: Role?
        public var params: [String: String]
        public var startedAt: Date
        public var day: String
        public var plannedSeconds: Double
        /// The plan's exercise time: what the counting rule measures the session against.
        public var exerciseSeconds: Double?
        public var plannedBlocks: Int?
        public init(routineID: String, title: String, role: Role? = nil, params: [String: String], startedAt: Date, day: String,
                    plannedSeconds: Double, exerciseSeconds: Double? = nil, plannedBlocks: Int?) {
            self.routineID = routineID
            self.title = title
            self.role = role
            self.exerciseSeconds = exerciseSeconds
            self.params = params
            self.startedAt = startedAt
            self.day = day
            self.plannedSeconds = plannedSeconds
            self.plannedBlocks = plannedBlocks
        }
    }

    /// Writes what one flush of a session gathered, in one transaction: the session's row if `start` is given,
    /// its blocks, whether it counts so far (`count`, by the rule in `Counting`), and its end. Returns the
    /// session's id.
    @discardableResult
    public func commit(start: SessionStart?, session: Int64?, records: [BlockRecord], count: SessionCount? = nil,
                       finish: (Outcome, Date)?, at date: Date) throws -> Int64 {
        try write { db in
            var id = session ?? -1
            if let b = start {
                let json = Self.json(b.params)
                try db.execute(sql: """
                    INSERT INTO session (routine_id, routine_title, role, params, started_at, day, planned_seconds, exercise_seconds,
                      planned_blocks, outcome, counted_seconds, counts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'interrupted', 0, 0)
                    """, arguments: [b.routineID, b.title, b.role?.rawValue, json, b.startedAt.storedText, b.day, b.plannedSeconds, b.exerciseSeconds,
                                     b.plannedBlocks])
                id = db.lastInsertedRowID
            }
            for record in records { try Self.insert(record, session: id, at: date, db) }
            if let count {
                try db.execute(sql: "UPDATE session SET counted_seconds = ?, counts = ? WHERE id = ?", arguments: [count.counted, count.counts, id])
            }
            if let (outcome, end) = finish {
                try db.execute(sql: "UPDATE session SET outcome = ?, ended_at = ? WHERE id = ?", arguments: [outcome.rawValue, end.storedText, id])
            }
            return id
        }
    }


    /// A session's doses as a JSON object, keys in order (`{"plank":"45s"}`). (JSONEncoder, not
    /// JSONSerialization: the same text for a session's first commit at an eighth of the cost.)
    static func json(_ params: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(params)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Writes a block's record, replacing an earlier record of the same block (the runner went back to it),
    /// so each block has one row with the active time of all its visits.
    private static func insert(_ record: BlockRecord, session: Int64, at date: Date, _ db: Database) throws {
        let b = record.block
        let actual = Double(record.actual) / 1e9
        try db.execute(sql: "DELETE FROM hold WHERE block_position = ? AND session_id = ?", arguments: [record.index, session])
        try db.execute(sql: "DELETE FROM block WHERE position = ? AND session_id = ?", arguments: [record.index, session])
        try db.execute(sql: """
            INSERT INTO block (session_id, position, name, kind, set_label, side, item, planned_seconds, estimate_seconds, actual_seconds,
              completed, ending, dose)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [session, record.index, b.name, b.kind.word, b.set.map { "\($0.index)/\($0.count)" },
                             b.side, b.item, b.duration.map { Double($0) / 1e9 }, Double(b.estimate) / 1e9, actual, record.completed,
                             record.ending.rawValue, b.dose])
        if case .hold(let target) = b.kind {
            try db.execute(sql: """
                INSERT INTO hold (session_id, block_position, name, seconds, target_seconds, completed, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, record.index, b.title, actual, target.map { Double($0) / 1e9 }, record.completed, date.storedText])
        }
        try db.execute(sql: """
            UPDATE session SET active_seconds = (SELECT COALESCE(SUM(actual_seconds), 0) FROM block
              WHERE session_id = ?1 AND kind IN ('work', 'reps', 'hold') AND COALESCE(ending, '') != 'lapsed') WHERE id = ?1
            """, arguments: [session])
    }


    /// Remembers a choice the runner made (the muscle groups picked in the menu), by key.
    public func setPreference(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

}
