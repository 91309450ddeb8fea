import Foundation

/// One calendar week of the log (Monday first), for `stats` and the menu's history page.
public struct WeekSummary: Sendable, Equatable {
    /// The Monday, `yyyy-MM-dd`.
    public var monday: String
    public var runs: Int
    public var meters: Double
    /// Runs with a warm-up before them.
    public var warmedUp: Int
    /// Days with core work that had no run.
    public var coreDays: Int
    /// The back check-ins' levels that week, in order.
    public var backLevels: [Int]
    /// The week's average cadence (steps a minute) over its runs that have one.
    public var cadence: Double? = nil

    /// The week's worst check-in (nil with none): the chart draws this.
    public var worstBack: Int? { backLevels.max() }

    /// The last `count` weeks up to the one holding `today`, oldest first. Weeks are counted on day numbers
    /// (`CivilDay`), so a day on which the clocks change at midnight is in its week like any other.
    public static func weeks(_ log: RunnerLog, count: Int = 8, today: Date, calendar: Calendar) -> [WeekSummary] {
        guard let t = CivilDay.number(Stats.dayString(today, calendar)) else { return [] }
        var monday = CivilDay.monday(t) - 7 * (count - 1)
        let runDays = log.runDaySet
        var out: [WeekSummary] = []
        for _ in 0..<count {
            let (from, to) = (CivilDay.string(monday), CivilDay.string(monday + 7))
            let runs = log.runs.filter { $0.day >= from && $0.day < to }
            out.append(WeekSummary(
                monday: from, runs: runs.count, meters: runs.reduce(0) { $0 + $1.meters },
                warmedUp: runs.filter(log.warmedUp).count,
                coreDays: log.coreDays.filter { $0 >= from && $0 < to && !runDays.contains($0) }.count,
                backLevels: log.checkIns.filter { $0.day >= from && $0.day < to }.map(\.level),
                cadence: FormFigures.average(runs).cadence))
            monday += 7
        }
        return out
    }
}
