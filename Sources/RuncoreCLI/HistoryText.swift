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

    static func iso(_ date: Date?) -> Any {
        guard let date else { return NSNull() }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static func clock(_ seconds: Double) -> String { DurationText.clock(Int(seconds.rounded(.down))) }

    /// A hold from the database (seconds) as the screens show it: 0:45.2.
    static func holdText(_ seconds: Double) -> String { holdClock(Nanos(seconds * 1e9)) }

    /// One line a session: when, which routine, how it ended, active time, holds.
    static func table(_ sessions: [SessionRow], calendar: Calendar) -> String {
        let idWidth = max(7, sessions.map(\.routineID.count).max() ?? 7)
        return sessions.map { s in
            var line = stamp(s.startedAt, calendar) + "  " + s.routineID.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                + "  " + s.outcome.padding(toLength: 11, withPad: " ", startingAt: 0) + "  " + clock(s.activeSeconds).leftPadded(6)
            let holds = s.holds.filter(\.completed).map { holdText($0.seconds) }
            if !holds.isEmpty { line += "  hold " + holds.joined(separator: ", ") }
            return line
        }.joined(separator: "\n")
    }

    static func json(_ sessions: [SessionRow]) -> String {
        let array: [[String: Any]] = sessions.map { s in
            [
                "id": s.id, "routine_id": s.routineID, "routine_title": s.routineTitle, "params": s.params,
                "started_at": iso(s.startedAt), "ended_at": iso(s.endedAt), "day": s.day,
                "planned_seconds": s.plannedSeconds, "active_seconds": s.activeSeconds, "outcome": s.outcome,
                "blocks": s.blocks.map { b -> [String: Any] in
                    ["position": b.position, "name": b.name, "kind": b.kind, "set": b.set ?? NSNull(), "side": b.side ?? NSNull(),
                     "item": b.item ?? NSNull(), "planned_seconds": b.plannedSeconds ?? NSNull(),
                     "actual_seconds": b.actualSeconds, "completed": b.completed]
                },
                "holds": s.holds.map { h -> [String: Any] in
                    ["name": h.name, "seconds": h.seconds, "target_seconds": h.targetSeconds ?? NSNull(),
                     "completed": h.completed, "recorded_at": iso(h.recordedAt)]
                },
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: array, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static let csvColumns = ["id", "routine_id", "routine_title", "started_at", "ended_at", "day", "outcome",
                             "planned_seconds", "active_seconds", "params", "blocks_done", "blocks_total", "holds_seconds"]

    static func csv(_ sessions: [SessionRow]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func num(_ d: Double) -> String { String(format: "%.3f", d) }
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for s in sessions {
            let params = s.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            let row = [String(s.id), s.routineID, s.routineTitle, iso(s.startedAt) as? String ?? "", iso(s.endedAt) as? String ?? "",
                       s.day, s.outcome, num(s.plannedSeconds), num(s.activeSeconds), params,
                       String(s.blocks.filter(\.completed).count), String(s.blocks.count),
                       s.holds.filter(\.completed).map { num($0.seconds) }.joined(separator: ";")]
            out += row.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

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
