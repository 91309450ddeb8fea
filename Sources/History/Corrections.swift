import Foundation
import GRDB
import RunnerLog

/// Changing the log after the fact: shoe pairs (added, retired, brought back, made the default, renamed, given
/// runs), deleting rows by id, and `log undo`. Every change is one transaction; every shoe change is kept in
/// `shoe_change` with what it replaced, so the last one can be taken back.
extension HistoryStore {
    public enum ShoeChange: Equatable { case added, exists, retired, unretired, madeDefault, renamed, unknown }

    /// A pair as stored, found by name as `Shoe.key` compares them.
    struct StoredPair { var name: String; var retired: String?; var isDefault: Bool }

    static func pair(_ db: Database, _ name: String) throws -> StoredPair? {
        let key = Shoe.key(name)
        for row in try Row.fetchAll(db, sql: "SELECT name, retired, is_default FROM shoe") {
            guard let stored = row.text(0), Shoe.key(stored) == key else { continue }
            return StoredPair(name: stored, retired: row.text(1), isDefault: row.integer(2) == 1)
        }
        return nil
    }

    static func defaultPair(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM shoe WHERE is_default = 1 AND retired IS NULL")
    }

    static func record(_ db: Database, _ action: String, _ shoe: String, _ detail: [String: Any], at date: Date) throws {
        let json = String(decoding: (try? JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        try db.execute(sql: "INSERT INTO shoe_change (at, action, shoe, detail) VALUES (?, ?, ?, ?)", arguments: [date, action, shoe, json])
    }

    /// Adds a pair (its name kept in NFC); the first pair in use becomes the default. `.exists` when a pair of
    /// that name (compared by `Shoe.key`) is there already.
    public func add(_ shoe: Shoe, at date: Date) throws -> ShoeChange {
        try write { db in
            let name = Shoe.stored(shoe.name)
            if try Self.pair(db, name) != nil { return .exists }
            let previous = try Self.defaultPair(db)
            let makeDefault = previous == nil || shoe.isDefault
            try db.execute(sql: "INSERT INTO shoe (name, bought, start_meters, retired, is_default, added_at) VALUES (?, ?, ?, NULL, ?, ?)",
                           arguments: [name, shoe.bought, shoe.startMeters, makeDefault, date])
            if makeDefault { try db.execute(sql: "UPDATE shoe SET is_default = (name = ?)", arguments: [name]) }
            try Self.record(db, "add", name, ["previous_default": previous ?? NSNull()], at: date)
            return .added
        }
    }

    public func retireShoe(_ name: String, day: String, at date: Date) throws -> ShoeChange {
        try write { db in
            guard let p = try Self.pair(db, name), p.retired == nil else { return .unknown }
            try db.execute(sql: "UPDATE shoe SET retired = ?, is_default = 0 WHERE name = ?", arguments: [day, p.name])
            try Self.record(db, "retire", p.name, ["was_default": p.isDefault], at: date)
            return .retired
        }
    }

    /// A retired pair back in use (not as the default).
    public func unretireShoe(_ name: String, at date: Date) throws -> ShoeChange {
        try write { db in
            guard let p = try Self.pair(db, name), let retired = p.retired else { return .unknown }
            try db.execute(sql: "UPDATE shoe SET retired = NULL WHERE name = ?", arguments: [p.name])
            try Self.record(db, "unretire", p.name, ["retired": retired], at: date)
            return .unretired
        }
    }

    public func makeDefaultShoe(_ name: String, at date: Date) throws -> ShoeChange {
        try write { db in
            guard let p = try Self.pair(db, name), p.retired == nil else { return .unknown }
            let previous = try Self.defaultPair(db)
            try db.execute(sql: "UPDATE shoe SET is_default = (name = ?)", arguments: [p.name])
            try Self.record(db, "default", p.name, ["previous_default": previous ?? NSNull()], at: date)
            return .madeDefault
        }
    }

    /// A pair's new name, on the pair and on every run in it. `.exists` when another pair has the new name.
    public func renameShoe(_ old: String, to new: String, at date: Date) throws -> ShoeChange {
        try write { db in
            guard let p = try Self.pair(db, old) else { return .unknown }
            let name = Shoe.stored(new)
            if let other = try Self.pair(db, name), other.name != p.name { return .exists }
            try Self.rename(db, from: p.name, to: name)
            try Self.record(db, "rename", name, ["from": p.name], at: date)
            return .renamed
        }
    }

    static func rename(_ db: Database, from: String, to: String) throws {
        try db.execute(sql: "UPDATE shoe SET name = ? WHERE name = ?", arguments: [to, from])
        let key = Shoe.key(from)
        for row in try Row.fetchAll(db, sql: "SELECT id, shoe FROM run WHERE shoe IS NOT NULL") {
            guard let shoe = row.text(1), Shoe.key(shoe) == key, let id = row.integer(0) else { continue }
            try db.execute(sql: "UPDATE run SET shoe = ? WHERE id = ?", arguments: [to, id])
        }
    }

    public enum Assignment: Equatable { case assigned(pair: String?, runs: Int), unknownRuns([Int64]), unknownPair }

    /// Puts runs on a pair (any pair, retired ones too: old runs belong to old shoes), or on none (`shoe` nil).
    /// Nothing changes when an id or the pair is not there.
    public func assign(runs ids: [Int64], to shoe: String?, at date: Date) throws -> Assignment {
        try write { db in
            var name: String?
            if let shoe {
                guard let p = try Self.pair(db, shoe) else { return .unknownPair }
                name = p.name
            }
            var before: [String: Any] = [:]
            var missing: [Int64] = []
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT shoe FROM run WHERE id = ?", arguments: [id]) else { missing.append(id); continue }
                before[String(id)] = row.text(0) ?? NSNull()
            }
            guard missing.isEmpty else { return .unknownRuns(missing) }
            for id in ids { try db.execute(sql: "UPDATE run SET shoe = ? WHERE id = ?", arguments: [name, id]) }
            try Self.record(db, "assign", name ?? "", ["runs": before], at: date)
            return .assigned(pair: name, runs: Set(ids).count)
        }
    }
}

// MARK: - Deleting and undoing

extension HistoryStore {
    /// What a deletion or an undo removed, as it was (a row that would not read is still described from what
    /// it holds).
    public enum Removed: Equatable {
        case run(Run)
        case checkIn(CheckIn)
        case session(id: Int64, routine: String, startedAt: Date?, outcome: String)
        /// A shoe change taken back: the action (`add`, `retire`, `unretire`, `default`, `rename`, `assign`),
        /// the pair, and what it had replaced.
        case shoeChange(action: String, shoe: String, detail: [String: String])
        /// A row of another undoable table (see `undoable`), by table and id.
        case row(table: String, id: Int64)
        /// A row that could not be described: its kind, id and why.
        case unreadable(kind: String, id: Int64, why: String)
    }

