import Foundation
import History
import RunnerLog

/// The week's plan as iCalendar (RFC 5545): the seven days' verdicts as they are, one all-day event for each
/// day with training planned; days on which no training may be planned until something is done (a stop for
/// pain, a check-in after one, a doctor first) are one event for all of them.
package enum CalendarText {
    package static func week(_ days: [DayVerdict], totals: [String: String], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//runcore//runcore \(runcoreVersion)//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:runcore week"]
        let now = utcStamp(stamp)
        var i = 0
        while i < days.count {
            let d = days[i]
            var last = i
            let summary: String
            var description: String
            let id: String
            var holds = false
            switch d.plan {
            case .warmupAndRun(let r):
                (id, summary) = (r.id, "Warm up, then run (\(r.command))")
                description = "\(r.title) (\(totals[r.id] ?? "a few minutes")) before you head out. Log the run after: runcore log run 8km."
            case .run:
                (id, summary) = ("run", "Run (warmed up already)")
                description = "You warmed up today. Log the run after: runcore log run 8km."
            case .core(let r):
                (id, summary) = (r.id, "Core: \(r.title) (\(r.command))")
                description = "A day off running: core work (\(totals[r.id] ?? "a few minutes")). Stop if pain is constant or spreads, and talk to a healthcare provider."
            case .hold(let text):
                while last + 1 < days.count, days[last + 1].plan == d.plan { last += 1 }
                holds = true
                (id, summary, description) = ("no-training", text.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces), d.headline)
            case .rest:
                i += 1
                continue
            }
            if !d.runDaysKnown && !holds {
                description += " (No run days known yet: set run-days in config.yaml.)"
            }
            let date = d.day.replacingOccurrences(of: "-", with: "")
            let end = CalendarDay.adding(1, to: days[last].day).replacingOccurrences(of: "-", with: "")
            lines += ["BEGIN:VEVENT", "UID:runcore-\(date)-\(id)@runcore", "DTSTAMP:\(now)",
                      "DTSTART;VALUE=DATE:\(date)", "DTEND;VALUE=DATE:\(end)", "SUMMARY:\(escape(summary))",
                      "DESCRIPTION:\(escape(description))", "TRANSP:TRANSPARENT", "END:VEVENT"]
            i = last + 1
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    package static func utcStamp(_ d: Date) -> String {
        let iso = HistoryText.iso(d) ?? "1970-01-01T00:00:00.000Z"
        return iso.prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// TEXT values: backslash, semicolon, comma and newline escaped.
    package static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets folded, never inside a character.
    package static func fold(_ line: String) -> String {
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
