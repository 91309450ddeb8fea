import Foundation
import RunnerLog
import History
import RoutineKit

/// An entry of `history --of back`: a check-in, or a healthcare provider's go-ahead.
package enum BackEntry {
    case checkIn(CheckIn)
    case cleared(Clearance)

    var at: Date {
        switch self {
        case .checkIn(let c): return c.at
        case .cleared(let c): return c.at
        }
    }
}

/// Runs, shoes and back check-ins as `history --of runs|shoes|back` prints them: a table, JSON or CSV, from
/// one list of named fields per row so the three formats always agree.
package enum LogRecords {
    package enum Value {
        case text(String?), number(Double?), int(Int64?), flag(Bool?)
    }

    package typealias Row = [(name: StaticString, value: Value)]

    package static func run(_ r: Run) -> Row {
        [("id", .int(r.id)), ("started_at", .text(HistoryText.iso(r.startedAt))), ("day", .text(r.day)),
         ("meters", .number(r.meters)), ("seconds", .number(r.seconds)), ("shoe", .text(r.shoe)),
         ("source", .text(r.source)), ("file", .text(r.file))]
    }

    package static func shoe(_ s: Shoe, log: RunnerLog) -> Row {
        [("name", .text(s.name)), ("bought", .text(s.bought)), ("start_meters", .number(s.startMeters)),
         ("meters", .number(log.meters(on: s))), ("runs", .int(Int64(log.runs.filter { $0.shoe == s.name }.count))),
         ("retired", .text(s.retired)), ("default", .flag(s.isDefault))]
    }

    /// The back's entries, newest first: check-ins, and the days a healthcare provider cleared the runner.
    package static func backEntries(_ log: RunnerLog) -> [BackEntry] {
        (log.checkIns.map { BackEntry.checkIn($0) } + log.clearances.map { .cleared($0) })
            .sorted { $0.at > $1.at }
    }

    package static func back(_ e: BackEntry) -> Row {
        switch e {
        case .checkIn(let c):
            return [("kind", .text("check-in")), ("at", .text(HistoryText.iso(c.at))), ("day", .text(c.day)), ("level", .int(Int64(c.level))),
                    ("where", .text(c.place)), ("spreading", .flag(c.spreading)), ("constant", .flag(c.constant)), ("note", .text(c.note))]
        case .cleared(let c):
            return [("kind", .text("cleared")), ("at", .text(HistoryText.iso(c.at))), ("day", .text(c.day)), ("level", .int(nil)),
                    ("where", .text(nil)), ("spreading", .flag(nil)), ("constant", .flag(nil)), ("note", .text(c.note))]
        }
    }

    package static func backLine(_ e: BackEntry, calendar: Calendar) -> String {
        switch e {
        case .checkIn(let c): return checkInLine(c, calendar: calendar)
        case .cleared(let c):
            return HistoryText.stamp(c.at, calendar) + "  cleared by a healthcare provider" + (c.note.map { "  “\($0)”" } ?? "")
        }
    }

    /// Rows as a JSON array of objects.
    package static func json(_ rows: [Row]) -> [UInt8] {
        var w = JSONWriter(indent: 0)
        w.open(UInt8(ascii: "["))
        for row in rows {
            w.element()
            w.open(UInt8(ascii: "{"))
            for (name, value) in row {
                switch value {
                case .text(let t): w.field(name, string: t)
                case .number(let n): w.field(name, seconds: n)
                case .int(let i): w.field(name, int: i)
                case .flag(let b): w.field(name, bool: b)
                }
            }
            w.close(UInt8(ascii: "}"))
        }
        w.close(UInt8(ascii: "]"))
        w.out.append(0x0A)
        return w.out
    }

    /// Rows as CSV with a header, CRLF lines as for sessions; `names` is the header when there are no rows.
    package static func csv(_ rows: [Row], names: [String]) -> String {
        var out = names.joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { _, value -> String in
                switch value {
                case .text(let t): return HistoryText.csvField(t ?? "")
                case .number(let n): return n.map { $0.isFinite ? JSON.millis($0) : "" } ?? ""
                case .int(let i): return i.map(String.init) ?? ""
                case .flag(let b): return b.map { $0 ? "true" : "false" } ?? ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    package static func names(_ row: Row) -> [String] { row.map { "\($0.name)" } }

    /// Table lines, for reading.
    package static func runLine(_ r: Run, units: Units, calendar: Calendar) -> String {
        let time = r.seconds.map { DurationText.clock(Int($0.rounded())) } ?? "–"
        let when: String = r.source == "manual" ? r.day + "      " : HistoryText.stamp(r.startedAt, calendar)
        let distance: String = units.format(r.meters).leftPadded(9)
        var line = when + "  " + distance + "  " + time.leftPadded(7)
        if let shoe = r.shoe { line += "  \(shoe)" }
        if let file = r.file { line += "  " + (file as NSString).lastPathComponent }
        return line
    }

    package static func checkInLine(_ c: CheckIn, calendar: Calendar) -> String {
        var line = HistoryText.stamp(c.at, calendar) + "  back \(c.level)/10"
        if let p = c.place { line += " \(p)" }
        if c.spreading { line += ", spreading" }
        if c.constant { line += ", constant" }
        if let n = c.note { line += "  “\(n)”" }
        return line
    }
}
