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
    /// A session in which a step ended by itself (nobody pressed Enter) never raises the dose.
    public static func next(param: String, sessions: [SessionRow], now: Date, calendar: Calendar) -> (seconds: Int, reason: String) {
        func dose(_ s: SessionRow) -> Int? { s.params[param].flatMap(DurationText.parse) }
        guard let last = sessions.first(where: { dose($0).map { (start...top).contains($0) } ?? false }),
              let dose = dose(last) else {
            return (start, "starting dose")
        }
        let when = dayName(last.startedAt, now: now, calendar: calendar)
        let planks = last.blocks.filter { ($0.kind == "work" || $0.kind == "hold") && $0.name.lowercased().contains("plank") }
        let lapsed = last.blocks.contains { $0.ending == Ending.lapsed.rawValue }
        let missed = planks.isEmpty || planks.contains { block in
            if !block.completed { return true }
            if block.kind == "hold" {
                let target = last.holds.first?.targetSeconds ?? Double(dose)
                return block.actualSeconds < target
            }
            return false
        }
        switch last.outcome {
        case "finished" where lapsed:
            return (dose, "kept after \(when) session: a step ended without you pressing Enter")
        case "finished" where !missed:
            if dose >= top { return (dose, "kept at \(top) s, the top of the range") }
            let next = min(top, dose + step)
            return (next, "up \(next - dose) s after \(when) session")
        case "finished":
            let what = planks.contains { $0.kind == "hold" } ? "the hold fell short of its target" : "a plank was cut short"
            return (dose, "kept after \(when) session: \(what)")
        case "pain": return (dose, "kept after \(when) session: stopped for pain")
        case "interrupted": return (dose, "kept after \(when) session: it was interrupted")
        default: return (dose, "kept after \(when) session: stopped early")
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

/// The routines that count as core work.
public enum CoreRoutines {
    public static let ids: Set<String> = ["core", "planks"]
}

/// What `runcore stats` shows.
public struct Stats: Sendable, Equatable {
    public var sessions: Int
    public var bestHold: HoldRow?
    public var lastHolds: [HoldRow]
    public var currentStreak: Int
    public var longestStreak: Int
    /// The last 8 weeks (Monday first), oldest first: the Monday's day and the days with core work.
    public var coreWeeks: [(monday: String, days: Int)]

    public static func == (a: Stats, b: Stats) -> Bool {
        a.sessions == b.sessions && a.bestHold == b.bestHold && a.lastHolds == b.lastHolds
            && a.currentStreak == b.currentStreak && a.longestStreak == b.longestStreak
            && a.coreWeeks.map(\.monday) == b.coreWeeks.map(\.monday) && a.coreWeeks.map(\.days) == b.coreWeeks.map(\.days)
    }

    /// A day counts towards a streak (and as a core day) only when a session on it completed at least one
    /// exercise step: a session quit in its get-ready is in the history but does not make the day.
    public static func compute(sessions: [SessionRow], holds: [HoldRow], today: Date, calendar: Calendar) -> Stats {
        let days = sessions.map { s in
            DayActivity(day: s.day, routineID: s.routineID, exercised: s.blocks.contains { $0.isExercise && $0.completed })
        }
        return compute(days: days, sessions: sessions.count, best: holds.max { $0.seconds < $1.seconds },
                       last: Array(holds.prefix(5)), today: today, calendar: calendar)
    }

    /// Core days count only on days without a run (`runDays`), as the article advises.
    public static func compute(days activity: [DayActivity], sessions: Int, best: HoldRow?, last: [HoldRow],
                               today: Date, calendar: Calendar, runDays: Set<String> = []) -> Stats {
        let active = activity.filter(\.exercised)
        let todayStart = calendar.startOfDay(for: today)
        // On day numbers: a day whose midnight does not exist (clocks going forward at 00:00) still counts.
        let (current, longest) = Streaks.count(days: Set(active.map(\.day)), today: dayString(today, calendar))

        var monday = calendar.dateInterval(of: .weekOfYear, for: todayStart)?.start ?? todayStart
        monday = calendar.date(byAdding: .day, value: -7 * 7, to: monday)!
        let coreDays = Set(active.filter { CoreRoutines.ids.contains($0.routineID) && !runDays.contains($0.day) }.compactMap { dayDate($0.day, calendar) })
        var weeks: [(String, Int)] = []
        for _ in 0..<8 {
            let next = calendar.date(byAdding: .day, value: 7, to: monday)!
            weeks.append((dayString(monday, calendar), coreDays.filter { $0 >= monday && $0 < next }.count))
            monday = next
        }
        return Stats(sessions: sessions, bestHold: best, lastHolds: last,
                     currentStreak: current, longestStreak: longest, coreWeeks: weeks)
    }

    /// `yyyy-MM-dd` in `calendar`'s time zone: the day a session is filed under.
    public static func dayString(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    public static func dayDate(_ day: String, _ calendar: Calendar) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
