import ArgumentParser
import Foundation
import History
import RoutineKit
import RunnerLog
import RuncoreApp

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Past sessions, newest first (--json or --csv for every field); --of runs, shoes or back for the log.")
    @Option(help: ArgumentHelp("What to list: sessions (the default), runs, shoes or back (check-ins).", valueName: "WHAT")) var of = "sessions"
    @Flag(help: "Print JSON: an array of sessions with their blocks and holds.") var json = false
    @Flag(help: "Print CSV: one row a session (or run, pair, check-in); the exact text when not printed to a terminal.") var csv = false
    @Option(parsing: .unconditional, help: ArgumentHelp("At most N sessions, runs or check-ins (1 or more).", valueName: "N")) var limit: Int?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if !["sessions", "runs", "shoes", "back"].contains(of) { throw ValidationError("--of takes sessions, runs, shoes or back (got '\(Out.shown(of))')") }
        let listed = ["runs": "runs", "shoes": "pairs", "back": "back check-ins"][of] ?? "sessions"
        if let limit, limit < 1 { throw ValidationError("--limit takes how many \(listed) to show, 1 or more (got \(limit))") }
    }

    func run() throws {
        let context = Context(dataDir: common.dataDir)
        let store = try context.openHistoryForReport()
        if of != "sessions" { return try printLog(store, context: context) }
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
                        Out.exact(1, buffer)
                        buffer = ""
                    }
                    return !Out.readerGone
                }
                Out.exact(1, buffer)
            } else {
                var any = false
                let width = HistoryText.routineColumn(store)
                try store?.forEachSession(limit: limit, blocks: false) { session in
                    Out.line(HistoryText.tableRow(session, routineWidth: width, calendar: context.calendar))
                    any = true
                    return !Out.readerGone
                }
                if !any && store == nil { Out.line("No sessions yet. Start one with: runcore warmup") }
            }
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.ioError)
        }
        try reportProblems(store)
    }
}

extension HistoryCommand {
    /// `--of runs|shoes|back`: newest first like the sessions, as a table, JSON or CSV.
    func printLog(_ store: HistoryStore?, context: Context) throws {
        let settings = context.settings
        let units = context.limits(settings).units
        let log = try context.runnerLog(store)
        let cap = limit ?? Int.max
        let rows: [LogRecords.Row]
        let lines: [String]
        let empty: [String]
        switch of {
        case "runs":
            let runs = log.runs.reversed().prefix(cap)
            rows = runs.map(LogRecords.run)
            lines = runs.isEmpty ? [] : LogRecords.runLines(Array(runs), units: units, calendar: context.calendar)
            empty = LogRecords.names(LogRecords.run(Run(startedAt: Date(), day: "", meters: 1)))
        case "shoes":
            rows = log.shoes.prefix(cap).map { LogRecords.shoe($0, log: log) }
            lines = TodayText.shoes(log, limits: context.limits(settings), now: context.now, calendar: context.calendar)
            empty = LogRecords.names(LogRecords.shoe(Shoe(name: ""), log: log))
        default:
            let entries = Array(LogRecords.backEntries(log).prefix(cap))
            rows = entries.map(LogRecords.back)
            lines = LogRecords.backLines(entries, calendar: context.calendar)
            empty = LogRecords.names(LogRecords.back(.checkIn(CheckIn(at: Date(), day: "", level: 0))))
        }
        if json {
            Out.raw(1, bytes: LogRecords.json(rows))
        } else if csv {
            Out.exact(1, LogRecords.csv(rows, names: empty))
        } else if lines.isEmpty {
            Out.line(of == "runs" ? "No runs yet. Log one with: runcore log run 8km, or import your watch's files: runcore import FOLDER"
                                  : "No back check-ins yet. Log one with: runcore log back 0-10")
        } else {
            for l in lines { Out.line(l) }
        }
        try reportProblems(store)
    }
}

/// Rows that could not be read were left out: each is named once on standard error, and the command exits 74.
func reportProblems(_ store: HistoryStore?) throws {
    guard let store, !store.problems.isEmpty else { return }
    for p in store.problems { Out.error("runcore: \(p)") }
    throw ExitStatus(Exit.ioError)
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Personal best hold, streaks, and the weeks: runs, warm-ups, core days, the back.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = Context(dataDir: common.dataDir)
        let store = try context.openHistoryForReport()
        let lines: [String]
        do {
            lines = try StatsText.report(store, context: context)
        } catch let e as HistoryError {
            Out.error("runcore: \(e)")
            throw ExitStatus(Exit.ioError)
        }
        Out.line(lines.joined(separator: "\n"))
        try reportProblems(store)
    }
}
