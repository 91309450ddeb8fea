import Foundation
import GRDB
import RoutineKit

// Every read decodes defensively: a row with a value that is not what it should be (a date that is not a
// date, text where a number belongs, NULL where a value belongs, a time of 1e18 s or infinity) is left out
// and named once in `problems`; everything readable is returned.
extension HistoryStore {
    func note(_ problem: String) {
        let line = "\(path): \(problem)"
        if !problems.contains(line) { problems.append(line) }
    }

    /// The longest a stored time may be and still be read as one: a week.
    static let longestTime = 86_400.0 * 7

    enum Bad: Error { case field(String, String) }

    static func text(_ row: Row, _ column: String, optional: Bool = false) throws -> String? {
        let v: DatabaseValue = row[column] ?? .null
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .string(let s) = v.storage else { throw Bad.field(column, "is not text") }
        return s
    }

    static func date(_ row: Row, _ column: String, optional: Bool = false) throws -> Date? {
        let v: DatabaseValue = row[column] ?? .null
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .string = v.storage, let d = Date.fromDatabaseValue(v) else { throw Bad.field(column, "is not a date") }
        return d
    }

    static func seconds(_ row: Row, _ column: String, optional: Bool = false) throws -> Double? {
        let v: DatabaseValue = row[column] ?? .null
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        let d: Double
        switch v.storage {
        case .double(let x): d = x
        case .int64(let n): d = Double(n)
        default: throw Bad.field(column, "is not a number")
        }
        guard d.isFinite, d >= 0, d <= longestTime else { throw Bad.field(column, "is not a time (\(d))") }
        return d
    }

    static func int(_ row: Row, _ column: String, optional: Bool = false) throws -> Int? {
        let v: DatabaseValue = row[column] ?? .null
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .int64(let n) = v.storage, n.magnitude < 1 << 40 else { throw Bad.field(column, "is not a whole number") }
        return Int(n)
    }

    static func bool(_ row: Row, _ column: String) throws -> Bool {
        let v: DatabaseValue = row[column] ?? .null
        guard case .int64(let n) = v.storage else { throw Bad.field(column, v.isNull ? "is missing" : "is not true or false") }
        return n != 0
    }

    static func id(_ row: Row, _ column: String = "id") -> String {
        let v: DatabaseValue = row[column] ?? .null
        if case .int64(let n) = v.storage { return String(n) }
        return "?"
    }

