import Foundation

/// The week ahead: a warm-up before each planned run, core work on two or three days without one (side
/// planks and plank variations in turn), rest on the others.
public struct PlanDay: Sendable, Equatable {
    public enum What: Sendable, Equatable {
        case warmupAndRun
        case core(String)
        case rest
    }
    public var day: String
    public var what: What
}

public enum WeekPlan {
    /// The weekdays (1 Monday … 7 Sunday) the runner runs: `run-days` from config.yaml, else the weekdays
    /// with two or more runs in the last four weeks.
    public static func runWeekdays(_ log: RunnerLog, today: Date, calendar: Calendar) -> Set<Int> {
        if !log.runDays.isEmpty { return log.runDays }
        let from = Stats.dayString(calendar.date(byAdding: .day, value: -28, to: calendar.startOfDay(for: today))!, calendar)
        var counts: [Int: Int] = [:]
        for run in log.runs where run.day >= from {
            guard let d = Stats.dayDate(run.day, calendar) else { continue }
            let w = calendar.component(.weekday, from: d)
            counts[w == 1 ? 7 : w - 1, default: 0] += 1
        }
        return Set(counts.filter { $0.value >= 2 }.keys)
    }

    /// Seven days from `start`.
    public static func week(_ log: RunnerLog, from start: Date, calendar: Calendar) -> [PlanDay] {
        let runs = runWeekdays(log, today: start, calendar: calendar)
        var out: [PlanDay] = []
        var coreRoutine = log.nextCoreRoutine
        var coreCount = 0
        var lastCore = -2
        for i in 0..<7 {
            let date = calendar.date(byAdding: .day, value: i, to: calendar.startOfDay(for: start))!
            let w = calendar.component(.weekday, from: date)
            let weekday = w == 1 ? 7 : w - 1
            let day = Stats.dayString(date, calendar)
            if runs.contains(weekday) {
                out.append(PlanDay(day: day, what: .warmupAndRun))
            } else if coreCount < 3 && i - lastCore >= 2 {
                out.append(PlanDay(day: day, what: .core(coreRoutine)))
                coreRoutine = coreRoutine == "core" ? "planks" : "core"
                coreCount += 1
                lastCore = i
            } else {
                out.append(PlanDay(day: day, what: .rest))
            }
        }
        return out
    }
}
