import ArgumentParser
import Foundation
import History
import RoutineKit

extension Context {
    /// The present, or `RUNCORE_NOW` (ISO 8601, for tests that simulate a week of use).
    var now: Date {
        if let text = environment["RUNCORE_NOW"], let d = ISO8601DateFormatter().date(from: text) { return d }
        return Date()
    }

    /// The runner's calendar: Monday-first weeks in the local time zone (TZ).
    var calendar: Calendar {
        var c = Calendar(identifier: .iso8601)
        c.timeZone = TimeZone.current
        return c
    }

    /// The history database opened read-only (once per run), or nil when there is none yet (or it cannot be
    /// read).
    func historyForReading() -> HistoryStore? {
        if let opened = readCache.store { return opened }
        let store = try? HistoryStore.forReading(path: paths.historyFile.path)
        Profile.mark("history opened to read")
        readCache.store = .some(store)
        return store
    }

    /// The history database for a report: nil when there is none yet; anything wrong with it is said in one
    /// line naming the file, and exits 74.
    func openHistoryForReport() throws -> HistoryStore? {
        let path = paths.historyFile.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try HistoryStore.forReading(path: path)
        } catch let e as HistoryError where e.reason.hasPrefix("no history yet") {
            return nil
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.ioError)
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Past sessions, newest first (--json or --csv for every field).")
    @Flag(help: "Print JSON: an array of sessions with their blocks and holds.") var json = false
    @Flag(help: "Print CSV: one row a session.") var csv = false
    @Option(parsing: .unconditional, help: ArgumentHelp("At most N sessions (1 or more).", valueName: "N")) var limit: Int?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let limit, limit < 1 { throw ValidationError("--limit takes how many sessions to show, 1 or more (got \(limit))") }
    }

    func run() throws {
        let context = Context(common)
        let store = try context.openHistoryForReport()
        do {
            if json {
                // Streamed: one session at a time, so a long history costs neither time nor memory up front.
                Out.write(1, "[")
                var first = true
                var buffer: [UInt8] = []
                try store?.forEachSession(limit: limit) { session in
                    buffer.append(contentsOf: first ? [0x0A] : [0x2C, 0x0A])
                    buffer.append(contentsOf: HistoryText.jsonSession(session))
                    first = false
                    if buffer.count >= 1 << 16 {
                        Out.raw(1, bytes: buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                    return !Out.readerGone
                }
                Out.raw(1, bytes: buffer)
                Out.write(1, first ? "]\n" : "\n]\n")
            } else if csv {
                var buffer = HistoryText.csvHeader
                try store?.forEachSession(limit: limit, blocks: false) { session in
                    buffer += HistoryText.csvRow(session)
                    if buffer.utf8.count >= 1 << 16 {
                        Out.write(1, buffer)
                        buffer = ""
                    }
                    return !Out.readerGone
                }
                Out.write(1, buffer)
            } else {
                var any = false
                try store?.forEachSession(limit: limit, blocks: false) { session in
                    Out.line(HistoryText.tableRow(session, calendar: context.calendar))
                    any = true
                    return !Out.readerGone
                }
                if !any && store == nil { Out.line("No sessions yet. Start one with: runcore warmup") }
            }
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.ioError)
        }
        try reportProblems(store)
    }
}

/// Rows that could not be read were left out: each is named once on standard error, and the command exits 74.
func reportProblems(_ store: HistoryStore?) throws {
    guard let store, !store.problems.isEmpty else { return }
    for p in store.problems { Out.error("runcore: \(p)") }
    throw ExitCode(Exit.ioError)
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Personal best hold, streaks, and core days per week.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = Context(common)
        let store = try context.openHistoryForReport()
        let stats: Stats
        do {
            stats = Stats.compute(days: try store?.dayActivity() ?? [], sessions: try store?.sessionCount() ?? 0,
                                  best: try store?.bestHoldRow(), last: try store?.holds(limit: 5) ?? [],
                                  today: context.now, calendar: context.calendar)
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.ioError)
        }
        Out.line(HistoryText.stats(stats, calendar: context.calendar).joined(separator: "\n"))
        try reportProblems(store)
    }
}
