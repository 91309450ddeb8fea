import Foundation
import GRDB
import RoutineKit

/// A history problem, always one line naming the file.
public struct HistoryError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}

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
    /// Whether the hold reached its target; nil when it had none.
    public var reachedTarget: Bool? { targetSeconds.map { seconds >= $0 } }
}

/// The history database: sessions, the blocks done in them, and holds. Every write is a transaction, so a
/// process killed at any moment leaves an intact file in which its session reads as interrupted.
/// A file that is not a healthy runcore database is refused and never written to.
public final class HistoryStore {
    public let path: String
    private let db: DatabaseQueue

    /// Opens (or creates) the database at `path`. `create: false` refuses to create a missing file.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists {
            guard create else { throw HistoryError(file: path, reason: "no history yet (no sessions recorded)") }
            let dir = (path as NSString).deletingLastPathComponent
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw HistoryError(file: path, reason: "cannot create the folder \(dir): \(Self.posixReason(error))")
            }
            guard fm.isWritableFile(atPath: dir) else {
                throw HistoryError(file: path, reason: "cannot create the history file: the folder is not writable")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(2)
        config.foreignKeysEnabled = true
        do {
            db = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw HistoryError(file: path, reason: exists ? "\(Self.reason(error)); the file was left untouched"
                                                        : "cannot create the history file: \(Self.reason(error))")
        }
        if exists {
            // Read before any write: a damaged or foreign file is refused as it is.
            do {
                let check = try db.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
                guard check == ["ok"] else {
                    throw HistoryError(file: path, reason: "the database is damaged (\(check.first ?? "quick_check failed")); it was left untouched")
                }
                let tables = try db.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
                if !tables.isEmpty && !tables.contains("session") && !tables.contains("grdb_migrations") {
                    throw HistoryError(file: path, reason: "this is not a runcore history database; it was left untouched")
                }
            } catch let e as HistoryError {
                throw e
            } catch {
                throw HistoryError(file: path, reason: "\(Self.reason(error)); the file was left untouched")
            }
        }
        do {
            try Self.migrator.migrate(db)
            // Write-ahead log, synced at every commit: a commit costs one sync instead of four, and a crash or
            // power cut still loses nothing committed.
            try db.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch {
            throw HistoryError(file: path, reason: "cannot prepare the database: \(Self.reason(error))")
        }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB: return "not a database (or damaged)"
            case .SQLITE_CORRUPT: return "the database is damaged"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "the database is locked by another program"
            case .SQLITE_READONLY: return "the database is read-only"
            case .SQLITE_CANTOPEN: return "cannot open the file"
            case .SQLITE_PERM: return "permission denied"
            default: return e.message ?? "\(e.resultCode)"
            }
        }
        return "\(error)"
    }

    static func posixReason(_ error: Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("routine_id", .text).notNull()
                t.column("routine_title", .text).notNull()
                t.column("params", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("ended_at", .datetime)
                t.column("day", .text).notNull().indexed()
                t.column("planned_seconds", .double).notNull()
                t.column("active_seconds", .double).notNull().defaults(to: 0)
                t.column("outcome", .text).notNull()
            }
            try db.create(table: "block") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .integer).notNull().indexed().references("session", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("set_label", .text)
                t.column("side", .text)
                t.column("item", .text)
                t.column("planned_seconds", .double)
                t.column("actual_seconds", .double).notNull()
                t.column("completed", .boolean).notNull()
            }
            try db.create(table: "hold") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .integer).notNull().indexed().references("session", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("seconds", .double).notNull()
                t.column("target_seconds", .double)
                t.column("completed", .boolean).notNull()
                t.column("recorded_at", .datetime).notNull()
            }
        }
        m.registerMigration("v2") { db in
            // How each block ended (skipped, cut short, not done), the plan's size, and the runner's picks.
            try db.alter(table: "block") { t in t.add(column: "ending", .text) }
            try db.alter(table: "session") { t in t.add(column: "planned_blocks", .integer) }
            try db.alter(table: "hold") { t in t.add(column: "block_position", .integer) }
            try db.create(table: "preference") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        return m
    }

    // MARK: Writing

    /// Records the start of a session, as interrupted until it is finished.
    public func begin(routineID: String, title: String, params: [String: String], startedAt: Date, day: String,
                      plannedSeconds: Double, plannedBlocks: Int? = nil) throws -> Int64 {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: params, options: [.sortedKeys]), as: UTF8.self)
        return try write { db in
            try db.execute(sql: """
                INSERT INTO session (routine_id, routine_title, params, started_at, day, planned_seconds, planned_blocks, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'interrupted')
                """, arguments: [routineID, title, json, startedAt, day, plannedSeconds, plannedBlocks])
            return db.lastInsertedRowID
        }
    }

    /// Adds a finished (or cut-short) block, and its hold if it was one; the session's active time grows.
    public func add(_ record: BlockRecord, session: Int64, at date: Date) throws {
        try self.record([record], finish: nil, session: session, at: date)
    }

    /// Adds blocks and, if given, the session's end, in one transaction.
    public func record(_ records: [BlockRecord], finish: (Outcome, Date)?, session: Int64, at date: Date) throws {
        try write { db in
            for record in records { try Self.insert(record, session: session, at: date, db) }
            if let (outcome, end) = finish {
                try db.execute(sql: "UPDATE session SET outcome = ?, ended_at = ? WHERE id = ?",
                               arguments: [outcome.rawValue, end, session])
            }
        }
    }

    /// Writes a block's record, replacing an earlier record of the same block (the runner went back to it),
    /// so each block has one row with the active time of all its visits.
    private static func insert(_ record: BlockRecord, session: Int64, at date: Date, _ db: Database) throws {
        let b = record.block
        let actual = Double(record.actual) / 1e9
        try db.execute(sql: "DELETE FROM hold WHERE block_position = ? AND session_id = ?", arguments: [record.index, session])
        try db.execute(sql: "DELETE FROM block WHERE position = ? AND session_id = ?", arguments: [record.index, session])
        try db.execute(sql: """
            INSERT INTO block (session_id, position, name, kind, set_label, side, item, planned_seconds, actual_seconds, completed, ending)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [session, record.index, b.name, b.kind.word, b.set.map { "\($0.index)/\($0.count)" },
                             b.side, b.item, b.duration.map { Double($0) / 1e9 }, actual, record.completed, record.ending.rawValue])
        if case .hold(let target) = b.kind {
            try db.execute(sql: """
                INSERT INTO hold (session_id, block_position, name, seconds, target_seconds, completed, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, record.index, b.title, actual, target.map { Double($0) / 1e9 }, record.completed, date])
        }
        try db.execute(sql: """
            UPDATE session SET active_seconds = (SELECT COALESCE(SUM(actual_seconds), 0) FROM block
              WHERE session_id = ?1 AND kind IN ('work', 'reps', 'hold') AND COALESCE(ending, '') != 'lapsed') WHERE id = ?1
            """, arguments: [session])
    }

    public func finish(session: Int64, outcome: Outcome, endedAt: Date) throws {
        try record([], finish: (outcome, endedAt), session: session, at: endedAt)
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.write(body)
        } catch {
            throw HistoryError(file: path, reason: "cannot save: \(Self.reason(error))")
        }
    }

    /// Remembers a choice the runner made (the muscle groups picked in the menu), by key.
    public func setPreference(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    // MARK: Reading

    public func preference(_ key: String) throws -> String? {
        do {
            return try db.read { db in
                guard try db.tableExists("preference") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM preference WHERE key = ?", arguments: [key])
            }
        } catch {
            throw HistoryError(file: path, reason: "cannot read: \(Self.reason(error))")
        }
    }

    /// Sessions, newest first, with their blocks and holds.
    public func sessions(limit: Int? = nil, routine: String? = nil) throws -> [SessionRow] {
        do {
            return try db.read { db in
                var sql = "SELECT * FROM session"
                var args: [DatabaseValueConvertible] = []
                if let routine { sql += " WHERE routine_id = ?"; args.append(routine) }
                sql += " ORDER BY started_at DESC, id DESC"
                if let limit { sql += " LIMIT \(max(0, limit))" }
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)!).map { row in
                    let id: Int64 = row["id"]
                    let params = (try? JSONSerialization.jsonObject(with: Data((row["params"] as String).utf8))) as? [String: String] ?? [:]
                    let blocks = try Row.fetchAll(db, sql: "SELECT * FROM block WHERE session_id = ? ORDER BY id", arguments: [id]).map {
                        BlockRow(position: $0["position"], name: $0["name"], kind: $0["kind"], set: $0["set_label"], side: $0["side"],
                                 item: $0["item"], plannedSeconds: $0["planned_seconds"], actualSeconds: $0["actual_seconds"],
                                 completed: $0["completed"],
                                 ending: $0["ending"] ?? (($0["completed"] as Bool) ? "completed" : "cutShort"))
                    }
                    let holds = try Row.fetchAll(db, sql: "SELECT * FROM hold WHERE session_id = ? ORDER BY id", arguments: [id])
                        .map(HoldRow.init(row:))
                    return SessionRow(id: id, routineID: row["routine_id"], routineTitle: row["routine_title"], params: params,
                                      startedAt: row["started_at"], endedAt: row["ended_at"], day: row["day"],
                                      plannedSeconds: row["planned_seconds"], activeSeconds: row["active_seconds"],
                                      outcome: row["outcome"], plannedBlocks: row["planned_blocks"], blocks: blocks, holds: holds)
                }
            }
        } catch {
            throw HistoryError(file: path, reason: "cannot read: \(Self.reason(error))")
        }
    }

    /// Holds the runner ended themselves, newest first.
    public func holds(limit: Int? = nil) throws -> [HoldRow] {
        do {
            return try db.read { db in
                var sql = "SELECT * FROM hold WHERE completed ORDER BY recorded_at DESC, id DESC"
                if let limit { sql += " LIMIT \(max(0, limit))" }
                return try Row.fetchAll(db, sql: sql).map(HoldRow.init(row:))
            }
        } catch {
            throw HistoryError(file: path, reason: "cannot read: \(Self.reason(error))")
        }
    }

    public func bestHold() throws -> Double? {
        do {
            return try db.read { try Double.fetchOne($0, sql: "SELECT MAX(seconds) FROM hold WHERE completed") }
        } catch {
            throw HistoryError(file: path, reason: "cannot read: \(Self.reason(error))")
        }
    }
}

extension HoldRow {
    init(row: Row) {
        self.init(name: row["name"], seconds: row["seconds"], targetSeconds: row["target_seconds"],
                  completed: row["completed"], recordedAt: row["recorded_at"])
    }
}
