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

    /// The history database for reading, or nil when there is none yet (or it cannot be read).
    func historyForReading() -> HistoryStore? {
        try? HistoryStore(path: paths.historyFile.path, create: false)
    }
}

/// Saves a session to the history database as it goes. If the database cannot be used, the session runs
/// on and `warning` says so; nothing already in the file is touched.
final class HistoryRecorder: SessionRecorder {
    let context: Context
    private var store: HistoryStore?
    private var sessionID: Int64?
    private(set) var warning: String?

    private var pending: [BlockRecord] = []
    private var pendingFinish: Outcome?
    private var opened = false

    init(context: Context) {
        self.context = context
    }

    /// Opens the database (once); afterwards `problem` tells whether it can be used.
    @discardableResult
    func open() -> Bool {
        if opened { return store != nil }
        opened = true
        do {
            store = try HistoryStore(path: context.paths.historyFile.path)
        } catch let e as HistoryError {
            fail(e)
        } catch {
            fail(HistoryError(file: context.paths.historyFile.path, reason: "\(error)"))
        }
        return store != nil
    }

    /// What went wrong, for the runner: shown on screen, and printed to standard error at the end.
    private(set) var problem: HistoryError?

    private func fail(_ e: HistoryError) {
        problem = problem ?? e
        warning = "history is not being saved"
        store = nil
    }

    private func attempt(_ body: (HistoryStore) throws -> Void) {
        guard let store else { return }
        do {
            try body(store)
        } catch let e as HistoryError {
            fail(e)
        } catch {
            fail(HistoryError(file: store.path, reason: "\(error)"))
        }
    }

    func begin(_ timeline: Timeline) {
        open()
        let start = context.now
        let params = timeline.params.values.mapValues(\.description)
        attempt { store in
            sessionID = try store.begin(routineID: timeline.routineID, title: timeline.title, params: params, startedAt: start,
                                        day: Stats.dayString(start, context.calendar),
                                        plannedSeconds: Double(timeline.total) / 1e9, plannedBlocks: timeline.blocks.count)
        }
    }

    func save(_ record: BlockRecord) { pending.append(record) }

    func finish(_ outcome: Outcome) { pendingFinish = outcome }

    func flush() {
        guard let id = sessionID, !pending.isEmpty || pendingFinish != nil else { return }
        let (blocks, outcome) = (pending, pendingFinish)
        pending = []
        pendingFinish = nil
        let now = context.now
        attempt { try $0.record(blocks, finish: outcome.map { ($0, now) }, session: id, at: now) }
    }
}

/// Doses suggested from history: the warm-up's plank and the hold target follow the plank progression.
enum Progression {
    static let progressing: [String: String] = ["warmup": "plank", "hold": "target"]

    static func suggest(for routine: Routine, context: Context) -> ParamValues? {
        guard let name = progressing[routine.id], let param = routine.param(named: name),
              case .duration(_, let lo, let hi) = param.kind else { return nil }
        let sessions = (try? context.historyForReading()?.sessions(routine: routine.id)) ?? []
        var (secs, reason) = PlankProgression.next(param: name, sessions: sessions, now: context.now, calendar: context.calendar)
        if let lo { secs = max(lo, secs) }
        if let hi { secs = min(hi, secs) }
        var values = ParamValues()
        values[name] = .seconds(secs)
        values.reasons[name] = reason
        return values
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
        let sessions = try readHistory(context) { try $0.sessions(limit: limit) }
        if json { Out.line(HistoryText.json(sessions)); return }
        if csv { Out.write(1, HistoryText.csv(sessions)); return }
        if sessions.isEmpty { Out.line("No sessions yet. Start one with: runcore warmup"); return }
        Out.line(HistoryText.table(sessions, calendar: context.calendar))
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Personal best hold, streaks, and core days per week.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = Context(common)
        let sessions = try readHistory(context) { try $0.sessions() }
        let holds = try readHistory(context) { try $0.holds() }
        let stats = Stats.compute(sessions: sessions, holds: holds, today: context.now, calendar: context.calendar)
        Out.line(HistoryText.stats(stats, calendar: context.calendar).joined(separator: "\n"))
    }
}

/// Reads history for a report; a missing file is an empty history, anything wrong with it exits 74.
func readHistory<T>(_ context: Context, _ body: (HistoryStore) throws -> [T]) throws -> [T] {
    let path = context.paths.historyFile.path
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    do {
        return try body(try HistoryStore(path: path, create: false))
    } catch let e as HistoryError {
        Out.error("runcore: \(e)")
        throw ExitCode(Exit.ioError)
    }
}

/// The runner's picks from the menu's checklist (the muscle groups to foam roll today), kept in the history
/// database and used as the default next time.
enum MenuPicks {
    static func key(_ routine: Routine, _ param: String) -> String { "pick:\(routine.id):\(param)" }

    static func load(routine: Routine, context: Context) -> [(String, ParamValue)] {
        guard let store = context.historyForReading() else { return [] }
        return routine.params.compactMap { p in
            guard case .list = p.kind, let text = try? store.preference(key(routine, p.name)),
                  let value = try? p.parse(text) else { return nil }
            return (p.name, value)
        }
    }

    /// Saves a pick; returns a line to show if it could not be kept.
    static func save(routine: Routine, param: String, items: [String], context: Context) -> String? {
        do {
            let store = try HistoryStore(path: context.paths.historyFile.path)
            try store.setPreference(key(routine, param), items.joined(separator: ","))
            return nil
        } catch {
            return "your pick could not be saved for next time: \(error)"
        }
    }
}
