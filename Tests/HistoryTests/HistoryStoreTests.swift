import Foundation
import Testing
@testable import History
import RoutineKit
import RunnerLog

func tempDB() -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (dir, dir.appendingPathComponent("history.sqlite").path)
}

let utc: Calendar = {
    var c = Calendar(identifier: .iso8601)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
}()

/// 2026-11-16 (a Monday) + days, at 07:00 UTC.
func day(_ n: Int, hour: Int = 7) -> Date {
    utc.date(from: DateComponents(year: 2026, month: 11, day: 16 + n, hour: hour))!
}

func record(_ index: Int, _ name: String, kind: Block.Kind, duration: Int?, actual: Double, completed: Bool = true) -> BlockRecord {
    BlockRecord(index: index, block: Block(name: name, kind: kind, duration: duration.map { seconds($0) }, estimate: seconds(duration ?? 30)),
                actual: Nanos(actual * 1e9), completed: completed)
}

/// Writes one session the way the recorder does: its start, then each block and whether the session counts
/// so far in a commit of its own, then its end.
@discardableResult
func session(_ store: HistoryStore, _ routine: String, on date: Date, params: [String: String] = [:], role: Role? = nil,
             blocks: [BlockRecord], outcome: Outcome?) throws -> Int64 {
    let exercise = Double(blocks.filter(\.block.kind.isExercise).reduce(0) { $0 + $1.block.estimate }) / 1e9
    let id = try store.commit(start: HistoryStore.SessionStart(routineID: routine, title: routine.capitalized, role: role, params: params,
                                                            startedAt: date, day: CalendarDay.string(date, utc), plannedSeconds: 60,
                                                            exerciseSeconds: exercise, plannedBlocks: blocks.count),
                              session: nil, records: [], finish: nil, at: date)
    for (i, b) in blocks.enumerated() {
        let count = Counting.session(blocks.prefix(i + 1).map(StepDone.init), plannedExercise: exercise)
        try store.commit(start: nil, session: id, records: [b], count: count, finish: nil, at: date)
    }
    if let outcome { try store.commit(start: nil, session: id, records: [], finish: (outcome, date.addingTimeInterval(120)), at: date) }
    return id
}

