import Foundation
import RoutineKit

/// The one set of limits for a run: what `log run`, `import` and the menu accept, and exactly what every reader
/// of the history reads. A row outside them was not written by this runcore; readers name it and leave it out.
public enum RunBounds {
    /// The shortest distance kept: a metre.
    public static let shortestMeters = 1.0
    /// The longest: 1,000 km.
    public static let longestMeters = 1_000_000.0
    /// The shortest time: a second.
    public static let shortestSeconds = 1.0
    /// The longest: a week (168 hours).
    public static let longestSeconds = 7 * 86_400.0
    /// The fastest pace: 1:30 a kilometre, faster than any runner over any distance (the 100 m record is
    /// 9.58 s, 1:36 a kilometre).
    public static let fastestSecondsPerKm = 90.0
    /// The slowest: an hour a kilometre (1 km/h, the speed below which gpxpy counts a track as stopped).
    public static let slowestSecondsPerKm = 3600.0
    /// The earliest day: 1 January 1989 (FIT's clock starts on the last day of 1989; no watch file is older).
    public static let earliestDay = "1989-01-01"

    /// Which limit a run is outside of.
    public enum Limit: String, Sendable, CaseIterable {
        case distance, time, pace, notADay = "not a day", before1989 = "before 1989", future = "in the future"
    }

    /// A run outside the limits: which one, and why in the runner's words.
    public struct Problem: Sendable, Equatable {
        public var limit: Limit
        public var text: String
    }

    /// What is wrong with a run of `meters` in `seconds` (moving time) on `day`; nil when it is within every
    /// limit. `today` (the runner's day) refuses days after it; readers pass nil.
    public static func problem(meters: Double, seconds: Double?, day: String, today: String? = nil, units: Units = .km) -> Problem? {
        guard meters.isFinite, meters >= shortestMeters else {
            return Problem(limit: .distance, text: "a distance of \(meterText(meters)) is less than 1 m")
        }
        guard meters <= longestMeters else {
            return Problem(limit: .distance, text: "a distance of \(units.format(meters)) is more than \(units == .km ? "1,000 km" : "621 mi"), the longest run runcore keeps")
        }
        if let seconds {
            guard seconds.isFinite, seconds >= shortestSeconds else {
                return Problem(limit: .time, text: "a time of \(timeText(seconds)) is less than a second")
            }
            guard seconds <= longestSeconds else {
                return Problem(limit: .time, text: "a time of \(timeText(seconds)) is longer than a week (168:00:00), the longest run runcore keeps")
            }
            let perKm = seconds / (meters / 1000)
            if perKm < fastestSecondsPerKm {
                return Problem(limit: .pace, text: "\(units.format(meters)) in \(timeText(seconds)) is \(paceText(perKm, units)): faster than \(paceText(fastestSecondsPerKm, units)), beyond any runner")
            }
            if perKm > slowestSecondsPerKm {
                return Problem(limit: .pace, text: "\(units.format(meters)) in \(timeText(seconds)) is \(paceText(perKm, units)): slower than \(paceText(slowestSecondsPerKm, units)) (1 km/h), which is standing still")
            }
        }
        guard CalendarDay.number(day) != nil else { return Problem(limit: .notADay, text: "'\(Escape.shown(day))' is not a day") }
        if day < earliestDay { return Problem(limit: .before1989, text: "\(day) is before 1989") }
        if let today, day > today { return Problem(limit: .future, text: "\(day) is in the future") }
        return nil
    }

    /// A run as typed (by `log run` and the menu's question): the distance in `units` unless it names its own,
    /// the time in any of `parseTime`'s forms (empty: none), checked against every limit. The problem is one
    /// line for the runner.
    public static func entry(distance: String, time: String?, day: String, today: String, units: Units)
        -> Result<(meters: Double, seconds: Double?), EntryProblem> {
        guard let meters = units.parse(distance) else {
            return .failure(EntryProblem("a run's distance is like 8.2km, 5mi or 8.2 (in \(units.rawValue)); got '\(Escape.shown(distance))'"))
        }
        var seconds: Double?
        if let time, !time.isEmpty {
            guard let s = parseTime(time) else { return .failure(EntryProblem("a run's time is \(timeForms); got '\(Escape.shown(time))'")) }
            seconds = s
        }
        if let problem = problem(meters: meters, seconds: seconds, day: day, today: today, units: units) {
            return .failure(EntryProblem("not logged: \(problem.text)"))
        }
        return .success((meters, seconds))
    }

    public struct EntryProblem: Error, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// A run's time as typed: `45m`, `1h5m`, `30s`, or as a clock: `25:30` (minutes and seconds), `1:05:00`
    /// (hours, minutes, seconds). Nil for anything else (a bare number could be minutes or seconds).
    public static func parseTime(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let s = DurationText.parse(t) { return Double(s) }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 7 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let n = parts.compactMap { Int($0) }
        guard n.count == parts.count else { return nil }
        // The first figure may be any size (90:00 is ninety minutes); the others are under 60, written with two digits.
        guard parts.dropFirst().allSatisfy({ $0.count == 2 }), n.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        return Double(n.count == 2 ? n[0] * 60 + n[1] : n[0] * 3600 + n[1] * 60 + n[2])
    }

    public static let timeForms = "like 45m, 1h5m, 25:30 or 1:05:00"

    /// `1:05:00`, `25:30`: a time as a clock shows it.
    public static func timeText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        return DurationText.clock(Int(min(seconds, 1e9).rounded()))
    }

    /// `5:29 per km` (or per mi).
    public static func paceText(_ secondsPerKm: Double, _ units: Units) -> String {
        let perUnit = secondsPerKm * units.meters / 1000
        return "\(timeText(perUnit)) per \(units.rawValue)"
    }

    static func meterText(_ meters: Double) -> String {
        meters.isFinite ? String(format: "%g m", meters) : "\(meters)"
    }
}

/// Text from the runner or a file, shown in a table or a message: line breaks, tabs and every other control
/// character written as escapes (`\n`, `\r`, `\t`, `\x1B`), so a name can never start a line of its own or
/// steer the terminal. JSON and CSV keep the exact text instead.
public enum Escape {
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(u) { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// C0, DEL and C1.
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
    }
}
