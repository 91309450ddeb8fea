import Foundation

extension Date {
    /// The date as the history stores dates: text, in UTC, to the nearest millisecond, the form GRDB
    /// writes and reads ("2026-11-30 13:41:12.081"). Written here rather than by GRDB, whose `Date` arguments go
    /// through a Foundation `DateFormatter`: its first use sets ICU up, two million instructions and more than a
    /// megabyte of ICU's code and tables in memory at the first commit of every session. (Reading stays GRDB's.)
    var storedText: String {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        var seconds = time_t((milliseconds / 1000).rounded(.down))
        let millisecond = Int(milliseconds - Double(seconds) * 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        return "\(padded(Int(t.tm_year) + 1900, 4))-\(padded(Int(t.tm_mon) + 1, 2))-\(padded(Int(t.tm_mday), 2)) "
            + "\(padded(Int(t.tm_hour), 2)):\(padded(Int(t.tm_min), 2)):\(padded(Int(t.tm_sec), 2)).\(padded(millisecond, 3))"
    }
}

/// `n` with leading zeros to `width` digits.
private func padded(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
