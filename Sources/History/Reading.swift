import Foundation
import GRDB
import RoutineKit
import RunnerLog

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

    static func text(_ row: Row, _ i: Int, _ column: String, optional: Bool = false) throws -> String? {
        let v: DatabaseValue = row[i]
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .string(let s) = v.storage else { throw Bad.field(column, "is not text") }
        return s
    }

    static func date(_ row: Row, _ i: Int, _ column: String, optional: Bool = false) throws -> Date? {
        let v: DatabaseValue = row[i]
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .string = v.storage, let d = Date.fromDatabaseValue(v) else { throw Bad.field(column, "is not a date") }
        return d
    }

    static func seconds(_ row: Row, _ i: Int, _ column: String, optional: Bool = false) throws -> Double? {
        let v: DatabaseValue = row[i]
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

    static func int(_ row: Row, _ i: Int, _ column: String, optional: Bool = false) throws -> Int? {
        let v: DatabaseValue = row[i]
        if v.isNull { if optional { return nil }; throw Bad.field(column, "is missing") }
        guard case .int64(let n) = v.storage, n.magnitude < 1 << 40 else { throw Bad.field(column, "is not a whole number") }
        return Int(n)
    }

    static func bool(_ row: Row, _ i: Int, _ column: String) throws -> Bool {
        let v: DatabaseValue = row[i]
        guard case .int64(let n) = v.storage else { throw Bad.field(column, v.isNull ? "is missing" : "is not true or false") }
        return n != 0
    }

    static func id(_ row: Row, _ i: Int = 0) -> String {
        let v: DatabaseValue = row[i]
        if case .int64(let n) = v.storage { return String(n) }
        return "?"
    }

    /// The columns read, in order (older files lack the last ones: NULL stands in).
    func columns(_ db: Database) throws -> (session: String, block: String, hold: String) {
        if let c = columnList { return c }
        let session = try Self.columns(db, "session"), block = try Self.columns(db, "block")
        func or(_ have: Set<String>, _ names: [String]) -> String { names.map { have.contains($0) ? $0 : "NULL" }.joined(separator: ", ") }
        let c = ("id, routine_id, routine_title, params, started_at, ended_at, day, planned_seconds, active_seconds, outcome, "
                    + or(session, ["planned_blocks", "role", "exercise_seconds", "counted_seconds", "counts"]),
                 "id, position, name, kind, set_label, side, item, planned_seconds, actual_seconds, completed, "
                    + or(block, ["ending", "estimate_seconds", "dose"]),
                 "id, session_id, name, seconds, target_seconds, completed, recorded_at")
        columnList = c
        return c
    }

    /// A stored word decoded into its type, or the reason it cannot be.
    static func word<T: RawRepresentable>(_ row: Row, _ i: Int, _ column: String, as: T.Type) throws -> T where T.RawValue == String {
        let text = try Self.text(row, i, column)!
        guard let value = T(rawValue: text) else { throw Bad.field(column, "is not a known value ('\(text)')") }
        return value
    }

    func decodeSession(_ row: Row, _ db: Database, blocks withBlocks: Bool = true) throws -> SessionRow? {
        let sid: Int64 = { if case .int64(let n) = (row[0] as DatabaseValue).storage { return n }; return -1 }()
        var session: SessionRow
        do {
            let paramsText = try Self.text(row, 3, "params") ?? "{}"
            let params = (try? JSONSerialization.jsonObject(with: Data(paramsText.utf8))) as? [String: String] ?? [:]
            session = SessionRow(
                id: sid, routineID: try Self.text(row, 1, "routine_id")!, routineTitle: try Self.text(row, 2, "routine_title")!,
                params: params, startedAt: try Self.date(row, 4, "started_at")!, endedAt: try Self.date(row, 5, "ended_at", optional: true),
                day: try Self.text(row, 6, "day")!, plannedSeconds: try Self.seconds(row, 7, "planned_seconds")!,
                plannedExerciseSeconds: row.number(12),
                activeSeconds: try Self.seconds(row, 8, "active_seconds")!, outcome: try Self.word(row, 9, "outcome", as: Outcome.self),
                plannedBlocks: try Self.int(row, 10, "planned_blocks", optional: true),
                blocks: [], holds: [])
            session.role = try Self.text(row, 11, "role", optional: true).flatMap(Role.init(rawValue:))
            // The count as recorded; a cell that is not one is read as "not recorded" (the rule is applied again).
            if let counts = row.integer(14) {
                session.storedCount = SessionCount(counts: counts == 1, counted: row.number(13) ?? 0, planned: row.number(12) ?? 0)
            }
        } catch Bad.field(let column, let what) {
            note("session \(sid): \(column) \(what)")
            return nil
        }
        var out = session
        let cols = try columns(db)
        if !withBlocks {
            let counts = try Row.fetchOne(db.cachedStatement(sql: "SELECT count(*), total(completed = 1) FROM block WHERE session_id = ?"),
                                          arguments: [sid])
            out.blockCounts = (Int(counts?.number(1) ?? 0), Int(counts?.integer(0) ?? 0))
        }
        let blocks = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(cols.block) FROM block WHERE session_id = ? ORDER BY position, id"),
                                         arguments: [sid])
        while withBlocks, let b = try blocks.next() {
            do {
                let completed = try Self.bool(b, 9, "completed")
                let ending = try Self.text(b, 10, "ending", optional: true) == nil ? (completed ? Ending.completed : .cutShort)
                    : try Self.word(b, 10, "ending", as: Ending.self)
                out.blocks.append(BlockRow(
                    position: try Self.int(b, 1, "position")!, name: try Self.text(b, 2, "name")!,
                    kind: try Self.word(b, 3, "kind", as: StepKind.self),
                    set: try Self.text(b, 4, "set_label", optional: true), side: try Self.text(b, 5, "side", optional: true),
                    item: try Self.text(b, 6, "item", optional: true), plannedSeconds: try Self.seconds(b, 7, "planned_seconds", optional: true),
                    estimateSeconds: try Self.seconds(b, 11, "estimate_seconds", optional: true),
                    actualSeconds: try Self.seconds(b, 8, "actual_seconds")!, ending: ending,
                    dose: try Self.text(b, 12, "dose", optional: true)))
            } catch Bad.field(let column, let what) {
                note("session \(sid): block \(Self.id(b)): \(column) \(what)")
            }
        }
        let holds = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(cols.hold) FROM hold WHERE session_id = ? ORDER BY id"), arguments: [sid])
        while let h = try holds.next() {
            if let hold = decodeHold(h) { out.holds.append(hold) }
        }
        return out
    }

    /// A hold row selected with `columns(db).hold`.
    func decodeHold(_ h: Row) -> HoldRow? {
        do {
            return HoldRow(name: try Self.text(h, 2, "name")!, seconds: try Self.seconds(h, 3, "seconds")!,
                           targetSeconds: try Self.seconds(h, 4, "target_seconds", optional: true),
                           completed: try Self.bool(h, 5, "completed"), recordedAt: try Self.date(h, 6, "recorded_at")!)
        } catch Bad.field(let column, let what) {
            note("session \(Self.id(h, 1)): hold \(Self.id(h)): \(column) \(what)")
            return nil
        } catch {
            return nil
        }
    }

    /// Calls `body` with each session, newest first, with its blocks and holds, one at a time, until it
    /// returns false: a history of any length streams without being held in memory.
    /// With `blocks: false` the blocks are only counted (`blockCounts`), for reports that need no more.
    public func forEachSession(limit: Int? = nil, routine: String? = nil, blocks: Bool = true,
                               _ body: (SessionRow) throws -> Bool) throws {
        try read { db in
            var sql = "SELECT \(try columns(db).session) FROM session"
            var args: [DatabaseValueConvertible] = []
            if let routine { sql += " WHERE routine_id = ?"; args.append(routine) }
            sql += " ORDER BY started_at DESC, id DESC"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args)!)
            while let row = try rows.next() {
                guard let session = try decodeSession(row, db, blocks: blocks) else { continue }
                if try !body(session) { break }
            }
        }
    }

    /// The longest routine id among the sessions, in characters (0 with none): a table's column fits them all.
    public func longestRoutineID() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(LENGTH(routine_id)) FROM session") ?? 0 }
    }

    /// Sessions, newest first, with their blocks and holds.
    public func sessions(limit: Int? = nil, routine: String? = nil) throws -> [SessionRow] {
        var out: [SessionRow] = []
        try forEachSession(limit: limit, routine: routine) { out.append($0); return true }
        return out
    }

    /// The query for the last holds (newest first): an index makes the last few instant.
    static func lastHoldsSQL(columns: String, limit: Int?) -> String {
        "SELECT \(columns) FROM hold WHERE completed = 1 ORDER BY recorded_at DESC, id DESC" + (limit.map { " LIMIT \(max(0, $0))" } ?? "")
    }

    /// The query for the best hold (its one argument: the longest time read as one), by an index. A hold
    /// shorter than `Counting.shortestBestHold` is no best.
    static func bestHoldSQL(columns: String) -> String {
        """
        SELECT \(columns) FROM hold WHERE completed = 1 AND typeof(seconds) IN ('real', 'integer')
          AND seconds >= \(Counting.shortestBestHold) AND seconds <= ? ORDER BY seconds DESC, id DESC
        """
    }

    /// Holds the runner ended themselves, newest first.
    public func holds(limit: Int? = nil) throws -> [HoldRow] {
        try read { db in
            try Row.fetchAll(db, sql: Self.lastHoldsSQL(columns: try columns(db).hold, limit: limit)).compactMap { decodeHold($0) }
        }
    }

    /// The longest hold the runner ended themselves; rows that are not a time are passed over.
    public func bestHoldRow() throws -> HoldRow? {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: Self.bestHoldSQL(columns: try columns(db).hold), arguments: [Self.longestTime])
            while let row = try rows.next() {
                if let hold = decodeHold(row) { return hold }
            }
            return nil
        }
    }

    public func bestHold() throws -> Double? { try bestHoldRow()?.seconds }

    /// Days with a session that counts (for streaks), over the whole history: one indexed read.
    public func activeDays() throws -> Set<String> {
        try read { db in
            guard try Self.columns(db, "session").contains("counts") else {
                // A file from before schema 4, opened to read: each session counted from its blocks.
                return Set(try loggedSessions(db, within: nil).filter(\.counts).map(\.day))
            }
            return Set(try String.fetchAll(db, sql: "SELECT DISTINCT day FROM session WHERE counts = 1"))
        }
    }

    /// Sessions as the rules read them (role, outcome, whether they count), oldest first; with `window`, only
    /// those started within it (an indexed read, whatever the history's length).
    func loggedSessions(_ db: Database, within window: DateInterval?) throws -> [LoggedSession] {
        let have = try Self.columns(db, "session")
        let stored = have.contains("counts")
        let sql = "SELECT id, started_at, day, routine_id, routine_title, outcome, "
            + (stored ? "role, exercise_seconds, counted_seconds, counts" : "NULL, NULL, NULL, NULL")
            + ", planned_seconds, " + (have.contains("planned_blocks") ? "planned_blocks" : "NULL") + " FROM session"
            + (window == nil ? "" : " WHERE started_at >= ? AND started_at < ?") + " ORDER BY started_at, id"
        return try Row.fetchAll(db, sql: sql, arguments: window.map { [$0.start.storedText, $0.end.storedText] } ?? []).compactMap { row in
            decoding("session", row) {
                let id = row.integer(0) ?? -1
                let count: SessionCount
                if stored, let counts = row.integer(9) {
                    count = SessionCount(counts: counts == 1, counted: row.number(8) ?? 0, planned: row.number(7) ?? 0)
                } else {
                    count = try Self.legacyCount(db, session: id, plannedSeconds: row.number(10), plannedBlocks: row.integer(11).map(Int.init))
                }
                return LoggedSession(id: id, startedAt: try Self.date(row, 1, "started_at")!, day: try Self.text(row, 2, "day")!,
                                     routineID: try Self.text(row, 3, "routine_id")!, title: try Self.text(row, 4, "routine_title")!,
                                     role: stored ? row.text(6).flatMap(Role.init(rawValue:)) : row.text(3).flatMap { rolesByID[$0] },
                                     outcome: try Self.word(row, 5, "outcome", as: Outcome.self), count: count)
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

extension Row {
    // A cell as text, a whole number or a number, or nil: for NULL, and for a value of another kind, which
    // `row[i] as T?` would trap on. Every read of a cell whose kind the file cannot promise goes through these.
    func text(_ i: Int) -> String? {
        if case .string(let s) = (self[i] as DatabaseValue).storage { return s }
        return nil
    }

    func integer(_ i: Int) -> Int64? {
        if case .int64(let n) = (self[i] as DatabaseValue).storage { return n }
        return nil
    }

    func number(_ i: Int) -> Double? {
        switch (self[i] as DatabaseValue).storage {
        case .double(let d): return d.isFinite ? d : nil
        case .int64(let n): return Double(n)
        default: return nil
        }
    }
}