    func decodeSession(_ row: Row, _ db: Database) throws -> SessionRow? {
        let sid: Int64 = { if case .int64(let n) = (row["id"] as DatabaseValue? ?? .null).storage { return n }; return -1 }()
        let session: SessionRow
        do {
            let paramsText = try Self.text(row, "params") ?? "{}"
            let params = (try? JSONSerialization.jsonObject(with: Data(paramsText.utf8))) as? [String: String] ?? [:]
            session = SessionRow(
                id: sid, routineID: try Self.text(row, "routine_id")!, routineTitle: try Self.text(row, "routine_title")!,
                params: params, startedAt: try Self.date(row, "started_at")!, endedAt: try Self.date(row, "ended_at", optional: true),
                day: try Self.text(row, "day")!, plannedSeconds: try Self.seconds(row, "planned_seconds")!,
                activeSeconds: try Self.seconds(row, "active_seconds")!, outcome: try Self.text(row, "outcome")!,
                plannedBlocks: row.hasColumn("planned_blocks") ? try Self.int(row, "planned_blocks", optional: true) : nil,
                blocks: [], holds: [])
        } catch Bad.field(let column, let what) {
            note("session \(sid): \(column) \(what)")
            return nil
        }
        var out = session
        let blocks = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM block WHERE session_id = ? ORDER BY position, id"),
                                         arguments: [sid])
        while let b = try blocks.next() {
            do {
                out.blocks.append(BlockRow(
                    position: try Self.int(b, "position")!, name: try Self.text(b, "name")!, kind: try Self.text(b, "kind")!,
                    set: try Self.text(b, "set_label", optional: true), side: try Self.text(b, "side", optional: true),
                    item: try Self.text(b, "item", optional: true), plannedSeconds: try Self.seconds(b, "planned_seconds", optional: true),
                    actualSeconds: try Self.seconds(b, "actual_seconds")!, completed: try Self.bool(b, "completed"),
                    ending: b.hasColumn("ending") ? try Self.text(b, "ending", optional: true) : nil))
            } catch Bad.field(let column, let what) {
                note("session \(sid): block \(Self.id(b)): \(column) \(what)")
            }
        }
        let holds = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM hold WHERE session_id = ? ORDER BY id"), arguments: [sid])
        while let h = try holds.next() {
            if let hold = decodeHold(h) { out.holds.append(hold) }
        }
        return out
    }

    func decodeHold(_ h: Row) -> HoldRow? {
        do {
            return HoldRow(name: try Self.text(h, "name")!, seconds: try Self.seconds(h, "seconds")!,
                           targetSeconds: try Self.seconds(h, "target_seconds", optional: true),
                           completed: try Self.bool(h, "completed"), recordedAt: try Self.date(h, "recorded_at")!)
        } catch Bad.field(let column, let what) {
            note("session \(Self.id(h, "session_id")): hold \(Self.id(h)): \(column) \(what)")
            return nil
        } catch {
            return nil
        }
    }

    /// Calls `body` with each session, newest first, with its blocks and holds, one at a time, until it
    /// returns false: a history of any length streams without being held in memory.
    public func forEachSession(limit: Int? = nil, routine: String? = nil, _ body: (SessionRow) throws -> Bool) throws {
        try read { db in
            var sql = "SELECT * FROM session"
            var args: [DatabaseValueConvertible] = []
            if let routine { sql += " WHERE routine_id = ?"; args.append(routine) }
            sql += " ORDER BY started_at DESC, id DESC"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args)!)
            while let row = try rows.next() {
                guard let session = try decodeSession(row, db) else { continue }
                if try !body(session) { break }
            }
        }
    }

    /// Sessions, newest first, with their blocks and holds.
    public func sessions(limit: Int? = nil, routine: String? = nil) throws -> [SessionRow] {
        var out: [SessionRow] = []
        try forEachSession(limit: limit, routine: routine) { out.append($0); return true }
        return out
    }

    /// Holds the runner ended themselves, newest first (an index makes the last few instant).
    public func holds(limit: Int? = nil) throws -> [HoldRow] {
        try read { db in
            var sql = "SELECT * FROM hold WHERE completed = 1 ORDER BY recorded_at DESC, id DESC"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql).compactMap { decodeHold($0) }
        }
    }

    /// The longest hold the runner ended themselves; rows that are not a time are passed over.
    public func bestHoldRow() throws -> HoldRow? {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT * FROM hold WHERE completed = 1 AND typeof(seconds) IN ('real', 'integer')
                  AND seconds >= 0 AND seconds <= ? ORDER BY seconds DESC, id DESC
                """, arguments: [Self.longestTime])
            while let row = try rows.next() {
                if let hold = decodeHold(row) { return hold }
            }
            return nil
        }
    }

    public func bestHold() throws -> Double? { try bestHoldRow()?.seconds }

    /// For streaks and core days: each session's day, routine, and whether it completed an exercise step.
    public func dayActivity() throws -> [DayActivity] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.day, s.routine_id, EXISTS (SELECT 1 FROM block b WHERE b.session_id = s.id AND b.completed = 1
                  AND b.kind IN ('work', 'reps', 'hold')) AS exercised FROM session s
                """).compactMap { row in
                do {
                    return DayActivity(day: try Self.text(row, "day")!, routineID: try Self.text(row, "routine_id")!,
                                       exercised: (row["exercised"] as Int64?) == 1)
                } catch Bad.field(let column, let what) {
                    note("session \(Self.id(row)): \(column) \(what)")
                    return nil
                } catch {
                    return nil
                }
            }
        }
    }

    public func sessionCount() throws -> Int { try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM session") ?? 0 } }

    public func preference(_ key: String) throws -> String? {
        try read { db in
            guard try db.tableExists("preference") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM preference WHERE key = ?", arguments: [key])
        }
    }
}
