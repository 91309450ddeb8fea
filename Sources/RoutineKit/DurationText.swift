/// Reading and writing the durations runners type: `45s`, `5m`, `1m30s`, `1h`.
public enum DurationText {
    /// Whole seconds for `45s`, `5m`, `1m30s`, `1h5m`; nil for anything else
    /// (bare numbers, negative values, fractions, unknown units, repeated units).
    public static func parse(_ text: String) -> Int? {
        let units: [(Character, Int)] = [("h", 3600), ("m", 60), ("s", 1)]
        var total = 0
        var digits = ""
        var nextUnit = 0  // units must appear in order h, m, s and at most once
        var sawUnit = false
        for ch in text {
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
                guard digits.count <= 7 else { return nil }
                continue
            }
            guard !digits.isEmpty, let pos = units.firstIndex(where: { $0.0 == ch }), pos >= nextUnit,
                  let n = Int(digits) else { return nil }
            total += n * units[pos].1
            nextUnit = pos + 1
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return total
    }

    /// `45s`, `5m`, `1m30s`: the form the files use.
    public static func compact(_ seconds: Int) -> String {
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        var out = ""
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 || out.isEmpty { out += "\(s)s" }
        return out
    }

    /// `0:45`, `12:05`, `1:02:03`: the form a clock shows.
    public static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        let h = s / 3600, m = (s % 3600) / 60, r = s % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    // One rounding rule for every time runcore shows. A measured time (a hold, a step done, a total) is
    // rounded to the nearest unit shown: to the tenth of a second where tenths are shown, else to the
    // second. Only the running clock differs: a countdown shows the seconds left rounded up (it reads 1
    // during its last second and never 0 while time is left), a count-up the whole seconds elapsed.

    /// A measured time to the nearest second: 6.5 s reads `0:07`, 6.4 s `0:06`.
    public static func measured(_ nanos: Int64) -> String {
        clock(Int((max(0, nanos) + 500_000_000) / 1_000_000_000))
    }

    /// A measured time to the nearest tenth: 2.995 s reads `0:03.0`, 6.84 s `0:06.8`.
    public static func tenths(_ nanos: Int64) -> String {
        let t = Int((max(0, nanos) + 50_000_000) / 100_000_000)
        return "\(clock(t / 10)).\(t % 10)"
    }

    /// Seconds (as stored) to nanoseconds, safely for any value a file may hold.
    public static func nanos(fromSeconds s: Double) -> Int64 {
        guard s.isFinite, s > 0 else { return 0 }
        return s >= 9e9 ? Int64(9e18) : Int64((s * 1e9).rounded())
    }
}

/// `1 run`, `3 runs`: a count and its noun.
public func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

extension DurationText {
    /// Whole seconds, rounded up: what a countdown shows (45 at the start of a 45 s step, 1 in its last second).
    public static func wholeSecondsUp(_ nanos: Int64) -> Int {
        Int((max(0, nanos) + nanosPerSecond - 1) / nanosPerSecond)
    }
}