    public enum LogKind: String, Sendable, CaseIterable { case run, back, session, cleared }

    public enum Deletion: Equatable { case removed([Removed]), missing([Int64]) }

    /// Deletes rows of one kind by id, in one transaction: all of them, or none when an id is not there.
    /// A session goes with its steps and holds.
    public func delete(_ kind: LogKind, ids: [Int64]) throws -> Deletion {
        try write { db in
            var removed: [Removed] = []
            var missing: [Int64] = []
            for id in ids where !missing.contains(id) && !removed.contains(where: { $0.id == id }) {
                guard let r = try Self.describe(kind, id: id, db, store: self) else { missing.append(id); continue }
                removed.append(r)
            }
            guard missing.isEmpty else { return .missing(missing) }
            for r in removed {
                guard let id = r.id else { continue }
                switch kind {
                case .run: try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
                case .back: try db.execute(sql: "DELETE FROM checkin WHERE id = ?", arguments: [id])
                case .cleared: try db.execute(sql: "DELETE FROM cleared WHERE id = ?", arguments: [id])
                case .session:
                    try db.execute(sql: "DELETE FROM hold WHERE session_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM block WHERE session_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                }
            }
            return .removed(removed)
        }
    }

    static func describe(_ kind: LogKind, id: Int64, _ db: Database, store: HistoryStore) throws -> Removed? {
        switch kind {
        case .run:
            guard let row = try Row.fetchOne(db, sql: "SELECT \(try store.runColumns(db)) FROM run WHERE id = ?", arguments: [id]) else { return nil }
            return (try? store.decodeRun(row, strict: false)).map(Removed.run) ?? .unreadable(kind: "run", id: id, why: "the row does not read")
        case .back:
            guard let row = try Row.fetchOne(db, sql: "SELECT id, at, day, level, place, spreading, constant, note FROM checkin WHERE id = ?",
                                             arguments: [id]) else { return nil }
            return (try? store.decodeCheckIn(row)).map(Removed.checkIn) ?? .unreadable(kind: "back check-in", id: id, why: "the row does not read")
        case .cleared:
            guard try db.tableExists("cleared"), try Row.fetchOne(db, sql: "SELECT id FROM cleared WHERE id = ?", arguments: [id]) != nil else { return nil }
            return .row(table: "cleared", id: id)
        case .session:
            guard let row = try Row.fetchOne(db, sql: "SELECT routine_id, started_at, outcome FROM session WHERE id = ?", arguments: [id]) else { return nil }
            let started: DatabaseValue = row[1]
            return .session(id: id, routine: row.text(0) ?? "?", startedAt: Date.fromDatabaseValue(started),
                            outcome: row.text(2) ?? "?")
        }
    }

    /// A table whose rows `log undo` can take back: the newest row (by its time column, then id) of all of
    /// them is the last thing logged. Another kind of logged row joins with one entry here; its rows are then
    /// deleted by id and said back as `.row` unless `describe` below knows them.
    public struct Undoable: Sendable {
        public var table: String
        public var time: String
        public init(table: String, time: String) {
            self.table = table
            self.time = time
        }
    }

    public static let undoable: [Undoable] = [
        Undoable(table: "run", time: "recorded_at"),
        Undoable(table: "checkin", time: "at"),
        Undoable(table: "shoe_change", time: "at"),
        Undoable(table: "cleared", time: "recorded_at"),
    ]

    /// Takes back the last thing logged, in one transaction: a run typed in, a whole import (every run it
    /// added), a back check-in, or a shoe change. Nil when there is nothing to take back.
    public func undoLast() throws -> [Removed]? {
        try write { db -> [Removed]? in
            var last: (entry: Int, time: String, id: Int64)?
            for (n, u) in Self.undoable.enumerated() where try db.tableExists(u.table) {
                guard let row = try Row.fetchOne(db, sql: "SELECT \(u.time), id FROM \(u.table) ORDER BY \(u.time) DESC, id DESC LIMIT 1"),
                      let id = row.integer(1) else { continue }
                let time = row.text(0) ?? ""
                if last.map({ (time, n) > ($0.time, $0.entry) }) ?? true { last = (n, time, id) }
            }
            guard let last else { return nil }
            switch Self.undoable[last.entry].table {
            case "run":
                // An import is one thing logged: every run it added shares its time.
                let source = try String.fetchOne(db, sql: "SELECT source FROM run WHERE id = ?", arguments: [last.id])
                let ids = source == "import"
                    ? try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE recorded_at = ? AND source = 'import' ORDER BY started_at, id",
                                         arguments: [last.time])
                    : [last.id]
                var removed: [Removed] = []
                for id in ids {
                    if let r = try Self.describe(.run, id: id, db, store: self) { removed.append(r) }
                    try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
                }
                return removed
            case "checkin":
                let r = try Self.describe(.back, id: last.id, db, store: self)
                try db.execute(sql: "DELETE FROM checkin WHERE id = ?", arguments: [last.id])
                return r.map { [$0] } ?? []
            case "shoe_change":
                return [try Self.undoShoeChange(last.id, db)]
            default:
                let table = Self.undoable[last.entry].table
                try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [last.id])
                return [.row(table: table, id: last.id)]
            }
        }
    }

