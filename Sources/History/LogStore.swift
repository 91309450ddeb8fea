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
            if run.source != "manual" {
                // The same second: a range on the indexed start (dates are stored as text that sorts in time).
                let second = Date(timeIntervalSince1970: run.startedAt.timeIntervalSince1970.rounded(.down))
                let same = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM run WHERE file_hash = ?)
                      OR EXISTS (SELECT 1 FROM run WHERE started_at >= ? AND started_at < ? AND source != 'manual')
                    """, arguments: [run.fileHash, second.storedText, second.addingTimeInterval(1).storedText]) ?? false
                if same { return .alreadyThere }
            }
            let f = run.form
            try db.execute(sql: """
                INSERT INTO run (started_at, day, meters, seconds, shoe, source, file, file_hash, recorded_at, elapsed_seconds, note,
                  cadence, step_length, ground_contact, vertical_oscillation, cadence_drop)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.startedAt.storedText, run.day, run.meters, run.seconds, run.shoe, run.source, run.file, run.fileHash, date.storedText,
                                 run.elapsedSeconds, run.note, f.cadence, f.stepLength, f.groundContact, f.verticalOscillation, f.cadenceDrop])
            return .added(db.lastInsertedRowID)
        }
    }

    @discardableResult
    public func add(_ checkIn: CheckIn) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO checkin (at, day, level, place, spreading, constant, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [checkIn.at.storedText, checkIn.day, checkIn.level, checkIn.place, checkIn.spreading, checkIn.constant, checkIn.note])
            return db.lastInsertedRowID
        }
    }

    /// Whether the file has the log's tables (a file from before schema 3, opened to read, does not). Asked of
    /// `sqlite_master` directly: GRDB's `tableExists` loads its whole picture of the schema first, a
    /// millisecond at a session's start.
    func hasLog(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run')") ?? false
    }

    /// The run columns read, in order; a file from before the log's fourth step (opened to read) has NULL for
    /// the newer ones.
    func runColumns(_ db: Database) throws -> String {
        let have = try Self.columns(db, "run")
        return (["id", "started_at", "day", "meters", "seconds", "shoe", "source", "file", "file_hash"]
            + Self.runColumnsV4.map { have.contains($0.0) ? $0.0 : "NULL" }).joined(separator: ", ")
    }

    /// A run row selected with `runColumns`. Strict: the run must lie within `RunBounds`, as everything
    /// `log`, `import` and the menu write does. Lenient (for saying what a deletion removed): as it is.
    func decodeRun(_ row: Row, strict: Bool = true) throws -> Run {
        func number(_ i: Int, _ column: String) throws -> Double? {
            let v: DatabaseValue = row[i]
            switch v.storage {
            case .null: return nil
            case .double(let x): return x
            case .int64(let n): return Double(n)
            default: throw Bad.field(column, "is not a number")
            }
        }
        guard let meters = try number(3, "meters") else { throw Bad.field("meters", "is missing") }
        let seconds = try number(4, "seconds")
        let run = Run(id: row.integer(0), startedAt: try Self.date(row, 1, "started_at")!, day: try Self.text(row, 2, "day")!,
                      meters: meters, seconds: seconds, elapsedSeconds: try number(9, "elapsed_seconds"),
                      shoe: try Self.text(row, 5, "shoe", optional: true), source: try Self.text(row, 6, "source")!,
                      file: try Self.text(row, 7, "file", optional: true), fileHash: try Self.text(row, 8, "file_hash", optional: true),
                      note: try Self.text(row, 10, "note", optional: true),
                      form: RunForm(cadence: try number(11, "cadence"), stepLength: try number(12, "step_length"),
                                    groundContact: try number(13, "ground_contact"),
                                    verticalOscillation: try number(14, "vertical_oscillation"), cadenceDrop: try number(15, "cadence_drop")))
        if strict {
            if let problem = RunBounds.problem(meters: meters, seconds: seconds, day: run.day) { throw OutOfBounds(problem: problem.text) }
            if let e = run.elapsedSeconds, !(e.isFinite && e >= 0 && e <= RunBounds.longestSeconds) {
                throw Bad.field("elapsed_seconds", "is not a time (\(e))")
            }
        }
        return run
    }

    public func runs() throws -> [Run] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT \(try runColumns(db)) FROM run ORDER BY started_at, id").compactMap { row in
                decoding("run", row, fix: "runcore delete run \(Self.id(row)) removes it") { try decodeRun(row) }
            }
        }
    }

    public func shoes() throws -> [Shoe] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT rowid, name, bought, start_meters, retired, is_default, added_at FROM shoe ORDER BY added_at, rowid").compactMap { row in
                decoding("shoe", row) {
                    let start = try Self.number(row, 3, "start_meters") ?? 0
                    guard start <= RunBounds.longestMeters else { throw Bad.field("start_meters", "is more than 1,000 km") }
                    return Shoe(name: try Self.text(row, 1, "name")!, bought: try Self.text(row, 2, "bought", optional: true),
                                startMeters: start, retired: try Self.text(row, 4, "retired", optional: true),
                                isDefault: try Self.bool(row, 5, "is_default"), addedAt: try? Self.date(row, 6, "added_at", optional: true))
                }
            }
        }
    }

    public func checkIns() throws -> [CheckIn] {
        try read { db in
            guard try hasLog(db) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT id, at, day, level, place, spreading, constant, note FROM checkin ORDER BY at, id").compactMap { row in
                decoding("check-in", row, fix: "runcore delete back \(Self.id(row)) removes it") { try decodeCheckIn(row) }
            }
        }
    }

    func decodeCheckIn(_ row: Row) throws -> CheckIn {
        guard let level = try Self.int(row, 3, "level"), (0...10).contains(level) else { throw Bad.field("level", "is not 0 to 10") }
        return CheckIn(id: row.integer(0), at: try Self.date(row, 1, "at")!, day: try Self.text(row, 2, "day")!, level: level,
                       place: try Self.text(row, 4, "place", optional: true), spreading: try Self.bool(row, 5, "spreading"),
                       constant: try Self.bool(row, 6, "constant"), note: try Self.text(row, 7, "note", optional: true))
    }

    /// Which pair a run on a given day goes to (see `ShoesInUse`): the pairs, and each one's first run.
    public func shoesInUse(calendar: Calendar) throws -> ShoesInUse {
        let shoes = try shoes()
        let firsts: [String: String] = try read { db in
            guard try hasLog(db) else { return [:] }
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT shoe, min(day) FROM run WHERE shoe IS NOT NULL GROUP BY shoe") {
                guard let name = row.text(0), let day = row.text(1) else { continue }
                let key = Shoe.key(name)
                if out[key].map({ day < $0 }) ?? true { out[key] = day }
            }
            return out
        }
        return ShoesInUse(shoes: shoes, firstRuns: firsts, calendar: calendar)
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
                Clearance(id: row.integer(0), at: try Self.date(row, 1, "at")!, day: try Self.text(row, 2, "day")!,
                          note: try Self.text(row, 3, "note", optional: true))
            }
        }
    }

    public func clearances() throws -> [Clearance] { try read { try clearances($0) } }

    /// A row decoded by `body`, or nil with the problem noted once (and `fix`, how to remove it, when given).
    func decoding<T>(_ what: String, _ row: Row, fix: String? = nil, _ body: () throws -> T) -> T? {
        let tail = fix.map { "; \($0)" } ?? ""
        do {
            return try body()
        } catch Bad.field(let column, let why) {
            note("\(what) \(Self.id(row)): \(column) \(why)\(tail)")
            return nil
        } catch let e as OutOfBounds {
            note("\(what) \(Self.id(row)): \(e.problem)\(tail)")
            return nil
        } catch {
            note("\(what) \(Self.id(row)): \(error)\(tail)")
            return nil
        }
    }

    /// A run outside `RunBounds`, in the runner's words.
    struct OutOfBounds: Error { var problem: String }

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
