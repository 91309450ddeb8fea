import Foundation
import History
import RoutineKit
import TerminalUI

/// How history and stats read in the terminal, and as JSON and CSV.
enum HistoryText {
    static func stamp(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    static func iso(_ date: Date?) -> String? {
        guard let date else { return nil }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static func clock(_ seconds: Double) -> String { DurationText.measured(DurationText.nanos(fromSeconds: seconds)) }

    /// A hold from the database (seconds) as the screens show it: 0:45.2.
    static func holdText(_ seconds: Double) -> String { holdClock(DurationText.nanos(fromSeconds: seconds)) }

    /// One line a session: when, which routine, how it ended, exercise time, holds.
    static func tableRow(_ s: SessionRow, calendar: Calendar) -> String {
        var line = stamp(s.startedAt, calendar) + "  " + s.routineID.padding(toLength: max(7, s.routineID.count), withPad: " ", startingAt: 0)
            + "  " + s.outcome.padding(toLength: 11, withPad: " ", startingAt: 0) + "  " + clock(s.activeSeconds).leftPadded(6)
        let holds = s.holds.filter(\.completed).map { holdText($0.seconds) }
        if !holds.isEmpty { line += "  hold " + holds.joined(separator: ", ") }
        return line
    }

    static func table(_ sessions: [SessionRow], calendar: Calendar) -> String {
        sessions.map { tableRow($0, calendar: calendar) }.joined(separator: "\n")
    }

    /// Every session with its blocks and holds, as JSON: seconds to the millisecond, no escaped slashes.
    static func json(_ sessions: [SessionRow]) -> String {
        var out = "["
        for (i, s) in sessions.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += jsonSession(s)
        }
        return out + (sessions.isEmpty ? "]" : "\n]")
    }

    static func jsonSession(_ s: SessionRow) -> String {
        let blocks = s.blocks.map { b in
            JSON.object([
                ("position", JSON.int(b.position)), ("name", JSON.string(b.name)), ("kind", JSON.string(b.kind)),
                ("set", JSON.string(b.set)), ("side", JSON.string(b.side)), ("item", JSON.string(b.item)),
                ("planned_seconds", JSON.seconds(b.plannedSeconds)), ("actual_seconds", JSON.seconds(b.actualSeconds)),
                ("completed", JSON.bool(b.completed)), ("ending", JSON.string(b.ending)),
            ], indent: 6)
        }
        let holds = s.holds.map { h in
            JSON.object([
                ("name", JSON.string(h.name)), ("seconds", JSON.seconds(h.seconds)), ("target_seconds", JSON.seconds(h.targetSeconds)),
                ("stopped_by_runner", JSON.bool(h.completed)), ("reached_target", h.reachedTarget.map(JSON.bool) ?? "null"),
                ("completed", JSON.bool(h.completed)), ("recorded_at", JSON.string(iso(h.recordedAt))),
            ], indent: 6)
        }
        let params = JSON.object(s.params.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }, indent: 4)
        return "  " + JSON.object([
            ("id", String(s.id)), ("routine_id", JSON.string(s.routineID)), ("routine_title", JSON.string(s.routineTitle)),
            ("params", params), ("started_at", JSON.string(iso(s.startedAt))), ("ended_at", JSON.string(iso(s.endedAt))),
            ("day", JSON.string(s.day)), ("planned_seconds", JSON.seconds(s.plannedSeconds)),
            ("active_seconds", JSON.seconds(s.activeSeconds)), ("outcome", JSON.string(s.outcome)),
            ("planned_blocks", s.plannedBlocks.map(JSON.int) ?? "null"),
            ("blocks", JSON.array(blocks, indent: 4)), ("holds", JSON.array(holds, indent: 4)),
        ], indent: 2)
    }

    static let csvColumns = ["id", "routine_id", "routine_title", "started_at", "ended_at", "day", "outcome",
                             "planned_seconds", "active_seconds", "params", "blocks_done", "blocks_total", "holds_seconds"]

    static var csvHeader: String { csvColumns.joined(separator: ",") + "\r\n" }

    static func csvRow(_ s: SessionRow) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func num(_ d: Double) -> String { String(format: "%.3f", d) }
        let params = s.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        let row = [String(s.id), s.routineID, s.routineTitle, iso(s.startedAt) ?? "", iso(s.endedAt) ?? "",
                   s.day, s.outcome, num(s.plannedSeconds), num(s.activeSeconds), params,
                   String(s.blocks.filter(\.completed).count), String(s.plannedBlocks ?? s.blocks.count),
                   s.holds.filter(\.completed).map { num($0.seconds) }.joined(separator: ";")]
        return row.map(field).joined(separator: ",") + "\r\n"
    }

    static func csv(_ sessions: [SessionRow]) -> String { csvHeader + sessions.map(csvRow).joined() }

    /// The stats report: holds, streaks, and a bar for each of the last 8 weeks' core days.
    static func stats(_ s: Stats, calendar: Calendar) -> [String] {
        var lines: [String] = []
        lines.append("Plank hold")
        if let best = s.bestHold {
            let date = stamp(best.recordedAt, calendar).prefix(10)
            lines.append("  best      \(holdText(best.seconds))  (\(date))")
            lines.append("  last      " + s.lastHolds.map { holdText($0.seconds) }.joined(separator: "  "))
        } else {
            lines.append("  no holds yet: runcore hold")
        }
        lines.append("")
        lines.append("Days in a row with a session")
        lines.append("  current   \(s.currentStreak) day\(s.currentStreak == 1 ? "" : "s")")
        lines.append("  longest   \(s.longestStreak) day\(s.longestStreak == 1 ? "" : "s")")
        lines.append("")
        lines.append("Core days a week (aim for 2 or 3, on days you don't run)")
        for (monday, days) in s.coreWeeks {
            let label = String(monday.dropFirst(5))  // MM-dd
            let bar = days == 0 ? "·" : String(repeating: "██", count: days)
            let mark = days >= 2 ? " ✓" : ""
            lines.append("  week of \(label)  \(bar) \(days)\(mark)")
        }
        lines.append("")
        lines.append("\(s.sessions) session\(s.sessions == 1 ? "" : "s") in all")
        return lines
    }
}

/// A small JSON writer: what runcore prints is simple, and writing it by hand keeps numbers to the
/// millisecond and slashes unescaped.
enum JSON {
    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func int(_ n: Int) -> String { String(n) }
    static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    /// Seconds to the millisecond (`68.969`); null for none, or for a value that is not a number.
    static func seconds(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "null" }
        return String(format: "%.3f", d)
    }

    static func object(_ pairs: [(String, String)], indent: Int) -> String {
        if pairs.isEmpty { return "{}" }
        let pad = String(repeating: " ", count: indent + 2)
        return "{\n" + pairs.map { pad + string($0.0) + ": " + $0.1 }.joined(separator: ",\n")
            + "\n" + String(repeating: " ", count: indent) + "}"
    }

    static func array(_ items: [String], indent: Int) -> String {
        if items.isEmpty { return "[]" }
        let pad = String(repeating: " ", count: indent + 2)
        return "[\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
    }
}
