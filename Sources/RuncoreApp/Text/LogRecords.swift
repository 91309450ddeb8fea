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
         ("meters", .number(r.meters)), ("seconds", .number(r.seconds)), ("elapsed_seconds", .number(r.elapsedSeconds)),
         ("shoe", .text(r.shoe)), ("source", .text(r.source)), ("file", .text(r.file)), ("note", .text(r.note)),
         ("cadence_spm", .number(r.form.cadence)), ("step_length_m", .number(r.form.stepLength)),
         ("ground_contact_ms", .number(r.form.groundContact)), ("vertical_oscillation_mm", .number(r.form.verticalOscillation)),
         ("cadence_drop_spm", .number(r.form.cadenceDrop))]
    }

    package static func shoe(_ s: Shoe, log: RunnerLog) -> Row {
        [("name", .text(s.name)), ("bought", .text(s.bought)), ("start_meters", .number(s.startMeters)),
         ("meters", .number(log.meters(on: s))), ("runs", .int(Int64(log.runs(on: s).count))),
         ("retired", .text(s.retired)), ("default", .flag(s.isDefault))]
    }

    /// The back's entries, newest first: check-ins, and the days a healthcare provider cleared the runner.
    package static func backEntries(_ log: RunnerLog) -> [BackEntry] {
        (log.checkIns.map { BackEntry.checkIn($0) } + log.clearances.map { .cleared($0) })
            .sorted { $0.at > $1.at }
    }

    /// Each row has its id: a check-in's for `runcore delete back ID`, a provider's go-ahead's for
    /// `runcore delete cleared ID`.
    package static func back(_ e: BackEntry) -> Row {
        switch e {
        case .checkIn(let c):
            return [("kind", .text("check-in")), ("id", .int(c.id)), ("at", .text(HistoryText.iso(c.at))), ("day", .text(c.day)),
                    ("level", .int(Int64(c.level))), ("where", .text(c.place)), ("spreading", .flag(c.spreading)),
                    ("constant", .flag(c.constant)), ("note", .text(c.note))]
        case .cleared(let c):
            return [("kind", .text("cleared")), ("id", .int(c.id)), ("at", .text(HistoryText.iso(c.at))), ("day", .text(c.day)),
                    ("level", .int(nil)), ("where", .text(nil)), ("spreading", .flag(nil)), ("constant", .flag(nil)), ("note", .text(c.note))]
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

    /// Table lines, for reading: a header, then a run a line (with a second line for its form, when the watch
    /// measured it). Names and notes are shown escaped.
    package static func runLines(_ runs: [Run], units: Units, calendar: Calendar) -> [String] {
        let w = max(2, runs.compactMap(\.id).map { String($0).count }.max() ?? 2)
        func time(_ s: Double?) -> String { s.map { RunBounds.timeText($0) } ?? "–" }
        var out = ["id".leftPadded(w) + "  day         start   distance    moving   elapsed      pace  shoe · file"]
        for r in runs {
            let start = r.source == "manual" ? "     " : String(HistoryText.stamp(r.startedAt, calendar).suffix(5))
            let pace = r.secondsPerKm.map { RunBounds.timeText($0 * units.meters / 1000) + "/" + units.rawValue } ?? "–"
            var line = "\(r.id ?? 0)".leftPadded(w) + "  " + r.day + "  " + start + "  " + units.format(r.meters).leftPadded(9)
                + "  " + time(r.seconds).leftPadded(8) + "  " + time(r.elapsedSeconds).leftPadded(8) + "  " + pace.leftPadded(8)
            let tail = [r.shoe.map { Out.shown($0) }, r.file.map { Out.shown(($0 as NSString).lastPathComponent) }].compactMap { $0 }
            if !tail.isEmpty { line += "  " + tail.joined(separator: " · ") }
            out.append(line)
            let indent = String(repeating: " ", count: w + 2)
            if let form = r.form.summary { out.append(indent + "form: " + form) }
            if let note = r.note { out.append(indent + "note: " + Out.shown(note)) }
        }
        return out
    }

    /// The back's entries, a line each with its id (`delete back ID`, `delete cleared ID`).
    package static func backLines(_ entries: [BackEntry], calendar: Calendar) -> [String] {
        let w = max(2, entries.compactMap { e -> Int64? in
            switch e {
            case .checkIn(let c): return c.id
            case .cleared(let c): return c.id
            }
        }.map { String($0).count }.max() ?? 2)
        let clearances = entries.contains { if case .cleared = $0 { return true } else { return false } }
        return entries.map { e in
            switch e {
            case .checkIn(let c):
                var line = "\(c.id ?? 0)".leftPadded(w) + "  " + HistoryText.stamp(c.at, calendar) + "  back \(c.level)/10"
                if let p = c.place { line += " \(Out.shown(p))" }
                if c.spreading { line += ", spreading" }
                if c.constant { line += ", constant" }
                if let n = c.note { line += "  “\(Out.shown(n))”" }
                return line
            case .cleared(let c):
                return "\(c.id ?? 0)".leftPadded(w) + "  " + HistoryText.stamp(c.at, calendar) + "  cleared by a healthcare provider"
                    + (c.note.map { "  “\(Out.shown($0))”" } ?? "")
            }
        } + (clearances ? ["A clearance's id is its own, apart from the check-ins': runcore delete cleared ID takes one back."] : [])
    }
}
