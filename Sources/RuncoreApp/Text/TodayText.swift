import Foundation
import History
import RoutineFiles
import RoutineKit
import RunnerLog
import TerminalUI

/// What `today`, `shoes` and the log part of `stats` print.
package enum TodayText {
    /// `today`: the day's verdict, line by line in its order (stops, what to do, why, the other warnings).
    package static func today(_ verdict: DayVerdict, now: Date, calendar: Calendar) -> [String] {
        var out = ["Today, \(dayTitle(now, calendar))"]
        var warned = false
        for line in verdict.lines {
            switch line.style {
            case .stop: out.append("  " + line.text)
            case .headline: out.append("→ " + line.text)
            case .reason: out.append("  " + line.text)
            case .warning:
                if !warned { out.append("") }
                warned = true
                out.append("! " + line.text)
            }
        }
        if !verdict.questions.isEmpty { out.append("") }
        for q in verdict.questions { out.append("? " + ask(q)) }
        return out
    }

    /// A question the menu would ask, as the command that answers it.
    static func ask(_ q: Question) -> String {
        switch q {
        case .existingPain: return "Do you have low-back pain already? Answer in the menu, or: runcore log existing-pain yes (or no)"
        case .cleared: return "Has a healthcare provider seen you since? Then: runcore log cleared"
        case .backAfterPainStop: return "How is your back after the stop for pain? runcore log back 0-10"
        case .runAfterWarmup: return "How far did you run after your warm-up? runcore log run 8km"
        case .backAfterRun(_, let nextDay): return "How is your back \(nextDay ? "the day after your run" : "after your run")? runcore log back 0-10"
        }
    }

    /// "Sunday 29 November".
    package static func dayTitle(_ date: Date, _ calendar: Calendar) -> String {
        let day = CalendarDay.string(date, calendar)
        guard let (_, m, d) = CalendarDay.parts(day), let w = CalendarDay.weekday(day) else { return day }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(DayVerdict.weekdayName(w)) \(d) \(months[m - 1])"
    }

    /// After a log command: the warnings of these kinds that today's verdict now has.
    package static func printWarnings(context: Context, settings: Settings, kinds: Set<Warning.Kind>) {
        context.rereadHistory()
        guard let verdict = context.verdictOrProblem(settings: settings, routines: nil).0 else { return }
        for w in verdict.warnings where kinds.contains(w.kind) { Out.line((w.isStop ? "" : "! ") + w.text) }
    }

    /// After run `id` is logged: the shoe warnings it raised, and the back question if the verdict has it due
    /// for this run (a run of today or yesterday with no check-in since; none for a run logged days after).
    package static func afterRunLogged(_ id: Int64?, context: Context, settings: Settings) {
        context.rereadHistory()
        guard let verdict = context.verdictOrProblem(settings: settings, routines: nil).0 else { return }
        for w in verdict.warnings where w.kind == .shoeLimit || w.kind == .shoeTop { Out.line("! " + w.text) }
        for q in verdict.questions { if case .backAfterRun(let run, _) = q, run.id == id { Out.line(ask(q)) } }
    }

    package static func shoes(_ log: RunnerLog, limits: Limits, now: Date, calendar: Calendar) -> [String] {
        guard !log.shoes.isEmpty else {
            return ["No shoes yet. Add your pair: runcore shoes add NAME [--bought 2026-03-01] [--start 120km]",
                    "runcore warns at \(ShoeRules.milesText(limits.shoeMiles, limits.units)) (config.yaml 'shoe-limit', 300–500 mi) and again at \(ShoeRules.milesText(Limits.shoeTopMiles, limits.units))."]
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
        out.append("Warnings at \(ShoeRules.milesText(limits.shoeMiles, limits.units)) and \(ShoeRules.milesText(Limits.shoeTopMiles, limits.units)) (the article's 300–500 mi), and after \(Int(limits.shoeYears)) years.")
        return out
    }

    /// "8 months", "2 years 1 month".
    static func age(_ day: String, now: Date, calendar: Calendar) -> String {
        guard let d = CalendarDay.date(day, calendar) else { return "?" }
        let c = calendar.dateComponents([.year, .month, .day], from: d, to: calendar.startOfDay(for: now))
        let (y, m) = (c.year ?? 0, c.month ?? 0)
        if y == 0 && m == 0 { return plural(c.day ?? 0, "day") }
        if y == 0 { return plural(m, "month") }
        return plural(y, "year") + (m > 0 ? " " + plural(m, "month") : "")
    }

    /// The weeks side by side, one row a measure: runs, distance, warm-ups before runs, core days off running,
    /// cadence, and the back's worst check-in as a bar, so a calmer back can be read against the work above it.
    /// A week with a check-in of constant or spreading pain is marked `!` on the back's row; the weeks in which a
    /// provider cleared the runner get a row of their own (explained under the table when either shows).
    static func weeks(_ weeks: [WeekSummary], units: Units) -> [String] {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let heads = weeks.map { w -> String in
            guard let (_, m, d) = CalendarDay.parts(w.monday) else { return w.monday }
            return "\(d) \(months[m - 1])"
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
            return bars[min(7, v * 8 / 11)] + " \(v)" + (w.stopped ? "!" : "")
        })
        if weeks.contains(where: \.cleared) { table.row("Provider cleared", weeks.map { $0.cleared ? "yes" : "·" }) }
        var lines = table.lines
        if weeks.contains(where: \.stopped) { lines.append("! a check-in of constant or spreading pain: stop until a provider clears you") }
        return lines
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
