import Foundation
import RunnerLog
import Testing
@testable import History
import RoutineKit

/// Runs SQL on a file with the sqlite3 tool, as another program would.
@discardableResult
func sqlite3(_ path: String, _ sql: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [path, sql]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try? p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// The history file under faults: rows that are not what they should be, files that are not runcore's or are
/// newer, readers that must change nothing.
@Suite("History under faults")
struct HistoryFaultTests {
    func filled() throws -> (URL, String) {
        let (dir, path) = tempDB()
        let store = try HistoryStore(path: path)
        try session(store, "hold", on: day(0), params: ["target": "30s"],
                    blocks: [record(0, "Plank hold", kind: .hold(target: seconds(30)), duration: nil, actual: 41.5)], outcome: .finished)
        try session(store, "core", on: day(1), blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .finished)
        try session(store, "hold", on: day(2), params: ["target": "35s"],
                    blocks: [record(0, "Plank hold", kind: .hold(target: seconds(35)), duration: nil, actual: 38)], outcome: .finished)
        return (dir, path)
    }

    /// No row crashes a read: what is readable is returned, each unreadable row is named once.
    @Test(arguments: [
        ("UPDATE session SET started_at = 'not a date' WHERE id = 2", "session 2: started_at is not a date"),
        ("UPDATE session SET active_seconds = 'lots' WHERE id = 2", "session 2: active_seconds is not a number"),
        ("UPDATE session SET planned_seconds = 1e18 WHERE id = 2", "session 2: planned_seconds is not a time (1e+18)"),
        ("UPDATE session SET planned_seconds = 9e999 WHERE id = 2", "session 2: planned_seconds is not a time (inf)"),
        ("UPDATE session SET active_seconds = -5 WHERE id = 2", "session 2: active_seconds is not a time (-5.0)"),
        ("UPDATE session SET day = zeroblob(2) WHERE id = 2", "session 2: day is not text"),
        ("UPDATE block SET actual_seconds = 'x' WHERE session_id = 2", "session 2: block 2: actual_seconds is not a number"),
        ("UPDATE hold SET seconds = 1e18 WHERE session_id = 3", "session 3: hold 2: seconds is not a time (1e+18)"),
        ("UPDATE hold SET recorded_at = 'yesterday' WHERE session_id = 3", "session 3: hold 2: recorded_at is not a date"),
    ])
    func noRowCrashesARead(sql: String, problem: String) throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sqlite3(path, sql).isEmpty)
        let store = try HistoryStore.forReading(path: path)
        let sessions = try store.sessions()
        _ = try store.holds()
        _ = try store.activeDays()
        #expect(store.problems == ["\(path): \(problem)"])
        #expect(sessions.count >= 2)             // the readable ones are all there
        // The best hold (41.5 s, session 1) is found whatever is wrong elsewhere.
        #expect(try store.bestHold() == 41.5)
    }

    /// NULL where a value belongs (a schema changed by hand) is named, not a crash.
    @Test func nullWhereAValueBelongsIsNamed() throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        sqlite3(path, """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name IN ('session', 'block', 'hold');
            """)
        sqlite3(path, "UPDATE session SET routine_id = NULL WHERE id = 1; UPDATE block SET name = NULL WHERE session_id = 2;")
        let store = try HistoryStore.forReading(path: path)
        let sessions = try store.sessions()
        #expect(sessions.map(\.id) == [3, 2])
        #expect(sessions.first { $0.id == 2 }?.blocks.isEmpty == true)
        #expect(Set(store.problems) == ["\(path): session 1: routine_id is missing", "\(path): session 2: block 2: name is missing"])
    }

    /// runcore marks its files; another program's database, even one shaped like runcore's, is left alone.
    @Test func aFileWithoutTheMarkIsNeverWritten() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, ddl) in [
            "CREATE TABLE session (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO session VALUES (1, 'mine');",
            "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'); CREATE TABLE notes (t TEXT);",
            "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'), ('v7'); CREATE TABLE session (id INTEGER PRIMARY KEY); CREATE TABLE block (id INTEGER); CREATE TABLE hold (id INTEGER);",
            "PRAGMA application_id = 1234; CREATE TABLE t (x);",
        ].enumerated() {
            let file = dir.appendingPathComponent("other\(i).sqlite").path
            sqlite3(file, ddl)
            let before = try #require(bytes(file))
            #expect(throws: HistoryError(file: file, reason: "not a runcore history database; it was left untouched")) {
                try HistoryStore(path: file)
            }
            #expect(throws: HistoryError.self) { try HistoryStore.forReading(path: file) }
            #expect(bytes(file) == before, "file \(i)")
        }
        // An empty file may become a history, and then carries the mark.
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        _ = try HistoryStore(path: path)
        #expect(sqlite3(path, "PRAGMA application_id; PRAGMA user_version") == "\(HistoryStore.applicationID)\n\(HistoryStore.schemaVersion)")
    }

    /// A file from runcore before the mark (GRDB's v1 migration) is recognised, kept, and marked.
    @Test func aFileFromAnEarlierRuncoreIsKeptAndMarked() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        sqlite3(path, """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE "session" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "routine_id" TEXT NOT NULL, "routine_title" TEXT NOT NULL,
              "params" TEXT NOT NULL, "started_at" DATETIME NOT NULL, "ended_at" DATETIME, "day" TEXT NOT NULL,
              "planned_seconds" DOUBLE NOT NULL, "active_seconds" DOUBLE NOT NULL DEFAULT 0, "outcome" TEXT NOT NULL);
            CREATE TABLE "block" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "session_id" INTEGER NOT NULL REFERENCES "session"("id") ON DELETE CASCADE,
              "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "kind" TEXT NOT NULL, "set_label" TEXT, "side" TEXT, "item" TEXT,
              "planned_seconds" DOUBLE, "actual_seconds" DOUBLE NOT NULL, "completed" BOOLEAN NOT NULL);
            CREATE TABLE "hold" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "session_id" INTEGER NOT NULL REFERENCES "session"("id") ON DELETE CASCADE,
              "name" TEXT NOT NULL, "seconds" DOUBLE NOT NULL, "target_seconds" DOUBLE, "completed" BOOLEAN NOT NULL, "recorded_at" DATETIME NOT NULL);
            INSERT INTO session VALUES (1, 'hold', 'Plank hold', '{}', '2026-11-20 07:00:00.000', NULL, '2026-11-20', 30, 44, 'finished');
            INSERT INTO hold VALUES (1, 1, 'Plank hold', 44.0, 30, 1, '2026-11-20 07:01:00.000');
            """)
        let store = try HistoryStore(path: path)
        #expect(try store.bestHold() == 44)
        #expect(sqlite3(path, "PRAGMA application_id") == "\(HistoryStore.applicationID)")
        #expect(try store.sessions().first?.routineID == "hold")
    }

    /// A file made by a newer runcore is never written, and read where its schema is understood.
    @Test func aNewerFileIsReadButNeverWritten() throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        sqlite3(path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;")
        let before = try #require(bytes(path))
        #expect(throws: HistoryError(file: path, reason: "made by a newer runcore (history schema 99); upgrade runcore to add to it. It was left untouched")) {
            try HistoryStore(path: path)
        }
        #expect(try HistoryStore.forReading(path: path).sessions().count == 3)
        #expect(bytes(path) == before)
    }

    /// Reading changes nothing: a damaged file with a `-wal` beside it stays byte for byte, both files.
    @Test func readingADamagedFileWithAWalChangesNothing() throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Leave a -wal: copy the files while a writer holds uncheckpointed pages.
        let copy = dir.appendingPathComponent("copy.sqlite").path
        do {
            let store = try HistoryStore(path: path)
            sqlite3(path, "PRAGMA wal_autocheckpoint = 0;")
            try session(store, "core", on: day(3), blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .finished)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        }
        var damaged = try #require(bytes(copy))
        for i in 2048..<min(damaged.count, 6000) { damaged[i] = 0x5A }
        try damaged.write(to: URL(fileURLWithPath: copy))
        let wal = try #require(bytes(copy + "-wal"))
        #expect(wal.count > 0)
        _ = try? HistoryStore.forReading(path: copy).sessions()
        _ = try? HistoryStore.forReading(path: copy).holds()
        #expect(bytes(copy) == damaged)
        #expect(bytes(copy + "-wal") == wal)
        #expect(throws: HistoryError.self) { try HistoryStore(path: copy) }   // and a writer refuses it
        #expect(bytes(copy) == damaged && bytes(copy + "-wal") == wal)
    }

    /// The last holds and the best come from indexes, whatever the history's length.
    @Test func holdLookUpsUseIndexes() throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The product's own queries, as `bestHoldRow()` and `holds(limit:)` send them.
        let best = sqlite3(path, "EXPLAIN QUERY PLAN " + HistoryStore.bestHoldSQL(columns: "*").replacingOccurrences(of: "?", with: "604800"))
        let last = sqlite3(path, "EXPLAIN QUERY PLAN " + HistoryStore.lastHoldsSQL(columns: "*", limit: 5))
        #expect(best.contains("hold_by_seconds") && !best.contains("TEMP B-TREE FOR ORDER BY"), "\(best)")
        #expect(last.contains("hold_by_time"), "\(last)")
    }
}