@Suite("History store")
struct HistoryStoreTests {
    @Test func anEmptyFileIsMigratedAndEachRecordReadsBack() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))  // an empty file, as `touch` leaves
        let store = try HistoryStore(path: path)
        let id = try session(store, "hold", on: day(0), params: ["target": "45s"],
                             blocks: [record(0, "Plank hold", kind: .hold(target: seconds(45)), duration: nil, actual: 47.25)],
                             outcome: .finished)
        let rows = try store.sessions()
        #expect(rows.count == 1)
        let s = try #require(rows.first)
        #expect(s.id == id && s.routineID == "hold" && s.outcome == .finished && s.day == "2026-11-16")
        #expect(s.params == ["target": "45s"])
        #expect(s.startedAt == day(0) && s.endedAt == day(0).addingTimeInterval(120))
        #expect(abs(s.activeSeconds - 47.25) < 1e-6)
        #expect(s.blocks == [BlockRow(position: 0, name: "Plank hold", kind: .hold, set: nil, side: nil, item: nil,
                                      plannedSeconds: nil, estimateSeconds: 30, actualSeconds: 47.25, ending: .completed)])
        #expect(s.holds.map(\.seconds) == [47.25] && s.holds.first?.targetSeconds == 45)
        #expect(try store.bestHold() == 47.25)
    }

    @Test func aSessionLeftByACrashReadsBackAsInterruptedWithWhatWasDone() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try HistoryStore(path: path)
            try session(store, "core", on: day(1), blocks: [
                record(0, "Get ready", kind: .getReady, duration: 10, actual: 10),
                record(1, "Side plank", kind: .work, duration: 30, actual: 30),
            ], outcome: nil)  // the process dies here: no finish
        }
        let reopened = try HistoryStore(path: path)
        let s = try #require(try reopened.sessions().first)
        #expect(s.outcome == .interrupted)
        #expect(s.endedAt == nil)
        #expect(s.blocks.map(\.name) == ["Get ready", "Side plank"])
        #expect(s.activeSeconds == 30)   // exercise time: the get-ready is not in it
    }

    @Test func aCorruptFileIsRefusedAndLeftByteForByte() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A real history, then damage in the middle of it.
        do { try session(try HistoryStore(path: path), "hold", on: day(0), blocks: [], outcome: .finished) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 100..<min(bytes.count, 3000) { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)

        let other = dir.appendingPathComponent("notes.sqlite").path
        let text = Data("these are my running notes, not a database\n".utf8)
        try text.write(to: URL(fileURLWithPath: other))
        #expect(throws: HistoryError(file: other, reason: "not a database (or damaged); the file was left untouched")) {
            try HistoryStore(path: other)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == text)
    }

    @Test func aFolderWhereNothingCanBeWrittenGivesAClearError() throws {
        let (dir, _) = tempDB()
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        if getuid() == 0 {
            // root may write into any folder; /proc/self takes no new files even from root.
            let path = "/proc/self/history.sqlite"
            #expect(throws: HistoryError(file: path, reason: "cannot create the history file: the folder is not writable")) {
                try HistoryStore(path: path)
            }
        } else {
            let ro = dir.appendingPathComponent("ro")
            try FileManager.default.createDirectory(at: ro, withIntermediateDirectories: true)
            chmod(ro.path, 0o555)
            let path = ro.appendingPathComponent("history.sqlite").path
            #expect(throws: HistoryError(file: path, reason: "cannot create the history file: the folder is not writable")) {
                try HistoryStore(path: path)
            }
        }
        // A "folder" that is a file.
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let inside = file.appendingPathComponent("history.sqlite").path
        #expect((try? HistoryStore(path: inside)) == nil)
        #expect(throws: HistoryError.self) { try HistoryStore(path: inside) }
    }

    @Test func aFileThatIsAnotherProgramsDatabaseIsLeftAlone() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: HistoryError(file: path, reason: "not a runcore history database; it was left untouched")) {
            try HistoryStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A block saved again (the runner went back to it) replaces its row: one row per block, the time of
    /// every visit in it, and exercise time counts work, reps and holds only.
    @Test func aBlockSavedAgainReplacesItsRow() throws {
        let (dir, path) = tempDB()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try HistoryStore(path: path)
        let id = try store.commit(start: HistoryStore.SessionStart(routineID: "t", title: "T", params: [:], startedAt: day(0),
                                                                day: "2026-11-16", plannedSeconds: 70, plannedBlocks: 3),
                                  session: nil, records: [], finish: nil, at: day(0))
        let hold = BlockRecord(index: 2, block: Block(name: "Hold", kind: .hold(target: seconds(30)), duration: nil, estimate: seconds(30)),
                               actual: seconds(30), ending: .lapsed)
        for r in [record(0, "Get ready", kind: .getReady, duration: 10, actual: 10),
                  record(1, "Plank", kind: .work, duration: 30, actual: 12, completed: false),
                  record(1, "Plank", kind: .work, duration: 30, actual: 42), hold] {
            try store.commit(start: nil, session: id, records: [r], finish: nil, at: day(0))
        }
        let s = try #require(try store.sessions().first)
        #expect(s.blocks.map(\.position) == [0, 1, 2])
        #expect(s.blocks.map(\.actualSeconds) == [10, 42, 30])
        #expect(s.blocks.map(\.ending) == [.completed, .completed, .lapsed])
        #expect(s.activeSeconds == 42)      // no get-ready, and a hold nobody ended is not exercise
        #expect(s.plannedBlocks == 3)
        #expect(s.holds.count == 1 && s.holds[0].completed == false && s.holds[0].reachedTarget == true)
    }
}

/// Dates and doses are written by runcore itself, in exactly the forms GRDB and JSONSerialization gave them, so
/// files written before and after read the same.
@Suite("What the history writes")
struct StoredFormTests {
    @Test func aDateIsStoredAsGRDBStoresIt() {
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.5),   // 2000-02-29
                     Date(timeIntervalSince1970: 1_764_510_072.081), Date(timeIntervalSince1970: 4_102_444_799.999), Date()]
        var x: UInt64 = 12345
        for _ in 0..<2000 {   // scattered over 1990–2100, with fractions of a millisecond
            x = x &* 6364136223846793005 &+ 1442695040888963407
            dates.append(Date(timeIntervalSince1970: 631_152_000 + Double(x >> 11) / Double(1 << 53) * 3_500_000_000))
        }
        for d in dates {
            #expect(d.storedText == String.fromDatabaseValue(d.databaseValue), "\(d.timeIntervalSince1970)")
        }
    }

    @Test func dosesAreStoredAsAJSONObjectWithSortedKeys() throws {
        for params in [[:], ["plank": "45s"], ["roll": "calves,quads", "plank": "1m30s", "note": "a \"b\" \\ / é\n"]] {
            let text = HistoryStore.json(params)
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] == params)
            let old = String(decoding: try JSONSerialization.data(withJSONObject: params, options: [.sortedKeys]), as: UTF8.self)
            #expect(text == old)
        }
    }
}
