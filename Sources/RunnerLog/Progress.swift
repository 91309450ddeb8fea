import Foundation
import RoutineKit

/// The plank progression from the article's 30–60 s: start at 30 s; after a finished session in which every
/// plank reached its target, the next one is 5 s longer, up to 60 s. A session stopped early, stopped for pain,
/// interrupted, or with a plank cut short keeps the dose where it was.
public enum PlankProgression {
    public static let start = 30
    public static let step = 5
    public static let top = 60

    /// The dose for `param` and the reason, from a routine's sessions (newest first).
    ///
    /// Only sessions whose dose lay in the article's 30–60 s count: a dose typed for one session outside
    /// it (`hold --target 10s`) is recorded but is a one-off, and never pulls the suggestion out of range.
    /// The dose goes up only after a finished session in which every step the dose times was held in full:
    /// not cut short with `-`, not skipped, a hold ended at or past its target. A session in which a step
    /// ended by itself (nobody pressed Enter) never raises it.
    public static func next(param: String, sessions: [SessionRow], now: Date, calendar: Calendar) -> (seconds: Int, reason: String) {
        func dose(_ s: SessionRow) -> Int? { s.params[param].flatMap(DurationText.parse) }
        guard let last = sessions.first(where: { dose($0).map { (start...top).contains($0) } ?? false }),
              let dose = dose(last) else {
            return (start, "starting dose")
        }
        let when = dayName(last.startedAt, now: now, calendar: calendar)
        // The steps the dose times; sessions from before runcore kept that say so by a plank's name.
        let legacy = !last.blocks.contains { $0.dose != nil }
        let planks = last.blocks.filter { b in
            (b.kind == .work || b.kind == .hold) && (legacy ? b.name.lowercased().contains("plank") : b.dose == param)
        }
        let lapsed = last.blocks.contains { $0.ending == .lapsed }
        let target = last.holds.first?.targetSeconds ?? Double(dose)
        // Steps of the plan never reached count as not held.
        let reachedAll = last.plannedBlocks.map { last.blocks.count >= $0 } ?? true
        let missed = planks.isEmpty || !reachedAll || planks.contains { !Counting.heldInFull($0.done, target: target) }
        switch last.outcome {
        case .finished where lapsed:
            return (dose, "kept after \(when) session: a step ended without you pressing Enter")
        case .finished where !missed:
            if dose >= top { return (dose, "kept at \(top) s, the top of the range") }
            let next = min(top, dose + step)
            return (next, "up \(next - dose) s after \(when) session")
        case .finished:
            let what = planks.contains { $0.kind == .hold } ? "the hold fell short of its target"
                : planks.contains { $0.ending == .skipped } ? "a plank was skipped" : "a plank was cut short"
            return (dose, "kept after \(when) session: \(what)")
        case .pain: return (dose, "kept after \(when) session: stopped for pain")
        case .interrupted: return (dose, "kept after \(when) session: it was interrupted")
        case .stopped: return (dose, "kept after \(when) session: stopped early")
        }
    }

    /// "today's", "yesterday's", "Tuesday's", "3 Nov's".
    static func dayName(_ date: Date, now: Date, calendar: Calendar) -> String {
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: date), to: calendar.startOfDay(for: now)).day ?? 99
        if days == 0 { return "today's" }
        if days == 1 { return "yesterday's" }
        let f = DateFormatter()
        f.calendar = calendar
        f.timeZone = calendar.timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = days < 7 ? "EEEE" : "d MMM"
        return f.string(from: date) + "'s"
    }
}

/// What `runcore stats` shows at its top: holds and streaks.
public struct Stats: Sendable, Equatable {
    public var sessions: Int
    public var bestHold: HoldRow?
    public var lastHolds: [HoldRow]
    public var currentStreak: Int
    public var longestStreak: Int

    /// A streak is days in a row with a session that counts (by the one rule, `Counting`): a session quit in
    /// its get-ready, or with most of its exercise skipped, is in the history but does not make the day.
    /// The current streak runs up to today, or to yesterday while today has none yet.
    public static func compute(activeDays: Set<String>, sessions: Int, best: HoldRow?, last: [HoldRow],
                               today: Date, calendar: Calendar) -> Stats {
        let numbers = Set(activeDays.compactMap(CalendarDay.number))
        let todayNumber = CalendarDay.number(CalendarDay.string(today, calendar)) ?? 0
        var cursor = numbers.contains(todayNumber) ? todayNumber : todayNumber - 1
        var current = 0
        while numbers.contains(cursor) {
            current += 1
            cursor -= 1
        }
        var longest = 0
        var run = 0
        var previous: Int?
        for n in numbers.sorted() {
            run = previous == n - 1 ? run + 1 : 1
            longest = max(longest, run)
            previous = n
        }
        return Stats(sessions: sessions, bestHold: best, lastHolds: last, currentStreak: current, longestStreak: longest)
    }
}
