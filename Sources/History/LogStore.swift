import Foundation
import GRDB
import RoutineKit
import RunnerLog

/// Runs, shoes and back check-ins: written one transaction each, read defensively like the sessions.
extension HistoryStore {
    public enum RunInsert: Equatable { case added(Int64), alreadyThere }

    /// Adds a run, unless one with the same start time (to the second) or the same file hash is there already.
    @discardableResult
    public func add(_ run: Run, at date: Date) throws -> RunInsert {
        try write { db in
            let start = run.startedAt.timeIntervalSince1970.rounded(.down)
            if run.source != "manual" {
                let same = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM run WHERE (file_hash IS NOT NULL AND file_hash = ?)
                      OR (source != 'manual' AND abs(strftime('%s', started_at) - ?) < 1)
                    """, arguments: [run.fileHash, start]) ?? 0
                if same > 0 { return .alreadyThere }
            }
            try db.execute(sql: """
                INSERT INTO run (started_at, day, meters, seconds, shoe, source, file, file_hash, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.startedAt.storedText, run.day, run.meters, run.seconds, run.shoe, run.source, run.file, run.fileHash,
                                 date.storedText])
            return .added(db.lastInsertedRowID)
        }
    }

    public func add(_ checkIn: CheckIn) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO checkin (at, day, level, place, spreading, constant, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [checkIn.at.storedText, checkIn.day, checkIn.level, checkIn.place, checkIn.spreading, checkIn.constant, checkIn.note])
        }
    }

    public enum ShoeChange: Equatable { case added, exists, retired, madeDefault, unknown }

    /// Adds a pair; the first pair becomes the default.
    public func add(_ shoe: Shoe, at date: Date) throws -> ShoeChange {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM shoe WHERE name = ?", arguments: [shoe.name]) ?? 0 > 0 { return .exists }
            let first = try Int.fetchOne(db, sql: "SELECT count(*) FROM shoe WHERE retired IS NULL") ?? 0 == 0
            try db.execute(sql: "INSERT INTO shoe (name, bought, start_meters, retired, is_default, added_at) VALUES (?, ?, ?, NULL, ?, ?)",
                           arguments: [shoe.name, shoe.bought, shoe.startMeters, first || shoe.isDefault, date.storedText])
            if shoe.isDefault && !first {
                try db.execute(sql: "UPDATE shoe SET is_default = (name = ?)", arguments: [shoe.name])
            }
            return .added
        }
    }

    public func retireShoe(_ name: String, day: String) throws -> ShoeChange {
        try write { db in
            try db.execute(sql: "UPDATE shoe SET retired = ?, is_default = 0 WHERE name = ? AND retired IS NULL", arguments: [day, name])
            return db.changesCount > 0 ? .retired : .unknown
        }
    }

    public func makeDefaultShoe(_ name: String) throws -> ShoeChange {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM shoe WHERE name = ? AND retired IS NULL", arguments: [name]) ?? 0 > 0 else {
                return .unknown
            }
            try db.execute(sql: "UPDATE shoe SET is_default = (name = ?)", arguments: [name])
            return .madeDefault
        }
    }

    /// Whether the file has the log's tables (a file from before schema 3, opened to read, does not).
    /// Whether the file has the log's tables (schema 2 on). Asked of `sqlite_master` directly: GRDB's
    /// `tableExists` loads its whole picture of the schema first, a millisecond at a session's start.
    func hasLog(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run')") ?? false
    }

    public func runs() throws -> [Run] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT id, started_at, day, meters, seconds, shoe, source, file, file_hash FROM run ORDER BY started_at, id").compactMap { row in
                decoding("run", row) {
                    guard let meters = try Self.number(row, 3, "meters"), meters > 0, meters < 1e7 else { throw Bad.field("meters", "is not a distance") }
                    return Run(id: row[0], startedAt: try Self.date(row, 1, "started_at")!, day: try Self.text(row, 2, "day")!,
                               meters: meters, seconds: try Self.seconds(row, 4, "seconds", optional: true),
                               shoe: try Self.text(row, 5, "shoe", optional: true), source: try Self.text(row, 6, "source")!,
                               file: try Self.text(row, 7, "file", optional: true), fileHash: try Self.text(row, 8, "file_hash", optional: true))
                }
            }
        }
    }

    public func shoes() throws -> [Shoe] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT rowid, name, bought, start_meters, retired, is_default FROM shoe ORDER BY added_at, rowid").compactMap { row in
                decoding("shoe", row) {
                    Shoe(name: try Self.text(row, 1, "name")!, bought: try Self.text(row, 2, "bought", optional: true),
                         startMeters: try Self.number(row, 3, "start_meters") ?? 0, retired: try Self.text(row, 4, "retired", optional: true),
                         isDefault: try Self.bool(row, 5, "is_default"))
                }
            }
        }
    }

    public func checkIns() throws -> [CheckIn] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT id, at, day, level, place, spreading, constant, note FROM checkin ORDER BY at, id").compactMap { row in
                decoding("check-in", row) {
                    guard let level = try Self.int(row, 3, "level"), (0...10).contains(level) else { throw Bad.field("level", "is not 0 to 10") }
                    return CheckIn(at: try Self.date(row, 1, "at")!, day: try Self.text(row, 2, "day")!, level: level,
                                   place: try Self.text(row, 4, "place", optional: true), spreading: try Self.bool(row, 5, "spreading"),
                                   constant: try Self.bool(row, 6, "constant"), note: try Self.text(row, 7, "note", optional: true))
                }
            }
        }
    }

    /// Whether anything is logged that could raise a warning before a session (a check-in, a pair in use, a
    /// "yes" to low-back pain, a session stopped for pain): without any, a session's start need not read the log.
    public func hasWarningsToCheck() throws -> Bool {
        try read { db in
            guard try hasLog(db) else { return false }
            return try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM checkin) OR EXISTS (SELECT 1 FROM shoe WHERE retired IS NULL)
                  OR EXISTS (SELECT 1 FROM session WHERE outcome = 'pain')
                  OR EXISTS (SELECT 1 FROM preference WHERE key = ? AND value = 'yes')
                """, arguments: [Self.existingPainKey]) ?? false
        }
    }

    /// Everything the rules read: runs, shoes, the back, clearances, the sessions in `window` (the rules look
    /// back ten weeks; a start must not read ten years of sessions), and the answers to the menu's questions.
    public func runnerLog(within window: DateInterval? = nil) throws -> RunnerLog {
        var sessions: [LoggedSession] = []
        var cleared: [Clearance] = []
        var asked: Set<String> = []
        try read { db in
            sessions = try loggedSessions(db, within: window)
            cleared = try clearances(db)
            asked = try askedKeys(db)
        }
        return RunnerLog(runs: try runs(), shoes: try shoes(), checkIns: try checkIns(), clearances: cleared,
                         sessions: sessions, existingPain: try existingPain(), asked: asked)
    }

    public static let existingPainKey = "back.existing-pain"
    /// When the answer was given (seconds since 1970); answers kept before runcore noted it have none.
    static let existingPainAtKey = "back.existing-pain-at"
    static let existingPainAdvisedKey = "back.existing-pain-advised"

    /// The answer to "do you have low-back pain already?", with when it was given.
    public func existingPain() throws -> PainAnswer? {
        guard let answer = try preference(Self.existingPainKey) else { return nil }
        let at = try preference(Self.existingPainAtKey).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        return PainAnswer(yes: answer == "yes", at: at)
    }

    public func setExistingPain(_ yes: Bool, at date: Date) throws {
        try write { db in
            for (key, value) in [(Self.existingPainKey, yes ? "yes" : "no"), (Self.existingPainAtKey, String(date.timeIntervalSince1970))] {
                try db.execute(sql: "INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            }
        }
    }

    /// Keys of the menu's questions answered or passed over. (Files from before schema 4 kept the last run and
    /// back question under two keys of their own.)
    func askedKeys(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("preference") else { return [] }
        var keys = Set(try String.fetchAll(db, sql: "SELECT substr(key, 7) FROM preference WHERE key LIKE 'asked:%'"))
        if let day = try String.fetchOne(db, sql: "SELECT value FROM preference WHERE key = 'asked.run'") { keys.insert("run \(day)") }
        if let back = try String.fetchOne(db, sql: "SELECT value FROM preference WHERE key = 'asked.back'") { keys.insert("back \(back)") }
        return keys
    }

    /// Notes that a question was answered or passed over: it is not asked again.
    public func markAsked(_ key: String, at date: Date) throws {
        try setPreference("asked:" + key, String(date.timeIntervalSince1970))
    }

    /// Records that a healthcare provider has seen the runner.
    @discardableResult
    public func add(_ clearance: Clearance, at date: Date) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO cleared (at, day, note, recorded_at) VALUES (?, ?, ?, ?)",
                           arguments: [clearance.at.storedText, clearance.day, clearance.note, date.storedText])
            return db.lastInsertedRowID
        }
    }

    func clearances(_ db: Database) throws -> [Clearance] {
        guard try db.tableExists("cleared") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT id, at, day, note FROM cleared ORDER BY at, id").compactMap { row in
            decoding("cleared", row) {
                Clearance(id: row[0], at: try Self.date(row, 1, "at")!, day: try Self.text(row, 2, "day")!,
                          note: try Self.text(row, 3, "note", optional: true))
            }
        }
    }

    public func clearances() throws -> [Clearance] { try read { try clearances($0) } }

    /// A row decoded by `body`, or nil with the problem noted once.
    func decoding<T>(_ what: String, _ row: Row, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch Bad.field(let column, let why) {
            note("\(what) \(Self.id(row)): \(column) \(why)")
            return nil
        } catch {
            note("\(what) \(Self.id(row)): \(error)")
            return nil
        }
    }

    static func number(_ row: Row, _ i: Int, _ column: String) throws -> Double? {
        let v: DatabaseValue = row[i]
        switch v.storage {
        case .double(let x) where x.isFinite && x >= 0: return x
        case .int64(let n) where n >= 0: return Double(n)
        case .null: throw Bad.field(column, "is missing")
        default: throw Bad.field(column, "is not a number")
        }
    }
}
