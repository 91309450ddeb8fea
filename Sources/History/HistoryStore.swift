import Foundation
import GRDB
import RoutineKit
import RunnerLog

/// A history problem, always one line naming the file.
public struct HistoryError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    /// The file was locked by another program: the same write may succeed later.
    public var isLock: Bool
    public init(file: String, reason: String, isLock: Bool = false) {
        self.file = file
        self.reason = reason
        self.isLock = isLock
    }
    init(file: String, reason: String, error: Error) {
        let code = (error as? DatabaseError)?.resultCode
        self.init(file: file, reason: reason, isLock: code == .SQLITE_BUSY || code == .SQLITE_LOCKED)
    }
    public var description: String { "\(file): \(reason)" }
}

/// The history database: sessions, the blocks done in them, and holds. Every write is a transaction, so a
/// process killed at any moment leaves an intact file in which its session reads as interrupted.
///
/// runcore marks its databases (SQLite's `application_id`, and the schema version in `user_version`) and
/// writes only to a file that carries the mark: another program's database, even one with a `session`
/// table or GRDB's `grdb_migrations`, is refused and left byte for byte. An empty file, or a file written by
/// runcore before the mark existed (recognised by its exact tables, columns and migrations), may become one.
/// A file made by a newer runcore is read if its schema is understood, and never written. Readers open the
/// file read-only: they never merge a leftover `-wal`, change the journal mode or repair anything.
public final class HistoryStore {
    /// "RCor".
    public static let applicationID: Int32 = 0x5243_6F72
    public static let schemaVersion = 4

    public enum Access: Sendable { case write, read }

    public let path: String
    public let access: Access
    let db: DatabaseQueue
    /// Rows that could not be read, each named once (`…/history.sqlite: session 12: started_at is not a date`).
    public internal(set) var problems: [String] = []
    /// The read-only connection that looked at the file before a writer opened it.
    private var probeQueue: DatabaseQueue?
    /// The columns a read selects, found once per file.
    var columnList: (session: String, block: String, hold: String)?
    /// The runner's routines' roles by id (built-in and their own), asked only for sessions recorded before a
    /// session kept its role (schema 4): what they count as is the role their routine says it has.
    private let routineRoles: () -> [String: Role]
    lazy var rolesByID: [String: Role] = routineRoles()

    /// Opens (or creates) the database at `path` for writing. `create: false` refuses to create a missing file.
    /// Never waits for a lock: a locked file throws an error whose `isLock` is true, to be tried again later.
    /// `reading`, a store opened for reading on the same file, lends its read-only connection to look at the file
    /// first (each connection GRDB opens costs a third of a millisecond).
    /// `roles`: the runner's routines' roles by id, for sessions recorded before schema 4 (see `rolesByID`).
    public convenience init(path: String, create: Bool = true, reading: HistoryStore? = nil,
                            roles: @escaping () -> [String: Role] = { [:] }) throws {
        let probe = reading.flatMap { $0.access == .read && $0.path == path && $0.db.path == path ? $0.db : nil }
        try self.init(path: path, access: .write, create: create, probe: probe, roles: roles)
        Self.keepUntilExit(self)
    }

    /// Opens the database at `path` read-only; a missing or empty file is an error (`no history yet`).
    public static func forReading(path: String, roles: @escaping () -> [String: Role] = { [:] }) throws -> HistoryStore {
        let store = try HistoryStore(path: path, access: .read, create: false, roles: roles)
        keepUntilExit(store)
        return store
    }

    /// Whether the stores opened are kept open until `closeAll` (runcore's own run sets it): freeing one in the
    /// middle of a run makes libdispatch start a thread pool whose monitor wakes the session twice a second.
    nonisolated(unsafe) public static var keptUntilExit = false
    nonisolated(unsafe) private static var kept: [HistoryStore] = []

    private static func keepUntilExit(_ store: HistoryStore) {
        if keptUntilExit { kept.append(store) }
    }

    /// Closes every store kept, the read-only connections first, so that the last to close is a writer's:
    /// SQLite then copies the write-ahead log into the file and removes it, and `history.sqlite` alone holds
    /// everything (a copy or a backup of it loses nothing). Called as runcore exits.
    public static func closeAll() {
        for store in kept {
            if store.access == .read { try? store.db.close() }
            try? store.probeQueue?.close()
        }
        for store in kept where store.access == .write { try? store.db.close() }
        kept = []
    }

