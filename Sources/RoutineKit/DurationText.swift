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
}
