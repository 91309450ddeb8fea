import Foundation
import RoutineKit

/// ISO 8601 times as GPX and TCX write them (`2026-11-02T07:00:00Z`, `2026-11-02T07:00:00.250+01:00`), read
/// straight from the bytes: no formatter per element (a formatter for each of five million `<time>`s took six
/// minutes). A time without a zone is UTC, as GPX requires.
enum ISODate {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is not such a time.
    static func seconds(_ text: ArraySlice<UInt8>) -> Double? {
        var u = text
        while let f = u.first, f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D { u = u.dropFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { u = u.dropLast() }
        var i = u.startIndex
        func digits(_ n: Int) -> Int? {
            guard u.endIndex - i >= n else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let b = u[k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8...) -> Bool {
            guard i < u.endIndex, c.contains(u[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              expect(0x54, 0x74, 0x20), let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Civil.daysIn(month: month, year: year), hour <= 24, minute <= 59, second <= 60 else { return nil }
        var fraction = 0.0
        if i < u.endIndex, u[i] == 0x2E || u[i] == 0x2C {
            i += 1
            var scale = 0.1
            let start = i
            while i < u.endIndex, u[i] >= 0x30 && u[i] <= 0x39 {
                fraction += Double(u[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < u.endIndex {
            if u[i] == 0x5A || u[i] == 0x7A {
                i += 1
            } else if u[i] == 0x2B || u[i] == 0x2D {
                let sign = u[i] == 0x2D ? -1 : 1
                i += 1
                guard let h = digits(2), h <= 23 else { return nil }
                _ = expect(0x3A)
                let m = digits(2) ?? 0
                guard m <= 59 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            } else {
                return nil
            }
        }
        guard i == u.endIndex else { return nil }
        let days = Civil.number(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    static func date(_ text: ArraySlice<UInt8>) -> Date? {
        seconds(text).map { Date(timeIntervalSince1970: $0) }
    }

    static func date(_ text: String) -> Date? { date(ArraySlice(text.utf8)) }
}
