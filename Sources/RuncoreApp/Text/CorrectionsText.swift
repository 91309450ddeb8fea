import Foundation
import RunnerLog
import History
import RoutineKit

/// What `delete` and `log undo` say they removed: one line a row, with the figures it held.
package enum Corrections {
    /// `run 12: 2026-11-10, 8.2 km in 45:00, "Pegasus", typed in`.
    package static func describe(_ r: HistoryStore.Removed, units: Units, calendar: Calendar) -> String {
        switch r {
        case .run(let run):
            var s = "run \(run.id ?? 0): \(run.source == "manual" ? run.day : HistoryText.stamp(run.startedAt, calendar)), \(units.format(run.meters))"
            if let t = run.seconds { s += " in " + RunBounds.timeText(t) }
            if let shoe = run.shoe { s += ", \"\(Out.shown(shoe))\"" }
            s += run.source == "manual" ? ", typed in" : run.file.map { ", from \(Out.shown(($0 as NSString).lastPathComponent))" } ?? ", imported"
            return s
        case .checkIn(let c):
            var s = "back check-in \(c.id ?? 0): \(HistoryText.stamp(c.at, calendar)), \(c.level)/10"
            if let p = c.place { s += " \(Out.shown(p))" }
            if c.spreading { s += ", spreading" }
            if c.constant { s += ", constant" }
            if let n = c.note { s += " “\(Out.shown(n))”" }
            return s
        case .session(let id, let routine, let startedAt, let outcome):
            return "session \(id): \(startedAt.map { HistoryText.stamp($0, calendar) } ?? "?") \(Out.shown(routine)), \(Out.shown(outcome)) (with its steps and holds)"
        case .shoeChange(let action, let shoe, let detail):
            let name = "\"\(Out.shown(shoe))\""
            let def = detail["default"].map { "; \"\(Out.shown($0))\" is the default again" } ?? ""
            switch action {
            case "add":
                return "adding the pair \(name)\(detail["runs"].map { $0 == "1" ? "; its 1 run now has no pair" : "; its \($0) runs now have no pair" } ?? "")\(def)"
            case "retire": return "retiring \(name): it is in use again\(def)"
            case "unretire": return "bringing \(name) back into use: it is retired again\(detail["retired"].map { " (since \($0))" } ?? "")"
            case "default": return "making \(name) the default\(detail["default"] == nil ? "; no pair is the default now" : def)"
            case "rename": return "renaming \(detail["from"].map { "\"\(Out.shown($0))\"" } ?? "a pair") to \(name): its old name is back"
            case "assign": return "putting \(plural(Int(detail["runs"] ?? "0") ?? 0, "run")) on \(shoe.isEmpty ? "no pair" : name): they are back on their pairs as before"
            default: return "a shoe change (\(Out.shown(action)) \(name))"
            }
        case .row("cleared", let id):
            return "the go-ahead from a healthcare provider (cleared \(id)): a stop for pain logged before it stands again"
        case .row(let table, let id):
            return "\(Out.shown(table)) \(id)"
        case .unreadable(let kind, let id, let why):
            return "\(kind) \(id) (\(why))"
        }
    }

    /// `log undo`'s lines: an import is one thing, said as a whole.
    package static func undone(_ removed: [HistoryStore.Removed], units: Units, calendar: Calendar) -> [String] {
        let runs = removed.compactMap { r -> Run? in if case .run(let run) = r { return run }; return nil }
        if runs.count > 1 || (runs.count == 1 && runs[0].source == "import") {
            let meters = runs.reduce(0) { $0 + $1.meters }
            let days = runs.map(\.day).sorted()
            let span = days.first == days.last ? days.first ?? "" : "\(days.first ?? "") to \(days.last ?? "")"
            let ids = runs.compactMap(\.id)
            var line = "Undone: the last import, \(plural(runs.count, "run")) (\(units.format(meters)), \(span))"
            if let lo = ids.min(), let hi = ids.max() { line += lo == hi ? ", run \(lo)" : ", runs \(lo) to \(hi)" }
            return [line + ". Import the files again to bring them back."]
        }
        return removed.map { "Undone: " + describe($0, units: units, calendar: calendar) + "." }
    }
}
