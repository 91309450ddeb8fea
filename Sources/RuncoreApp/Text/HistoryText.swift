import Foundation
import RunnerLog
import History
import RoutineKit
import TerminalUI

/// How history and stats read in the terminal, and as JSON and CSV.
package enum HistoryText {
    package static func stamp(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// ISO 8601 in UTC to the millisecond (`2026-11-23T18:00:00.000Z`), written directly: a formatter per
    /// date made a 10,000-session history take seconds.
    package static func iso(_ date: Date?) -> String? {
        guard let date else { return nil }
        let t = date.timeIntervalSince1970
        guard t.isFinite, abs(t) < 1e11 else { return nil }
        var ms = Int64((t * 1000).rounded(.down))
        var secs = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        ms -= Int64(secs) * 1000
        var tm = tm()
        gmtime_r(&secs, &tm)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)).\(millis)Z"
    }

    package static func clock(_ seconds: Double) -> String { DurationText.measured(DurationText.nanos(fromSeconds: seconds)) }

    /// A hold from the database (seconds) as the screens show it: 0:45.2.
    package static func holdText(_ seconds: Double) -> String { holdClock(DurationText.nanos(fromSeconds: seconds)) }

    /// One line a session: its id (for `runcore delete session ID`), when, which routine, how it ended, exercise
    /// time, holds.
    /// `routineWidth`: the routine column's width (`routineColumn`), so the columns after it line up.
    package static func tableRow(_ s: SessionRow, routineWidth: Int, calendar: Calendar) -> String {
        let routine = Out.shown(s.routineID)
        var line = "\(s.id)".leftPadded(5) + "  " + stamp(s.startedAt, calendar) + "  " + routine.padding(toLength: max(routineWidth, routine.count), withPad: " ", startingAt: 0)
            + "  " + s.outcome.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + "  " + clock(s.activeSeconds).leftPadded(6)
        let holds = s.holds.filter(\.completed).map { holdText($0.seconds) }
        if !holds.isEmpty { line += "  hold " + holds.joined(separator: ", ") }
        return line
    }

    /// The routine column's width for a table of `store`'s sessions: the longest id (at least 7, at most 24;
    /// a longer one pushes only its own row).
    package static func routineColumn(_ store: HistoryStore?) -> Int {
        min(24, max(7, ((try? store?.longestRoutineID()) ?? nil) ?? 0))
    }

    /// One session as JSON bytes, indented for its place in the array. Every string in it went through
    /// `JSON.string`, which escapes control characters: the bytes need no other sanitising.
    package static func jsonSession(_ s: SessionRow) -> [UInt8] {
        var w = JSONWriter(indent: 2)
        w.out.append(contentsOf: [0x20, 0x20])
        w.open(UInt8(ascii: "{"))
        w.field("id", int: s.id)
        w.field("routine_id", string: s.routineID)
        w.field("routine_title", string: s.routineTitle)
        w.key("params")
        w.open(UInt8(ascii: "{"))
        for (k, v) in s.params.sorted(by: { $0.key < $1.key }) {
            w.key(k)
            w.out.append(contentsOf: JSON.string(v).utf8)
        }
        w.close(UInt8(ascii: "}"))
        w.field("started_at", string: iso(s.startedAt))
        w.field("ended_at", string: iso(s.endedAt))
        w.field("day", string: s.day)
        w.field("planned_seconds", seconds: s.plannedSeconds)
        w.field("active_seconds", seconds: s.activeSeconds)
        w.field("outcome", string: s.outcome.rawValue)
        w.field("planned_blocks", int: s.plannedBlocks.map(Int64.init))
        w.field("role", string: s.role?.rawValue)
        w.field("counts", bool: s.count.counts)
        w.key("blocks")
        w.open(UInt8(ascii: "["))
        for b in s.blocks {
            w.element()
            w.open(UInt8(ascii: "{"))
            w.field("position", int: Int64(b.position))
            w.field("name", string: b.name)
            w.field("kind", string: b.kind.rawValue)
            w.field("set", string: b.set)
            w.field("side", string: b.side)
            w.field("item", string: b.item)
            w.field("planned_seconds", seconds: b.plannedSeconds)
            w.field("actual_seconds", seconds: b.actualSeconds)
            w.field("completed", bool: b.completed)
            w.field("ending", string: b.ending.rawValue)
            w.close(UInt8(ascii: "}"))
        }
        w.close(UInt8(ascii: "]"))
        w.key("holds")
        w.open(UInt8(ascii: "["))
        for h in s.holds {
            w.element()
            w.open(UInt8(ascii: "{"))
            w.field("name", string: h.name)
            w.field("seconds", seconds: h.seconds)
            w.field("target_seconds", seconds: h.targetSeconds)
            w.field("stopped_by_runner", bool: h.completed)
            w.field("reached_target", bool: h.reachedTarget)
            w.field("completed", bool: h.completed)
            w.field("recorded_at", string: iso(h.recordedAt))
            w.close(UInt8(ascii: "}"))
        }
        w.close(UInt8(ascii: "]"))
        w.close(UInt8(ascii: "}"))
        return w.out
    }

    package static let csvColumns = ["id", "routine_id", "routine_title", "started_at", "ended_at", "day", "outcome",
                             "planned_seconds", "active_seconds", "params", "blocks_done", "blocks_total", "holds_seconds", "role", "counts"]

    package static var csvHeader: String { csvColumns.joined(separator: ",") + "\r\n" }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    package static func csvField(_ s: String) -> String {
        s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    package static func csvRow(_ s: SessionRow) -> String {
        func num(_ d: Double) -> String { d.isFinite && abs(d) < 1e12 ? JSON.millis(d) : "" }
        let params = s.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        let holds: String = s.holds.filter(\.completed).map { num($0.seconds) }.joined(separator: ";")
        let row: [String] = [String(s.id), s.routineID, s.routineTitle, iso(s.startedAt) ?? "", iso(s.endedAt) ?? "",
                             s.day, s.outcome.rawValue, num(s.plannedSeconds), num(s.activeSeconds), params,
                             String(s.blocksDone), String(s.plannedBlocks ?? s.blocksKept), holds,
                             s.role?.rawValue ?? "", s.count.counts ? "true" : "false"]
        return row.map(csvField).joined(separator: ",") + "\r\n"
    }

    /// The stats report: holds and streaks (the weeks follow, from `TodayText.weeks`).
    package static func stats(_ s: Stats, calendar: Calendar) -> [String] {
        var lines: [String] = []
        lines.append("Plank hold")
        if let best = s.bestHold {
            let date = stamp(best.recordedAt, calendar).prefix(10)
            lines.append("  best      \(holdText(best.seconds))  (\(date))")
            lines.append("  last      " + s.lastHolds.map { holdText($0.seconds) }.joined(separator: "  "))
        } else if !s.lastHolds.isEmpty {
            lines.append("  best      none yet: a best is a hold of \(Int(Counting.shortestBestHold)) s or more")
            lines.append("  last      " + s.lastHolds.map { holdText($0.seconds) }.joined(separator: "  "))
        } else {
            lines.append("  no holds yet: runcore hold")
        }
        lines.append("")
        lines.append("Days in a row with a session")
        lines.append("  current   \(s.currentStreak) day\(s.currentStreak == 1 ? "" : "s")")
        lines.append("  longest   \(s.longestStreak) day\(s.longestStreak == 1 ? "" : "s")")
        lines.append("")
        return lines
    }
}

