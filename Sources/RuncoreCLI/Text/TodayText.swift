import Foundation
import History
import RoutineFiles
import RoutineKit
import TerminalUI

/// What `today`, `shoes` and the log part of `stats` print.
enum TodayText {
    /// `today`: the stop warning first, then what to do and why, then the other warnings.
    static func today(_ advice: Advice, now: Date, calendar: Calendar) -> [String] {
        var out: [String] = []
        out.append("Today, \(dayTitle(now, calendar))")
        for w in advice.warnings where w.isStop { out.append("  " + w.text) }
        out.append("→ " + advice.headline)
        for r in advice.reasons { out.append("  " + r) }
        let rest = advice.warnings.filter { !$0.isStop }
        if !rest.isEmpty {
            out.append("")
            for w in rest { out.append("! " + w.text) }
        }
        return out
    }

    /// "Sunday 29 November".
    static func dayTitle(_ date: Date, _ calendar: Calendar) -> String {
        let f = DateFormatter()
        f.calendar = calendar
        f.timeZone = calendar.timeZone
        f.locale = Locale(identifier: "en_GB")
        f.dateFormat = "EEEE d MMMM"
        return f.string(from: date)
    }

    /// After a log command: the warnings of these kinds that now stand.
    static func printWarnings(context: Context, settings: Settings, kinds: Set<Warning.Kind>) throws {
        let store = context.historyForReading()
        let log = (try? store?.runnerLog(runDays: settings.runDays ?? [], within: context.logWindow)) ?? nil
        guard let log else { return }
        let advice = Advice.today(log, limits: context.limits(settings), now: context.now, calendar: context.calendar)
        for w in advice.warnings where kinds.contains(w.kind) { Out.line((w.isStop ? "" : "! ") + w.text) }
    }

    static func shoes(_ log: RunnerLog, limits: Limits, now: Date, calendar: Calendar) -> [String] {
        guard !log.shoes.isEmpty else {
            return ["No shoes yet. Add your pair: runcore shoes add NAME [--bought 2026-03-01] [--start 120km]",
                    "runcore warns at \(Int(limits.shoeMiles)) mi (config.yaml 'shoe-limit', 300–500 mi) and again at 500 mi."]
        }
        let nameWidth = min(28, max(4, log.shoes.map { Out.shown($0.name).count + 2 }.max() ?? 4))
        var out = ["Pair".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  Distance   Runs  Age"]
        let warnings = ShoeRules.warnings(log, limits: limits, today: now, calendar: calendar)
        for shoe in log.shoes.sorted(by: { ($0.retired == nil ? 0 : 1, $0.name) < ($1.retired == nil ? 0 : 1, $1.name) }) {
            let name = (Out.shown(shoe.name) + (shoe.isDefault ? " *" : "")).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let meters = log.meters(on: shoe)
            let runs = log.runs(on: shoe).count
            let age = shoe.bought.map { Self.age($0, now: now, calendar: calendar) } ?? "—"
            var line = name + "  " + limits.units.format(meters).leftPadded(8) + "  " + "\(runs)".leftPadded(5) + "  " + age
            if let retired = shoe.retired { line += "  retired \(retired)" }
            out.append(line)
            for w in warnings where w.shoe == shoe.name { out.append("  ! " + w.text) }
        }
        if log.shoes.contains(where: \.isDefault) { out.append("* new and imported runs go to this pair") }
        out.append("Warnings at \(Int(limits.shoeMiles)) mi and 500 mi (the article's 300–500 mi), and after \(Int(limits.shoeYears)) years.")
        return out
    }

    /// "8 months", "2 years 1 month".
    static func age(_ day: String, now: Date, calendar: Calendar) -> String {
        guard let d = Stats.dayDate(day, calendar) else { return "?" }
        let c = calendar.dateComponents([.year, .month, .day], from: d, to: calendar.startOfDay(for: now))
        let (y, m) = (c.year ?? 0, c.month ?? 0)
        if y == 0 && m == 0 { return plural(c.day ?? 0, "day") }
        if y == 0 { return plural(m, "month") }
        return plural(y, "year") + (m > 0 ? " " + plural(m, "month") : "")
    }

    /// The weeks side by side, one row a measure: runs, distance, warm-ups before runs, core days off running,
    /// cadence, and the back's worst check-in as a bar, so a calmer back can be read against the work above it.
    static func weeks(_ weeks: [WeekSummary], units: Units) -> [String] {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.dateFormat = "d MMM"
        let heads = weeks.map { w -> String in
            let parts = w.monday.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return w.monday }
            var c = DateComponents()
            (c.year, c.month, c.day) = (parts[0], parts[1], parts[2])
            return Calendar(identifier: .gregorian).date(from: c).map { f.string(from: $0) } ?? w.monday
        }
        let bars = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        var table = WeekTable(title: "By week (core: aim for 2 or 3 days you don't run)")
        table.row("Week of", heads)
        table.row("Runs", weeks.map { "\($0.runs)" })
        table.row("Distance (\(units.rawValue))", weeks.map { String(format: "%.1f", $0.meters / units.meters) })
        table.row("Warm-up first", weeks.map { $0.runs == 0 ? "–" : "\($0.warmedUp)/\($0.runs)" })
        table.row("Core days off run", weeks.map { $0.coreDays >= 2 ? "\($0.coreDays) ✓" : "\($0.coreDays)" })
        table.row("Cadence (steps/min)", weeks.map { $0.cadence.map { "\(Int($0.rounded()))" } ?? "·" })
        table.row("Back (worst 0-10)", weeks.map { w in
            guard let v = w.worstBack else { return "·" }
            return bars[min(7, v * 8 / 11)] + " \(v)"
        })
        return table.lines
    }
}

/// A table of weeks: a label column, then one right-aligned cell a week, as narrow as its widest cell allows
/// (two spaces between cells at most, one at least), so eight weeks fit 80 columns. A row is one call.
struct WeekTable {
    var title: String
    var rows: [(label: String, cells: [String])] = []
    /// The widest a line may be.
    var width = 80

    init(title: String) { self.title = title }

    mutating func row(_ label: String, _ cells: [String]) { rows.append((label, cells)) }

    var lines: [String] {
        let labelWidth = rows.map { DisplayWidth.columns($0.label) }.max() ?? 0
        let columns = rows.map(\.cells.count).max() ?? 0
        let widest = rows.flatMap(\.cells).map { DisplayWidth.columns($0) }.max() ?? 1
        // Cells as wide as the widest plus a gap of 2, or 1 when 2 would not fit the width.
        let cell = columns > 0 && labelWidth + columns * (widest + 2) <= width ? widest + 2 : widest + 1
        return [title] + rows.map { r in
            r.label + String(repeating: " ", count: labelWidth - DisplayWidth.columns(r.label))
                + r.cells.map { String(repeating: " ", count: max(0, cell - DisplayWidth.columns($0))) + $0 }.joined()
        }
    }
}