    /// Puts a pair back as it was before the change `id`, and forgets the change.
    static func undoShoeChange(_ id: Int64, _ db: Database) throws -> Removed {
        guard let row = try Row.fetchOne(db, sql: "SELECT action, shoe, detail FROM shoe_change WHERE id = ?", arguments: [id]),
              let action = row.text(0), let shoe = row.text(1) else {
            try db.execute(sql: "DELETE FROM shoe_change WHERE id = ?", arguments: [id])
            return .unreadable(kind: "shoe change", id: id, why: "the row does not read")
        }
        let detail = (row.text(2).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]) ?? [:]
        var said: [String: String] = [:]
        func restoreDefault(_ name: Any?) throws {
            if let name = name as? String {
                try db.execute(sql: "UPDATE shoe SET is_default = (name = ?)", arguments: [name])
                said["default"] = name
            } else {
                try db.execute(sql: "UPDATE shoe SET is_default = 0")
            }
        }
        switch action {
        case "add":
            let runs = try Int.fetchOne(db, sql: "SELECT count(*) FROM run WHERE shoe = ?", arguments: [shoe]) ?? 0
            try db.execute(sql: "UPDATE run SET shoe = NULL WHERE shoe = ?", arguments: [shoe])
            try db.execute(sql: "DELETE FROM shoe WHERE name = ?", arguments: [shoe])
            try restoreDefault(detail["previous_default"])
            if runs > 0 { said["runs"] = String(runs) }
        case "retire":
            try db.execute(sql: "UPDATE shoe SET retired = NULL WHERE name = ?", arguments: [shoe])
            if detail["was_default"] as? Bool == true { try restoreDefault(shoe) }
        case "unretire":
            if let day = detail["retired"] as? String {
                try db.execute(sql: "UPDATE shoe SET retired = ?, is_default = 0 WHERE name = ?", arguments: [day, shoe])
                said["retired"] = day
            }
        case "default":
            try restoreDefault(detail["previous_default"])
        case "rename":
            if let from = detail["from"] as? String {
                try rename(db, from: shoe, to: from)
                said["from"] = from
            }
        case "assign":
            let runs = detail["runs"] as? [String: Any] ?? [:]
            for (id, before) in runs {
                guard let n = Int64(id) else { continue }
                try db.execute(sql: "UPDATE run SET shoe = ? WHERE id = ?", arguments: [before as? String, n])
            }
            said["runs"] = String(runs.count)
        default:
            break
        }
        try db.execute(sql: "DELETE FROM shoe_change WHERE id = ?", arguments: [id])
        return .shoeChange(action: action, shoe: shoe, detail: said)
    }
}

extension HistoryStore.Removed {
    var id: Int64? {
        switch self {
        case .run(let r): return r.id
        case .checkIn(let c): return c.id
        case .session(let id, _, _, _): return id
        case .row(_, let id), .unreadable(_, let id, _): return id
        case .shoeChange: return nil
        }
    }
}
