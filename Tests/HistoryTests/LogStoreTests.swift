import Foundation
import RunnerLog
import Testing
@testable import History
import RoutineKit

/// The runner's log in the store: a file of the log's third step brought up to the fourth with its rows kept,
/// writes that wait out a lock from when they meet it, and undo that takes back the last thing logged.
@Suite("The log's store")
struct LogStoreTests {
    /// A history from before the fourth step (its run table without the new columns) keeps every row, reads
    /// them with no form, and gets the shoe changes' table; opened to read only, it is read as it is.
    @Test func aThirdStepFileIsBroughtUpWithItsRows() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try HistoryStore(path: path)
            try store.add(Run(startedAt: day(0), day: "2026-11-16", meters: 8000, seconds: 2400, source: "import", file: "a.fit",
                              fileHash: "h1"), at: day(0))
        }
        // Back to the third step, as an older runcore left it.
        sqlite3(path, """
            CREATE TABLE run3 AS SELECT id, started_at, day, meters, seconds, shoe, source, file, file_hash, recorded_at FROM run;
            DROP TABLE run; ALTER TABLE run3 RENAME TO run; DROP TABLE shoe_change; PRAGMA user_version = 3;
            """)
        let reader = try HistoryStore.forReading(path: path)
        #expect(try reader.runs().map(\.meters) == [8000])
        #expect(sqlite3(path, "PRAGMA user_version") == "3")
        let store = try HistoryStore(path: path)
        #expect(sqlite3(path, "PRAGMA user_version") == "\(HistoryStore.schemaVersion)")
        let runs = try store.runs()
        #expect(runs.map(\.meters) == [8000] && runs[0].form == RunForm() && runs[0].elapsedSeconds == nil)
        #expect(try store.add(Shoe(name: "Pegasus"), at: day(1)) == .added)
        #expect(sqlite3(path, "SELECT action, shoe FROM shoe_change") == "add|Pegasus")
    }

    /// A lock held by another program for half a second: a store that waits (import's) writes when it is
    /// released; one that does not (a session's) fails at once, saying it was a lock.
    @Test func aWriteWaitsForALockFromWhenItMeetsIt() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            time.sleep(0.5)
            db.execute('COMMIT')
            """, path]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData   // "locked"
        #expect(throws: HistoryError.self) {
            do { try store.add(CheckIn(at: day(0), day: "2026-11-16", level: 2)) } catch let e as HistoryError { #expect(e.isLock); throw e }
        }
        store.lockWait = 30
        #expect(try store.add(CheckIn(at: day(0), day: "2026-11-16", level: 2)) == 1)
        holder.waitUntilExit()
    }

    /// The last thing logged, whatever its table: an import as a whole, a check-in, a shoe change put back.
    @Test func undoTakesBackTheLastThingLogged() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        #expect(try store.add(Shoe(name: "A", isDefault: true), at: day(0)) == .added)
        for n in 0..<3 {
            try store.add(Run(startedAt: day(n), day: "2026-11-1\(6 + n)", meters: 5000, source: "import", fileHash: "h\(n)"), at: day(1, hour: 9))
        }
        try store.add(CheckIn(at: day(1, hour: 10), day: "2026-11-17", level: 3))
        #expect(try store.add(Shoe(name: "B", isDefault: true), at: day(1, hour: 11)) == .added)
        #expect(try store.retireShoe("a", day: "2026-11-17", at: day(1, hour: 12)) == .retired)
        #expect(try store.undoLast() == [.shoeChange(action: "retire", shoe: "A", detail: [:])])
        #expect(try store.shoes().map { "\($0.name) \($0.retired ?? "-") \($0.isDefault)" } == ["A - false", "B - true"])
        #expect(try store.undoLast() == [.shoeChange(action: "add", shoe: "B", detail: ["default": "A"])])
        #expect(try store.shoes().map { "\($0.name) \($0.isDefault)" } == ["A true"])
        guard case .checkIn(let c)? = try store.undoLast()?.first else { Issue.record("not the check-in"); return }
        #expect(c.level == 3)
        #expect(try store.undoLast()?.count == 3)
        #expect(try store.runs().isEmpty)
        #expect(try store.undoLast() == [.shoeChange(action: "add", shoe: "A", detail: [:])])
        #expect(try store.undoLast() == nil)
    }
}
