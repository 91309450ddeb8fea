import Foundation
import History
import RoutineKit
import RunnerLog

/// Keeps what a session did. Writing never holds up the clock: a write that finds the file locked is kept
/// and tried again a moment later, and a failure to save never stops a session.
package protocol SessionRecorder: AnyObject {
    func begin(_ timeline: Timeline)
    func save(_ record: BlockRecord)
    func finish(_ outcome: Outcome)
    /// Writes what was gathered since the last flush, as one transaction, at once or not at all.
    func flush(now: Nanos)
    /// When a write held up by a lock is to be tried again: the loop wakes for it.
    var retryAt: Nanos? { get }
    /// Kept on screen while something is wrong.
    var warning: String? { get }
    /// Lines about saving that the runner has not been told yet (plain mode prints them as they come).
    func takeNews() -> [String]
    /// At the end: keeps trying for up to `patience`, then says what could not be saved, if anything.
    func close(now: () -> Nanos, patience: Nanos) -> [String]
}

/// Saves a session to the history database as it goes. If the database cannot be used, the session runs on,
/// `warning` says so on screen, and standard error says so as it happens and again at the end; nothing
/// already in the file is touched.
package final class HistoryRecorder: SessionRecorder {
    let context: Context
    private var store: HistoryStore?
    private var sessionID: Int64?
    private var start: HistoryStore.SessionStart?
    private var pending: [Int: BlockRecord] = [:]
    /// Every block recorded so far, and the plan's exercise time: whether the session counts is written with
    /// each commit (`Counting`, the one rule).
    private var recorded: [Int: BlockRecord] = [:]
    private var plannedExercise: Double = 0
    private var pendingFinish: (Outcome, Date)?
    private var failure: HistoryError?
    private var lockedSince: Nanos?
    private var announced = false
    private var news: [String] = []
    package private(set) var retryAt: Nanos?
    package private(set) var warning: String?

    /// How long to wait before trying a locked file again.
    package static let retryEvery: Nanos = 250_000_000
    /// How long the end of a session waits for a lock to go before saying what could not be saved.
    package static let patience: Nanos = 3 * nanosPerSecond

    package init(context: Context) {
        self.context = context
    }

    var path: String { context.paths.historyFile.path }

    package func begin(_ timeline: Timeline) {
        let now = context.now
        plannedExercise = Double(timeline.exerciseTotal) / 1e9
        start = HistoryStore.SessionStart(routineID: timeline.routineID, title: timeline.title, role: timeline.role,
                                          params: timeline.params.values.mapValues(\.description), startedAt: now,
                                          day: CalendarDay.string(now, context.calendar),
                                          plannedSeconds: Double(timeline.total) / 1e9, exerciseSeconds: plannedExercise,
                                          plannedBlocks: timeline.blocks.count)
    }

    package func save(_ record: BlockRecord) {
        pending[record.index] = record
        recorded[record.index] = record
    }

    package func finish(_ outcome: Outcome) { pendingFinish = (outcome, context.now) }

    private var hasPending: Bool { start != nil || !pending.isEmpty || pendingFinish != nil }

    package func flush(now: Nanos) {
        guard failure == nil, hasPending, start != nil || sessionID != nil else { return }
        do {
            if store == nil {
                store = try HistoryStore(path: path, reading: context.readCache.store ?? nil, roles: context.routineRoles)
            }
            let records = pending.values.sorted { $0.index < $1.index }
            let count = Counting.session(recorded.values.map(StepDone.init), plannedExercise: plannedExercise)
            sessionID = try store!.commit(start: start, session: sessionID, records: records, count: count, finish: pendingFinish,
                                          at: context.now)
            start = nil
            pending = [:]
            pendingFinish = nil
            if announced { news.append("runcore: history: the lock is gone; everything is saved") }
            lockedSince = nil
            announced = false
            retryAt = nil
            warning = nil
        } catch let e as HistoryError where e.isLock {
            // A lock of a moment (another runcore starting) is not worth a word; one that lasts is.
            if lockedSince == nil { lockedSince = now }
            if !announced, let since = lockedSince, now - since >= Self.retryEvery * 3 {
                news.append("runcore: history: \(e.file) is locked by another program; runcore keeps trying and the session goes on")
                announced = true
                warning = "history waits for a lock"
            }
            retryAt = now + (now - lockedSince! < Self.retryEvery ? Self.retryEvery / 10 : Self.retryEvery)
        } catch let e as HistoryError {
            fail(e)
        } catch {
            fail(HistoryError(file: path, reason: "\(error)"))
        }
    }

    private func fail(_ e: HistoryError) {
        failure = e
        store = nil
        retryAt = nil
        warning = "history is not being saved"
        news.append("runcore: history is not being saved: \(e)")
    }

    package func takeNews() -> [String] {
        defer { news = [] }
        return news
    }

    package func close(now: () -> Nanos, patience: Nanos) -> [String] {
        let deadline = now() + patience
        while failure == nil && hasPending && (start != nil || sessionID != nil) {
            flush(now: now())
            guard hasPending, let retry = retryAt, retry < deadline else { break }
            let wait = max(0, retry - now())
            usleep(UInt32(min(wait / 1000, 1_000_000)))
        }
        var lines: [String] = []
        let steps = pending.count
        let what = [steps > 0 ? plural(steps, "step") : nil, start != nil ? "its start" : nil, pendingFinish != nil ? "its end" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        if let failure {
            lines.append("runcore: history is not being saved: \(failure)" + (what.isEmpty ? "" : " (not saved from this session: \(what))"))
        } else if hasPending {
            lines.append("runcore: history: not saved from this session: \(what): \(path) stayed locked by another program")
        }
        return lines
    }
}
