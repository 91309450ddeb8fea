import Foundation
import RoutineKit

/// Days as the runner's calendar names them, `yyyy-MM-dd`, and the arithmetic on them. Only turning an
/// instant into its day (and back) needs the time zone; counting days, weekdays and weeks is done on the
/// day numbers themselves, so a day on which the clocks change (even at midnight) is a day like any other.
public enum CalendarDay {
    /// The day of `date` in `calendar`'s time zone.
    public static func string(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return string(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0)
    }

    static func string(year: Int, month: Int, day: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
    }

    /// The first instant of `day` in `calendar`'s time zone; nil for text that is not a day.
    public static func date(_ day: String, _ calendar: Calendar) -> Date? {
        guard let (y, m, d) = parts(day) else { return nil }
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    /// Year, month and day of a well-formed `yyyy-MM-dd` (a real date: no 31 November).
    public static func parts(_ day: String) -> (Int, Int, Int)? {
        let p = day.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...9999).contains(y), (1...12).contains(m), (1...Civil.daysIn(month: m, year: y)).contains(d) else { return nil }
        return (y, m, d)
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    public static func number(_ day: String) -> Int? {
        guard let (y, m, d) = parts(day) else { return nil }
        return Civil.number(year: y, month: m, day: d)
    }

    /// The day with this number.
    public static func string(number n: Int) -> String {
        let (y, m, d) = Civil.day(number: n)
        return string(year: y, month: m, day: d)
    }

    /// `day` moved by `n` days (a day that is not one stays as it is).
    public static func adding(_ n: Int, to day: String) -> String {
        number(day).map { string(number: $0 + n) } ?? day
    }

    /// The day `n` days after the day of `date`, as an instant at its start.
    public static func adding(_ n: Int, to date: Date, _ calendar: Calendar) -> Date {
        self.date(adding(n, to: string(date, calendar)), calendar) ?? date
    }

    /// 1 Monday … 7 Sunday.
    public static func weekday(_ day: String) -> Int? {
        number(day).map { n in ((n + 3) % 7 + 7) % 7 + 1 }   // 1970-01-01 was a Thursday
    }

    /// The Monday of the week holding `day`.
    public static func monday(of day: String) -> String {
        guard let w = weekday(day) else { return day }
        return adding(1 - w, to: day)
    }

    /// Whole days from one day to another (negative when `to` comes first).
    public static func between(_ from: String, _ to: String) -> Int? {
        guard let a = number(from), let b = number(to) else { return nil }
        return b - a
    }
}
