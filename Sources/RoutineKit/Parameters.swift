/// A problem with a `--set NAME=VALUE` given on the command line (a usage error, not a file error).
public struct ParamError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The values of a routine's parameters for one session: defaults, overridden by the runner.
public struct ParamValues: Sendable, Equatable {
    public private(set) var values: [String: ParamValue]
    /// Why a value is what it is, e.g. "up 5 s after Tuesday's session" (set by history).
    public var reasons: [String: String] = [:]

    public init(_ values: [String: ParamValue] = [:]) { self.values = values }

    public subscript(name: String) -> ParamValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// A number written in a routine (seconds or a count), literal or from these values; 0 for none.
    public func number(_ v: Value<Int>?) -> Int {
        switch v {
        case .literal(let n)?: return n
        case .param(let name)?:
            switch values[name] {
            case .seconds(let n)?, .count(let n)?: return n
            default: return 0
            }
        case nil: return 0
        }
    }

    /// Defaults of `routine`, with `overrides` (raw text as typed: `50s`, `2`, `calves,glutes`) applied.
    public static func resolve(_ routine: Routine, overrides: [(String, String)]) throws -> ParamValues {
        var out = ParamValues()
        for p in routine.params { out.values[p.name] = p.defaultValue }
        for (name, text) in overrides {
            guard let p = routine.param(named: name) else {
                let known = routine.params.map(\.name)
                let hint = known.isEmpty ? "it has none" : "it has: " + known.joined(separator: ", ")
                throw ParamError("routine '\(routine.id)' has no parameter '\(name)' (\(hint))")
            }
            out.values[name] = try p.parse(text)
        }
        return out
    }
}

extension Param {
    /// Parses a value typed by the runner and checks it against the parameter's bounds.
    public func parse(_ raw: String) throws -> ParamValue {
        let text = raw.trimmingWhitespace
        switch kind {
        case .duration(_, let lo, let hi):
            guard let s = DurationText.parse(text), s > 0 || lo == 0 else {
                throw ParamError("\(name)=\(raw): a duration must be like 30s, 5m or 1m30s")
            }
            if let lo, s < lo { throw ParamError("\(name)=\(raw) is too short: allowed \(rangeDescription)") }
            if let hi, s > hi { throw ParamError("\(name)=\(raw) is too long: allowed \(rangeDescription)") }
            return .seconds(s)
        case .count(_, let lo, let hi):
            guard let n = Int(text), n > 0 else {
                throw ParamError("\(name)=\(raw): must be a whole number above zero")
            }
            if let lo, n < lo { throw ParamError("\(name)=\(raw) is too few: allowed \(rangeDescription)") }
            if let hi, n > hi { throw ParamError("\(name)=\(raw) is too many: allowed \(rangeDescription)") }
            return .count(n)
        case .list(_, let choices):
            let items = text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            if !choices.isEmpty {
                for item in items where !choices.contains(item) {
                    throw ParamError("\(name)=\(raw): '\(item)' is not one of: \(choices.joined(separator: ", "))")
                }
            }
            return .list(items)
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
