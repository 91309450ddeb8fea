import Foundation
import History

/// The week's plan as iCalendar (RFC 5545): one all-day event a day with something to do.
enum CalendarText {
    static func week(_ days: [PlanDay], totals: [String: String], stamp: Date, runsKnown: Bool) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//runcore//runcore \(runcoreVersion)//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:runcore week"]
        let now = utcStamp(stamp)
        for d in days {
            let summary: String
            let description: String
            let id: String
            switch d.what {
            case .warmupAndRun:
                (id, summary) = ("warmup", "Warm up, then run (runcore warmup)")
                description = "The pre-run warm-up (\(totals["warmup"] ?? "13 min")) before you head out. Log the run after: runcore log run 8km."
            case .core(let routine):
                id = routine
                summary = routine == "core" ? "Core: side planks (runcore core)" : "Core: plank variations (runcore run planks)"
                description = "A day off running: core work (\(totals[routine] ?? "5 min")). Stop if pain is constant or spreads, and talk to a healthcare provider."
            case .rest:
                continue
            }
            let date = d.day.replacingOccurrences(of: "-", with: "")
            let next = nextDay(d.day)
            lines += ["BEGIN:VEVENT", "UID:runcore-\(date)-\(id)@runcore", "DTSTAMP:\(now)",
                      "DTSTART;VALUE=DATE:\(date)", "DTEND;VALUE=DATE:\(next)", "SUMMARY:\(escape(summary))",
                      "DESCRIPTION:\(escape(description + (runsKnown ? "" : " (No run days known yet: set run-days in config.yaml.)")))",
                      "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utcStamp(_ d: Date) -> String {
        let iso = HistoryText.iso(d) ?? "1970-01-01T00:00:00.000Z"
        return iso.prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }

    static func nextDay(_ day: String) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        guard let d = Stats.dayDate(day, c), let n = c.date(byAdding: .day, value: 1, to: d) else { return day }
        return Stats.dayString(n, c).replacingOccurrences(of: "-", with: "")
    }

    /// TEXT values: backslash, semicolon, comma and newline escaped.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets folded, never inside a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += n
        }
        return out
    }
}