/// A small JSON writer: what runcore prints is simple, and writing it by hand keeps numbers to the
/// millisecond and slashes unescaped.
enum JSON {
    /// Whether `s` has a character JSON must escape (or a C1 control, whose UTF-8 lead byte is 0xC2).
    static func needsEscape(_ s: String) -> Bool {
        s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 }
    }

    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        if !needsEscape(s) { return "\"" + s + "\"" }
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

    /// `68.969`: seconds to the millisecond, written with integers (String(format:) costs microseconds,
    /// which a long history multiplies).
    static func millis(_ d: Double) -> String {
        var bytes: [UInt8] = []
        appendMillis(d, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendMillis(_ d: Double, to out: inout [UInt8]) {
        let ms = Int64((abs(d) * 1000).rounded())
        if d < 0 && ms > 0 { out.append(0x2D) }
        appendDigits(UInt64(ms / 1000), to: &out)
        out.append(0x2E)
        let frac = ms % 1000
        out.append(UInt8(0x30 + frac / 100))
        out.append(UInt8(0x30 + (frac / 10) % 10))
        out.append(UInt8(0x30 + frac % 10))
    }

    static func appendDigits(_ n: UInt64, to out: inout [UInt8]) {
        if n >= 10 { appendDigits(n / 10, to: &out) }
        out.append(UInt8(0x30 + n % 10))
    }
}

/// Writes pretty JSON as bytes into one growing buffer (a long history is written session by session, and
/// building each from strings cost more than reading the database).
struct JSONWriter {
    var out: [UInt8] = []
    private var depth: Int
    private var first: [Bool] = []

    init(indent: Int) {
        depth = indent / 2
        out.reserveCapacity(8192)
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private mutating func pad() {
        out.append(0x0A)
        out.append(contentsOf: Self.spaces[0..<min(64, depth * 2)])
    }

    private mutating func newline() {
        if first[first.count - 1] { first[first.count - 1] = false } else { out.append(0x2C) }
        pad()
    }

    mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        first.append(true)
    }

    mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !first.removeLast() { pad() }
        out.append(bracket)
    }

    /// `"name": ` on a new line, for a value that follows.
    mutating func key(_ name: StaticString) {
        newline()
        out.append(0x22)
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [0x22, 0x3A, 0x20])
    }

    mutating func key(_ name: String) {
        newline()
        out.append(contentsOf: JSON.string(name).utf8)
        out.append(contentsOf: [0x3A, 0x20])
    }

    /// A new line for an array element.
    mutating func element() { newline() }

    private static let null: [UInt8] = Array("null".utf8)

    /// `"name": "text"` (or null), escaped straight into the buffer.
    mutating func field(_ name: StaticString, string value: String?) {
        key(name)
        guard let value else { return out.append(contentsOf: Self.null) }
        if JSON.needsEscape(value) {
            out.append(contentsOf: JSON.string(value).utf8)
        } else {
            out.append(0x22)
            out.append(contentsOf: value.utf8)
            out.append(0x22)
        }
    }

    /// `"name": 68.969` (to the millisecond), or null for none or a value that is not a number.
    mutating func field(_ name: StaticString, seconds value: Double?) {
        key(name)
        guard let value, value.isFinite, abs(value) < 1e12 else { return out.append(contentsOf: Self.null) }
        JSON.appendMillis(value, to: &out)
    }

    mutating func field(_ name: StaticString, int value: Int64?) {
        key(name)
        guard let value else { return out.append(contentsOf: Self.null) }
        if value < 0 { out.append(0x2D) }
        JSON.appendDigits(value.magnitude, to: &out)
    }

    mutating func field(_ name: StaticString, bool value: Bool?) {
        key(name)
        guard let value else { return out.append(contentsOf: Self.null) }
        out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }
}