extension HistoryFaultTests {
    /// The columns schema 4 added hold what they should not: the rules' reading (the log, the days that count,
    /// history's rows) never traps; a count that is not one is taken as not recorded, and the rule is applied again.
    @Test(arguments: [
        "UPDATE session SET counts = 'yes'", "UPDATE session SET counted_seconds = 'lots', counts = 1",
        "UPDATE session SET role = 42", "UPDATE session SET exercise_seconds = x'00'", "UPDATE block SET estimate_seconds = 'x', dose = 7",
    ])
    func theNewColumnsNeverCrashARead(sql: String) throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sqlite3(path, sql).isEmpty)
        let store = try HistoryStore.forReading(path: path)
        #expect(try store.runnerLog().sessions.count == 3)
        _ = try store.activeDays()
        _ = try store.sessions()
        #expect(try store.sessions(limit: 10).count >= 2)
    }

    /// A file from schema 3 with a step that is not a number is brought up to schema 4 when opened to write: the
    /// step is passed over when its session is counted, and nothing traps.
    @Test func anOlderFileWithABadStepIsMigrated() throws {
        let (dir, path) = try filled()
        defer { try? FileManager.default.removeItem(at: dir) }
        sqlite3(path, """
            UPDATE block SET actual_seconds = 'x' WHERE session_id = 2;
            UPDATE session SET counts = NULL, counted_seconds = NULL, exercise_seconds = NULL;
            PRAGMA user_version = 3;
            """)
        let store = try HistoryStore(path: path)
        #expect(sqlite3(path, "PRAGMA user_version") == "\(HistoryStore.schemaVersion)")
        #expect(sqlite3(path, "SELECT id, counts FROM session ORDER BY id") == "1|1\n2|0\n3|1")
        #expect(try store.runnerLog().sessions.map(\.counts) == [true, false, true])
    }

    /// A session from before schema 4 that stopped early is measured against the plan it left, not only the steps
    /// it reached: a warm-up quit in its second step does not count.
    @Test func anOlderSessionLeftEarlyIsMeasuredAgainstItsPlan() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        let id = try session(store, "warmup", on: day(0), role: .warmup,
                             blocks: [record(1, "Light aerobic", kind: .work, duration: 300, actual: 300),
                                      record(2, "Plank", kind: .work, duration: 30, actual: 5, completed: false)], outcome: .stopped)
        // As an older runcore left it: the plan's size, and nothing of the count.
        sqlite3(path, "UPDATE session SET planned_seconds = 766, planned_blocks = 24, counts = NULL, counted_seconds = NULL, exercise_seconds = NULL, role = NULL WHERE id = \(id); PRAGMA user_version = 3;")
        _ = try HistoryStore(path: path, roles: { ["warmup": .warmup] })
        #expect(sqlite3(path, "SELECT counts, role FROM session") == "0|warmup")
    }

    /// A session from before schema 4 takes the role its routine says it has, the runner's own routine too:
    /// read as it is (read-only, not migrated) and when the file is brought up to date.
    @Test func anOlderSessionOfTheRunnersOwnRoutineTakesItsRole() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        _ = try session(store, "my-core", on: day(0), role: .core,
                        blocks: [record(1, "Side plank", kind: .work, duration: 30, actual: 30)], outcome: .finished)
        sqlite3(path, "DROP INDEX session_by_counts; ALTER TABLE session DROP COLUMN counts; ALTER TABLE session DROP COLUMN role; PRAGMA user_version = 3;")
        #expect(sqlite3(path, "SELECT count(*) FROM pragma_table_info('session') WHERE name IN ('role', 'counts')") == "0")
        let roles: () -> [String: Role] = { ["my-core": .core, "warmup": .warmup] }
        #expect(try HistoryStore.forReading(path: path, roles: roles).runnerLog().sessions.map(\.role) == [.core])
        #expect(try HistoryStore.forReading(path: path).runnerLog().sessions.map(\.role) == [nil])
        _ = try HistoryStore(path: path, roles: roles)
        #expect(sqlite3(path, "SELECT role FROM session") == "core")
    }
}
