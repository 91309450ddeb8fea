import ArgumentParser
import Foundation
import History
import RoutineFiles

/// What the log commands share: settings as limits, the log as the rules read it, and writes that wait out
/// a lock for a moment.
extension Context {
    var settings: Settings { Settings.load(path: paths.configFile.path) }

    func limits(_ s: Settings) -> Limits {
        Limits(shoeMiles: s.shoeLimitMiles ?? 300, shoeYears: s.shoeAgeYears ?? 2, units: Units(rawValue: s.units ?? "km") ?? .km)
    }

    var today: String { Stats.dayString(now, calendar) }

    /// The sessions the rules read: the last ten weeks up to the end of today (the weeks of `stats` are eight,
    /// the rules look back two), so starting a session costs the same with ten sessions or ten thousand.
    var logWindow: DateInterval {
        let today = calendar.startOfDay(for: now)
        return DateInterval(start: calendar.date(byAdding: .day, value: -70, to: today)!, end: calendar.date(byAdding: .day, value: 1, to: today)!)
    }

    /// The runner's log for the rules, or an empty one when there is no history yet. Rows that cannot be read
    /// are left out and named in the store's `problems`.
    func runnerLog(_ store: HistoryStore?, settings: Settings) throws -> RunnerLog {
        do {
            return try store?.runnerLog(runDays: settings.runDays ?? [], within: logWindow) ?? RunnerLog(runDays: settings.runDays ?? [])
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.ioError)
        }
    }

    /// Opens the history for writing and runs `body`; a file locked by another runcore is tried again for up
    /// to five seconds. Anything wrong is one line naming the file, and exit 74: nothing is half written.
    func writing<T>(_ body: (HistoryStore) throws -> T) throws -> T {
        do {
            return try withWriter(body)
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.ioError)
        }
    }

    /// The same, throwing the `HistoryError` for the caller to show (the menu, on its own screen).
    func withWriter<T>(_ body: (HistoryStore) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                let store = try HistoryStore(path: paths.historyFile.path)
                readCache.kept.append(store)
                return try body(store)
            } catch let e as HistoryError where e.isLock && Date() < deadline {
                usleep(50_000)
            }
        }
    }

    /// The history opened for writing, waiting for a lock another program holds for up to `lockWait` seconds,
    /// counted from when the lock is first met (not from the start: an import that meets a lock late waits as
    /// long as one that meets it at once).
    func openWriter(lockWait: TimeInterval) throws -> HistoryStore {
        var lockedSince: TimeInterval?
        while true {
            do {
                let store = try HistoryStore(path: paths.historyFile.path)
                readCache.kept.append(store)
                return store
            } catch let e as HistoryError where e.isLock {
                let now = ProcessInfo.processInfo.systemUptime
                if lockedSince == nil { lockedSince = now }
                guard now - lockedSince! < lockWait else { throw e }
                usleep(50_000)
            }
        }
    }

    /// `yyyy-MM-dd` as typed, checked; or today.
    func day(_ text: String?, what: String) throws -> String {
        guard let text else { return today }
        let t = text.lowercased()
        if t == "today" { return today }
        if t == "yesterday" { return Stats.dayString(calendar.date(byAdding: .day, value: -1, to: now)!, calendar) }
        guard let d = Stats.dayDate(text, calendar), Stats.dayString(d, calendar) == text else {
            throw ValidationError("\(what) takes a day like 2026-11-28 (or today, yesterday); got '\(text)'")
        }
        return text
    }
}
