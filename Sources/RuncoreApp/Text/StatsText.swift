import Foundation
import History
import RoutineKit
import RunnerLog

/// `runcore stats` (and the menu's history page): holds and streaks, then the log week by week.
package enum StatsText {
    package static func report(_ store: HistoryStore?, context: Context) throws -> [String] {
        let settings = context.settings
        let log = try store?.runnerLog(within: context.logWindow) ?? RunnerLog()
        let stats = Stats.compute(activeDays: try store?.activeDays() ?? [], sessions: try store?.sessionCount() ?? 0,
                                  best: try store?.bestHoldRow(), last: try store?.holds(limit: 5) ?? [],
                                  today: context.now, calendar: context.calendar)
        let weeks = WeekSummary.weeks(log, count: 8, today: context.now, calendar: context.calendar)
        return HistoryText.stats(stats, calendar: context.calendar) + TodayText.weeks(weeks, units: context.limits(settings).units)
            + ["", "\(plural(stats.sessions, "session")) and \(plural(log.runs.count, "run")) in all"]
    }
}