    init(path: String, access: Access, create: Bool, probe reused: DatabaseQueue? = nil, roles: @escaping () -> [String: Role] = { [:] }) throws {
        self.path = path
        self.access = access
        routineRoles = roles
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists {
            guard create, access == .write else { throw HistoryError(file: path, reason: "no history yet (no sessions recorded)") }
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
        // What the file is, found through a read-only connection before anything could write to it: even
        // closing a read-write connection may fold a leftover -wal into a file that turns out not to be ours.
        var probeConfig = Configuration()
        probeConfig.readonly = true
        probeConfig.busyMode = .timeout(1)
        let size = (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        var kind = Kind.empty
        if exists && size > 0 {
            do {
                var probe: DatabaseQueue
                do {
                    probe = try reused ?? DatabaseQueue(path: path, configuration: probeConfig)
                    kind = try probe.read { try Self.kind(of: $0) }
                } catch let e as DatabaseError where access == .read
                    && [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL].contains(e.resultCode)
                    && ((try? fm.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0) == 0 {
                    // A WAL file in a folder nothing may be written to (a read-only mount, another account's
                    // folder, a full disk): SQLite cannot make its index beside it. With no -wal (or an empty one)
                    // there is nothing beyond the file itself, which can then be read as it is.
                    let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
                    probe = try DatabaseQueue(path: uri, configuration: probeConfig)
                    kind = try probe.read { try Self.kind(of: $0) }
                }
                switch kind {
                case .foreign:
                    throw HistoryError(file: path, reason: "not a runcore history database; it was left untouched")
                case .newer(let v) where access == .write:
                    throw HistoryError(file: path, reason: "made by a newer runcore (history schema \(v)); upgrade runcore to add to it. It was left untouched")
                case .newer(let v):
                    guard (try? probe.read(Self.understood)) == true else {
                        throw HistoryError(file: path, reason: "made by a newer runcore (history schema \(v)) in a form this one cannot read; upgrade runcore")
                    }
                case .empty where access == .read:
                    throw HistoryError(file: path, reason: "no history yet (no sessions recorded)")
                default:
                    if access == .write {
                        // A damaged file is refused before the first write.
                        let check = (try? probe.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }) ?? ["quick_check failed"]
                        guard check == ["ok"] else {
                            throw HistoryError(file: path, reason: "the database is damaged (\(check.first ?? "quick_check failed")); it was left untouched")
                        }
                    }
                }
                if access == .read {
                    db = probe
                    return
                }
                // Kept open for the store's life: closing it now would make libdispatch start a thread pool
                // whose monitor wakes the process twice a second for the rest of the session.
                probeQueue = probe
            } catch let e as HistoryError {
                throw e
            } catch {
                let why = (error as? DatabaseError).map { [.SQLITE_IOERR, .SQLITE_FULL].contains($0.resultCode) } == true && Self.diskFull(path)
                    ? "the disk is full" : Self.reason(error)
                throw HistoryError(file: path, reason: "\(why); the file was left untouched", error: error)
            }
        } else if access == .read {
            throw HistoryError(file: path, reason: "no history yet (no sessions recorded)")
        }
        var config = Configuration()
        config.busyMode = .immediateError
        config.foreignKeysEnabled = true
        do {
            db = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw HistoryError(file: path, reason: exists ? "\(Self.reason(error)); the file was left untouched"
                                                        : "cannot create the history file: \(Self.reason(error))", error: error)
        }
        do {
            if kind != .current { try Self.prepareSchema(db, roles: roles) }
            // Write-ahead log, synced at every commit: a commit costs one sync instead of four, and a crash or
            // power cut still loses nothing committed.
            try db.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" { try db.execute(sql: "PRAGMA journal_mode = WAL") }
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch let e as HistoryError {
            throw e
        } catch {
            throw HistoryError(file: path, reason: "cannot prepare the database: \(Self.reason(error))", error: error)
        }
    }

    /// Whether the disk holding `path` has no room left.
    static func diskFull(_ path: String) -> Bool {
        var st = statvfs()
        let dir = (path as NSString).deletingLastPathComponent
        return statvfs(dir.isEmpty ? "." : dir, &st) == 0 && st.f_bavail == 0
    }

    func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError, [.SQLITE_IOERR, .SQLITE_FULL].contains(e.resultCode), Self.diskFull(path) {
            return "the disk is full"
        }
        return Self.reason(error)
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
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_IOERR: return "the disk could not be written (\(e.message ?? "I/O error"))"
            case .SQLITE_MISMATCH: return e.message ?? "not a runcore history database"
            default: return e.message ?? "\(e.resultCode)"
            }
        }
        if let e = error as? HistoryError { return e.reason }
        return "\(error)"
    }

    static func posixReason(_ error: Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
    }

    /// How long a write waits for a lock another program holds, counted from the moment it meets the lock: 0
    /// (the default, for sessions, whose writes never wait) fails at once with an error whose `isLock` is true.
    /// `import` waits 30 s. A write that waited is one transaction tried again from its start, so `body` must
    /// not change anything outside the database.
    public var lockWait: TimeInterval = 0

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard access == .write else { throw HistoryError(file: path, reason: "opened for reading only") }
        var lockedSince: TimeInterval?
        while true {
            do {
                return try db.write(body)
            } catch let e as DatabaseError where lockWait > 0 && (e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED) {
                let now = ProcessInfo.processInfo.systemUptime
                if lockedSince == nil { lockedSince = now }
                if now - lockedSince! < lockWait {
                    usleep(25_000)
                    continue
                }
                throw HistoryError(file: path, reason: "cannot save: \(reason(e)) (waited \(Int(lockWait)) s)", error: e)
            } catch {
                throw HistoryError(file: path, reason: "cannot save: \(reason(error))", error: error)
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.read(body)
        } catch let e as HistoryError {
            throw e
        } catch {
            throw HistoryError(file: path, reason: "cannot read: \(reason(error))", error: error)
        }
    }
}
