import Foundation
import History
import RoutineFiles
import RoutineKit
import RunnerLog

/// What a command works with: where the runner's files are, the routine catalog, the present and the runner's
/// calendar, and the history, built once from the options and the environment and passed down (tests choose
/// every one of them).
package struct Context {
    package var paths: Paths
    package var environment: [String: String]
    package var catalog: Catalog
    /// The history opened for reading, kept for the run: progression, picks and the hold screen share it.
    package let readCache = ReadCache()

    package final class ReadCache {
        var store: HistoryStore??
    }

    package init(dataDir: String?, environment: [String: String] = ProcessEnvironment.current) {
        self.environment = environment
        paths = Paths.resolve(dataDirOption: dataDir, environment: environment)
        catalog = Catalog(userDirectory: paths.routinesDir)
    }

    /// Exercise figures: built-in, and the runner's own in the `figures` folder beside their routines.
    package var figures: FigureLibrary { FigureLibrary(userDirectory: paths.configDir.appendingPathComponent("figures")) }

    // MARK: Time

    /// The present, or `RUNCORE_NOW` (ISO 8601, for tests that replay a runner's weeks).
    package var now: Date {
        if let text = environment["RUNCORE_NOW"], let d = ISO8601DateFormatter().date(from: text) { return d }
        return Date()
    }

    /// The runner's calendar: Monday-first weeks in the local time zone (TZ, as the environment given says).
    package var calendar: Calendar {
        var c = Calendar(identifier: .iso8601)
        c.timeZone = environment["TZ"].flatMap { TimeZone(identifier: $0) } ?? TimeZone.current
        return c
    }

    package var today: String { CalendarDay.string(now, calendar) }

    // MARK: Routines

    /// The routine called `name` (an id or a path); what is wrong is said in one line, and the right exit status.
    package func routine(_ name: String) throws -> Routine {
        do {
            return try catalog.find(name).routine
        } catch let e as RoutineFileError {
            Out.error(e.description)
            throw ExitStatus(Exit.badData)
        } catch let e as UnknownRoutine {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.usage)
        }
    }

    /// The routine's timeline with the doses typed (`overrides`, which win) and the others from `extra`; a bad
    /// dose is a usage error.
    package func timeline(_ routine: Routine, overrides: [(String, String)], extra: ParamValues? = nil) throws -> Timeline {
        do {
            var values = try ParamValues.resolve(routine, overrides: overrides)
            if let extra {
                let typed = Set(overrides.map(\.0))
                for (name, value) in extra.values where !typed.contains(name) {
                    values[name] = value
                    if let why = extra.reasons[name] { values.reasons[name] = why }
                }
            }
            return try Timeline(routine, params: values)
        } catch let e as ParamError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.usage)
        } catch let e as TimelineError {
            Out.error("runcore: \(routine.id): \(e)")
            throw ExitStatus(Exit.badData)
        }
    }

    /// The command that starts a routine: its own command for the three that have one, else `run`.
    package static let shortcuts: Set<String> = ["warmup", "core", "hold"]

    package static func command(for id: String) -> String {
        shortcuts.contains(id) ? "runcore \(id)" : "runcore run \(id)"
    }

    // MARK: Settings and the coach

    package var settings: Settings { Settings.load(path: paths.configFile.path) }

    package func limits(_ s: Settings) -> Limits {
        Limits(shoeMiles: s.shoeLimitMiles ?? 300, shoeYears: s.shoeAgeYears ?? 2, units: Units(rawValue: s.units ?? "km") ?? .km)
    }

    /// What the coach reads besides the log: limits, run days, and the routines by role (built-in and the
    /// runner's own, in the catalog's order). Without `routines`, none are named (a session's start needs
    /// only the warnings).
    package func coachSettings(_ s: Settings, routines: [Routine]? = nil) -> CoachSettings {
        let refs = (routines ?? []).map { RoutineRef(id: $0.id, title: $0.title, role: $0.role, command: Self.command(for: $0.id)) }
        return CoachSettings(limits: limits(s), runDays: s.runDays, routines: refs)
    }

    /// The sessions the rules read: the last ten weeks up to the end of today (the weeks of `stats` are eight,
    /// the rules look back two), so starting a session costs the same with ten sessions or ten thousand.
    package var logWindow: DateInterval {
        let today = CalendarDay.adding(0, to: now, calendar)
        return DateInterval(start: CalendarDay.adding(-70, to: today, calendar), end: CalendarDay.adding(1, to: today, calendar))
    }

    /// The runner's log for the rules, or an empty one when there is no history yet. Rows that cannot be read
    /// are left out and named in the store's `problems`; a history that cannot be read at all is one line and
    /// exit 74.
    package func runnerLog(_ store: HistoryStore?) throws -> RunnerLog {
        do {
            return try store?.runnerLog(within: logWindow) ?? RunnerLog()
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.ioError)
        }
    }

    /// Today's verdict for the screens that must go on when the history cannot be read (the menu, a session's
    /// get-ready): the verdict, and a line to show beside it when the history, or part of it, could not be read
    /// (then a warning may be missing, and the runner is told so).
    package func verdictOrProblem(settings: Settings, routines: [Routine]?) -> (DayVerdict?, String?) {
        let path = paths.historyFile.path
        var store: HistoryStore?
        if FileManager.default.fileExists(atPath: path) {
            do {
                store = try historyOpenedToRead()
            } catch let e as HistoryError where e.reason.hasPrefix("no history yet") {
                store = nil
            } catch {
                return (nil, "The history cannot be read, so no warnings from it can be shown: \(error)")
            }
        }
        do {
            let log = try store?.runnerLog(within: logWindow) ?? RunnerLog()
            let verdict = DayVerdict.today(log, coachSettings(settings, routines: routines), now: now, calendar: calendar)
            let left = store?.problems.count ?? 0
            return (verdict, left == 0 ? nil
                        : "\(plural(left, "row")) of your history cannot be read, so a warning may be missing: runcore today names \(left == 1 ? "it" : "them")")
        } catch {
            return (nil, "The history cannot be read, so no warnings from it can be shown: \(error)")
        }
    }

    // MARK: The history

    /// The roles of the runner's routines by id, built-in and their own (a routine that replaces a built-in one
    /// and says no role keeps the built-in one's): what sessions recorded before a session kept its role count as.
    /// Read only when such a session is met.
    package var routineRoles: () -> [String: Role] {
        let catalog = self.catalog
        return {
            Dictionary(catalog.all().entries.compactMap { e in (e.routine.role ?? e.droppedRole).map { (e.routine.id, $0) } },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    /// The next read opens the history again (after a write, to see it). The store read so far stays open to the
    /// end (see `HistoryStore.keptUntilExit`).
    package func rereadHistory() {
        readCache.store = nil
    }

    /// The history database opened read-only (once per run), or nil when there is none yet.
    package func historyForReading() -> HistoryStore? { try? historyOpenedToRead() }

    /// The same, saying why it could not be opened.
    package func historyOpenedToRead() throws -> HistoryStore? {
        if let opened = readCache.store { return opened }
        do {
            let store = try HistoryStore.forReading(path: paths.historyFile.path, roles: routineRoles)
            Profile.mark("history opened to read")
            readCache.store = .some(store)
            return store
        } catch let e as HistoryError where e.reason.hasPrefix("no history yet") {
            readCache.store = .some(nil)
            return nil
        }
    }

    /// The history database for a report: nil when there is none yet; anything wrong with it is said in one
    /// line naming the file, and exits 74.
    package func openHistoryForReport() throws -> HistoryStore? {
        let path = paths.historyFile.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try historyOpenedToRead()
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.ioError)
        }
    }

    /// Opens the history for writing and runs `body`; a file locked by another runcore is tried again for up
    /// to five seconds. Anything wrong is one line naming the file, and exit 74: nothing is half written.
    @discardableResult
    package func writing<T>(_ body: (HistoryStore) throws -> T) throws -> T {
        do {
            return try withWriter(body)
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.ioError)
        }
    }

    /// The history opened for writing, waiting for a lock another program holds for up to `lockWait` seconds,
    /// counted from when the lock is first met (not from the start: an import that meets a lock late waits as
    /// long as one that meets it at once).
    package func openWriter(lockWait: TimeInterval) throws -> HistoryStore {
        var lockedSince: Nanos?
        while true {
            do {
                return try HistoryStore(path: paths.historyFile.path, roles: routineRoles)
            } catch let e as HistoryError where e.isLock {
                let now = MonotonicClock.now()
                if lockedSince == nil { lockedSince = now }
                guard Double(now - lockedSince!) / 1e9 < lockWait else { throw e }
                usleep(50_000)
            }
        }
    }

    /// The same, throwing the `HistoryError` for the caller to show (the menu, on its own screen).
    ///
    /// After a lock `body` runs again, from the start: each of its writes is a transaction of its own, so a body
    /// of several writes keeps every one that may be repeated (a preference) before the one that must not be
    /// (adding a row), which comes last: a lock met there means it was not written.
    @discardableResult
    package func withWriter<T>(_ body: (HistoryStore) throws -> T) throws -> T {
        let deadline = MonotonicClock.now() + 5 * nanosPerSecond
        while true {
            do {
                return try body(try HistoryStore(path: paths.historyFile.path, roles: routineRoles))
            } catch let e as HistoryError where e.isLock && MonotonicClock.now() < deadline {
                usleep(50_000)
            }
        }
    }
}
