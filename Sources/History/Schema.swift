import Foundation
import GRDB
import RoutineKit
import RunnerLog

extension HistoryStore {
    enum Kind: Equatable {
        case empty, current, older(Int), legacy, newer(Int), foreign
    }

    static func tables(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    }

    static func columns(_ db: Database, _ table: String) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").compactMap { $0["name"] as String? })
    }

    static func kind(of db: Database) throws -> Kind {
        let app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if app == applicationID {
            if version > schemaVersion { return .newer(version) }
            return version == schemaVersion ? .current : .older(version)
        }
        if app != 0 { return .foreign }
        let tables = try tables(db)
        if tables.isEmpty && version == 0 { return .empty }
        return try isLegacy(db, tables: tables) ? .legacy : .foreign
    }

    static let v1Session: Set = ["id", "routine_id", "routine_title", "params", "started_at", "ended_at", "day",
                                 "planned_seconds", "active_seconds", "outcome"]
    static let v1Block: Set = ["id", "session_id", "position", "name", "kind", "set_label", "side", "item",
                               "planned_seconds", "actual_seconds", "completed"]
    static let v1Hold: Set = ["id", "session_id", "name", "seconds", "target_seconds", "completed", "recorded_at"]

    /// A file from runcore before the mark: GRDB's migrations table naming only runcore's own migrations,
    /// and exactly runcore's tables and columns. Anything else is another program's.
    static func isLegacy(_ db: Database, tables: Set<String>) throws -> Bool {
        let base: Set = ["session", "block", "hold", "grdb_migrations"]
        guard tables == base || tables == base.union(["preference"]) else { return false }
        let migrations = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        guard migrations == ["v1"] || migrations == ["v1", "v2"] else { return false }
        let (s, b, h) = (try columns(db, "session"), try columns(db, "block"), try columns(db, "hold"))
        return (s == v1Session || s == v1Session.union(["planned_blocks"]))
            && (b == v1Block || b == v1Block.union(["ending"]))
            && (h == v1Hold || h == v1Hold.union(["block_position"]))
    }

    /// Whether a newer schema still has every column this runcore reads.
    static func understood(_ db: Database) throws -> Bool {
        // (Columns added later are read where present.)
        try columns(db, "session").isSuperset(of: v1Session)
            && columns(db, "block").isSuperset(of: ["session_id", "position", "name", "kind", "actual_seconds", "completed"])
            && columns(db, "hold").isSuperset(of: ["session_id", "name", "seconds", "completed", "recorded_at"])
    }

    /// Creates the schema or brings it up to date, in one exclusive transaction that looks again at what the
    /// file is once it holds the lock: processes starting together on a new folder take turns, and the
    /// later ones find the work done. Every step is idempotent.
    static func prepareSchema(_ queue: DatabaseQueue, roles: () -> [String: Role]) throws {
        try queue.inDatabase { db in
            // Taking the write lock may wait for another process creating the same schema.
            try db.execute(sql: "PRAGMA busy_timeout = 5000")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = 0") }
            try db.inTransaction(.immediate) {
                switch try kind(of: db) {
                case .current: return .commit
                case .foreign, .newer:
                    throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "not a runcore history database; it was left untouched")
                case .empty:
                    try createSchema(db)
                    try migrateLogV4(db)
                case .legacy, .older:
                    if !(try columns(db, "block")).contains("ending") { try db.execute(sql: "ALTER TABLE block ADD COLUMN ending TEXT") }
                    if !(try columns(db, "session")).contains("planned_blocks") {
                        try db.execute(sql: "ALTER TABLE session ADD COLUMN planned_blocks INTEGER")
                    }
                    if !(try columns(db, "hold")).contains("block_position") {
                        try db.execute(sql: "ALTER TABLE hold ADD COLUMN block_position INTEGER")
                    }
                    try db.execute(sql: "CREATE TABLE IF NOT EXISTS preference (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
                    try createLogTables(db)
                    try createIndexes(db)
                    try migrateToRoles(db, roles: roles)
                    try migrateLogV4(db)
                }
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
                return .commit
            }
        }
    }

    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS session (
              id INTEGER PRIMARY KEY AUTOINCREMENT, routine_id TEXT NOT NULL, routine_title TEXT NOT NULL,
              params TEXT NOT NULL, started_at DATETIME NOT NULL, ended_at DATETIME, day TEXT NOT NULL,
              planned_seconds DOUBLE NOT NULL, active_seconds DOUBLE NOT NULL DEFAULT 0, outcome TEXT NOT NULL,
              planned_blocks INTEGER);
            CREATE TABLE IF NOT EXISTS block (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
              position INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, set_label TEXT, side TEXT, item TEXT,
              planned_seconds DOUBLE, actual_seconds DOUBLE NOT NULL, completed BOOLEAN NOT NULL, ending TEXT);
            CREATE TABLE IF NOT EXISTS hold (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
              name TEXT NOT NULL, seconds DOUBLE NOT NULL, target_seconds DOUBLE, completed BOOLEAN NOT NULL,
              recorded_at DATETIME NOT NULL, block_position INTEGER);
            CREATE TABLE IF NOT EXISTS preference (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            """)
        try createLogTables(db)
        try createIndexes(db)
        try migrateToRoles(db, roles: { [:] })
    }

    /// Schema 4: a session keeps its routine's role and whether it counts (`Counting`: the exercise time it
    /// planned and how much of it counted), a block its planning estimate and the dose that timed it; and the
    /// runner's "cleared" entries get a table. Sessions recorded before take the role their routine says it has
    /// (`roles`, by id: the built-in ones and the runner's own), and are counted against the exercise steps they
    /// reached.
    static func migrateToRoles(_ db: Database, roles: () -> [String: Role]) throws {
        let session = try columns(db, "session")
        for (column, type) in [("role", "TEXT"), ("exercise_seconds", "DOUBLE"), ("counted_seconds", "DOUBLE"), ("counts", "BOOLEAN")]
        where !session.contains(column) {
            try db.execute(sql: "ALTER TABLE session ADD COLUMN \(column) \(type)")
        }
        let block = try columns(db, "block")
        for (column, type) in [("estimate_seconds", "DOUBLE"), ("dose", "TEXT")] where !block.contains(column) {
            try db.execute(sql: "ALTER TABLE block ADD COLUMN \(column) \(type)")
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS cleared (
              id INTEGER PRIMARY KEY AUTOINCREMENT, at DATETIME NOT NULL, day TEXT NOT NULL, note TEXT, recorded_at DATETIME NOT NULL);
            CREATE INDEX IF NOT EXISTS session_by_counts ON session(counts, day);
            """)
        let unknown = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM session WHERE role IS NULL AND counts IS NULL)") ?? false
        for (id, role) in unknown ? roles() : [:] {
            try db.execute(sql: "UPDATE session SET role = ? WHERE routine_id = ? AND role IS NULL AND counts IS NULL", arguments: [role.rawValue, id])
        }
        // Each older session counted by the one rule, from the blocks it reached and the plan it had.
        for row in try Row.fetchAll(db, sql: "SELECT id, planned_seconds, planned_blocks FROM session WHERE counts IS NULL") {
            guard let id = row.integer(0) else { continue }
            let count = try legacyCount(db, session: id, plannedSeconds: row.number(1), plannedBlocks: row.integer(2).map(Int.init))
            try db.execute(sql: "UPDATE session SET counted_seconds = ?, counts = ? WHERE id = ?", arguments: [count.counted, count.counts, id])
        }
    }

    /// Whether a session recorded before schema 4 counts, by the one rule (`Counting.legacyPlannedExercise`).
    static func legacyCount(_ db: Database, session id: Int64, plannedSeconds: Double?, plannedBlocks: Int?) throws -> SessionCount {
        let steps = try stepsDone(db, session: id)
        return Counting.session(steps, plannedExercise: Counting.legacyPlannedExercise(steps, plannedSeconds: plannedSeconds,
                                                                                       plannedBlocks: plannedBlocks))
    }

    /// A session's blocks as the counting rule reads them (rows that cannot be read are passed over).
    static func stepsDone(_ db: Database, session id: Int64) throws -> [StepDone] {
        let hasEstimate = try columns(db, "block").contains("estimate_seconds")
        let hasEnding = try columns(db, "block").contains("ending")
        let sql = "SELECT kind, planned_seconds, \(hasEstimate ? "estimate_seconds" : "NULL"), actual_seconds, completed, "
            + "\(hasEnding ? "ending" : "NULL") FROM block WHERE session_id = ?"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [id]).compactMap { row in
            guard let kindText = row.text(0), let kind = StepKind(rawValue: kindText),
                  let actual = row.number(3), actual.isFinite else { return nil }
            let completed = row.integer(4) == 1
            let ending = row.text(5).flatMap(Ending.init(rawValue:)) ?? (completed ? .completed : .cutShort)
            let planned = row.number(2) ?? row.number(1) ?? Double(plannedHoldWithoutTarget)
            return StepDone(kind: kind, planned: planned.isFinite ? planned : 0, actual: actual, ending: ending)
        }
    }

    /// The runner's log (schema 3): runs, shoe pairs and back check-ins. An imported run keeps its file's hash,
    /// and no two runs share one.
    static func createLogTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS run (
              id INTEGER PRIMARY KEY AUTOINCREMENT, started_at DATETIME NOT NULL, day TEXT NOT NULL, meters DOUBLE NOT NULL,
              seconds DOUBLE, shoe TEXT, source TEXT NOT NULL, file TEXT, file_hash TEXT, recorded_at DATETIME NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS run_by_hash ON run(file_hash) WHERE file_hash IS NOT NULL;
            CREATE INDEX IF NOT EXISTS run_by_start ON run(started_at);
            CREATE TABLE IF NOT EXISTS shoe (
              name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE, bought TEXT, start_meters DOUBLE NOT NULL DEFAULT 0, retired TEXT,
              is_default BOOLEAN NOT NULL DEFAULT 0, added_at DATETIME NOT NULL);
            CREATE TABLE IF NOT EXISTS checkin (
              id INTEGER PRIMARY KEY AUTOINCREMENT, at DATETIME NOT NULL, day TEXT NOT NULL, level INTEGER NOT NULL, place TEXT,
              spreading BOOLEAN NOT NULL DEFAULT 0, constant BOOLEAN NOT NULL DEFAULT 0, note TEXT);
            CREATE INDEX IF NOT EXISTS checkin_by_time ON checkin(at);
            """)
    }

    /// Indexes for what is asked often: sessions newest first, a routine's last sessions, a session's
    /// blocks and holds, the last holds and the best one.
    static func createIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS session_by_start ON session(started_at, id);
            CREATE INDEX IF NOT EXISTS session_by_routine ON session(routine_id, started_at);
            CREATE INDEX IF NOT EXISTS block_by_session ON block(session_id, position);
            CREATE INDEX IF NOT EXISTS hold_by_session ON hold(session_id);
            CREATE INDEX IF NOT EXISTS hold_by_time ON hold(completed, recorded_at);
            CREATE INDEX IF NOT EXISTS hold_by_seconds ON hold(completed, seconds);
            """)
    }
}
