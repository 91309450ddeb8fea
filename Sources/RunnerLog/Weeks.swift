import Foundation
import RoutineKit

/// One calendar week of the log (Monday first), for `stats` and the menu's history page.
public struct WeekSummary: Sendable, Equatable {
    /// The Monday, `yyyy-MM-dd`.
    public var monday: String
    public var runs: Int
    public var meters: Double
    /// Runs with a warm-up that counts before them.
    public var warmedUp: Int
    /// Days with a core session that counts and no run.
    public var coreDays: Int
    /// The back check-ins' levels that week, in order.
    public var backLevels: [Int]
    /// A check-in that week said the pain was constant or spreading (a stop).
    public var stopped: Bool
    /// A healthcare provider cleared the runner that week (`log cleared`).
    public var cleared: Bool
    /// The week's average cadence (steps a minute) over its runs that have one.
    public var cadence: Double? = nil

    /// The week's worst check-in (nil with none): the chart draws this.
    public var worstBack: Int? { backLevels.max() }

    /// The last `count` weeks up to the one holding `today`, oldest first. Weeks are counted on day numbers
    /// (`CalendarDay`), so a day on which the clocks change at midnight is in its week like any other.
    public static func weeks(_ log: RunnerLog, count: Int = 8, today: Date, calendar: Calendar) -> [WeekSummary] {
        let thisMonday = CalendarDay.monday(of: CalendarDay.string(today, calendar))
        let runDays = log.runDaySet
        let coreDays = log.coreDays
        return (0..<count).map { i in
            let from = CalendarDay.adding(-7 * (count - 1 - i), to: thisMonday)
            let to = CalendarDay.adding(7, to: from)
            let runs = log.runs.filter { $0.day >= from && $0.day < to }
            let checkIns = log.checkIns.filter { $0.day >= from && $0.day < to }
            return WeekSummary(
                monday: from, runs: runs.count, meters: runs.reduce(0) { $0 + $1.meters },
                warmedUp: runs.filter(log.warmedUp).count,
                coreDays: coreDays.filter { $0 >= from && $0 < to && !runDays.contains($0) }.count,
                backLevels: checkIns.map(\.level), stopped: checkIns.contains { $0.spreading || $0.constant },
                cleared: log.clearances.contains { $0.day >= from && $0.day < to }, cadence: FormFigures.average(runs).cadence)
        }
    }
}
