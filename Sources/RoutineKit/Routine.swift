/// Time on a monotonic clock, in nanoseconds. The engine works in whole integers so that
/// adding, pausing and comparing never accumulates rounding error.
public typealias Nanos = Int64

public let nanosPerSecond: Nanos = 1_000_000_000

/// `seconds(45)` as `Nanos`.
@inlinable public func seconds(_ s: Int) -> Nanos { Nanos(s) * nanosPerSecond }

/// A value written in a routine file: either literal or a reference to a parameter (`$plank`).
public enum Value<T: Sendable & Equatable>: Sendable, Equatable {
    case literal(T)
    case param(String)
}

/// What a routine counts as for the coach (`role:` in its file): a warm-up before a run, core work for a day
/// off running, or a timed plank hold. The rules read roles, never routine ids, so a runner's own routine
/// with `role: core` makes a core day like the built-in ones.
public enum Role: String, Sendable, Equatable, CaseIterable {
    case warmup, core, hold
}

/// A routine as written by its author, before parameters are applied.
public struct Routine: Sendable, Equatable {
    public var id: String
    public var title: String
    /// What it counts as (`role:`); nil for a routine that is none of them.
    public var role: Role?
    public var summary: String
    /// Safety notes shown before the session and in help (`safety:` in the file).
    public var safety: [String]
    public var params: [Param]
    public var steps: [Step]
    /// What to have at hand (`bring:`): a mat, a foam roller.
    public var bring: [String]

    public init(id: String, title: String, role: Role? = nil, summary: String = "", safety: [String] = [],
                params: [Param] = [], steps: [Step], bring: [String] = []) {
        self.id = id
        self.role = role
        self.title = title
        self.summary = summary
        self.safety = safety
        self.params = params
        self.steps = steps
        self.bring = bring
    }

    public func param(named name: String) -> Param? { params.first { $0.name == name } }

    /// The dose that follows the plank progression (`progress: true` on a duration parameter), if any.
    public var progressingParam: Param? {
        params.first { p in
            if p.progresses, case .duration = p.kind { return true }
            return false
        }
    }
}

/// A dose the runner may change with `--set NAME=VALUE`.
public struct Param: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Whole seconds.
        case duration(default: Int, min: Int?, max: Int?)
        case count(default: Int, min: Int?, max: Int?)
        case list(default: [String], choices: [String])
    }
    public var name: String
    public var kind: Kind
    public var help: String
    /// The dose follows the plank progression (`progress: true`): it starts low and grows after sessions in
    /// which every step it times was held in full.
    public var progresses: Bool

    public init(name: String, kind: Kind, help: String = "", progresses: Bool = false) {
        self.name = name
        self.kind = kind
        self.help = help
        self.progresses = progresses
    }

    public var defaultValue: ParamValue {
        switch kind {
        case .duration(let d, _, _): return .seconds(d)
        case .count(let d, _, _): return .count(d)
        case .list(let d, _): return .list(d)
        }
    }

    /// A short human description of what values are allowed, for help and errors.
    public var rangeDescription: String {
        switch kind {
        case .duration(_, let lo, let hi):
            return rangeText(lo.map(DurationText.compact), hi.map(DurationText.compact))
        case .count(_, let lo, let hi):
            return rangeText(lo.map(String.init), hi.map(String.init))
        case .list(_, let choices):
            return choices.isEmpty ? "any names, comma-separated" : "some of: " + choices.joined(separator: ", ")
        }
    }

    private func rangeText(_ lo: String?, _ hi: String?) -> String {
        switch (lo, hi) {
        case let (l?, h?): return "\(l) to \(h)"
        case let (l?, nil): return "at least \(l)"
        case let (nil, h?): return "at most \(h)"
        default: return "any"
        }
    }
}

public enum ParamValue: Sendable, Equatable, CustomStringConvertible {
    case seconds(Int)
    case count(Int)
    case list([String])

    public var description: String {
        switch self {
        case .seconds(let s): return DurationText.compact(s)
        case .count(let n): return String(n)
        case .list(let l): return l.joined(separator: ",")
        }
    }
}

/// One entry of a routine's `steps:` list.
public indirect enum Step: Sendable, Equatable {
    case getReady(Value<Int>)
    case rest(Value<Int>)
    case exercise(Exercise)
    case group(Group)
}

public struct Exercise: Sendable, Equatable {
    public enum Work: Sendable, Equatable {
        /// Counts down for this many seconds.
        case time(Value<Int>)
        /// Counts up until the runner says done.
        case reps(Value<Int>)
        /// Counts up until the runner says done; the time is recorded as a hold.
        case hold(target: Value<Int>?)
    }
    public var name: String
    public var cue: String
    public var work: Work
    public var sets: Value<Int>
    /// Rest between sets (none after the last).
    public var rest: Value<Int>?
    public var sides: [String]
    /// Pause between sides.
    public var switchTime: Value<Int>?
    /// One block per item (e.g. muscle groups to roll).
    public var each: Value<[String]>?
    /// `each` items done once, without sides (the upper back has no left and right).
    public var oneSided: [String]
    /// A pause before each `each` item after the first, to get into place (move the roller).
    public var move: Value<Int>?
    /// What the runner does in that pause (`move-cue:`).
    public var moveCue: String
    /// For hold steps: a countdown to get into position before the clock counts up (`get-ready:`);
    /// nil means the default, 0 none.
    public var position: Value<Int>?
    /// The figure's name (`figure:`), with `{side}` and `{item}` filled in per block.
    public var figure: String?
    /// What the voice says when the step starts (`say:`); else its name and the cue's first sentence.
    public var say: String?

    public init(name: String, cue: String = "", work: Work, sets: Value<Int> = .literal(1),
                rest: Value<Int>? = nil, sides: [String] = [], switchTime: Value<Int>? = nil,
                each: Value<[String]>? = nil, oneSided: [String] = [], move: Value<Int>? = nil,
                moveCue: String = "", position: Value<Int>? = nil, figure: String? = nil, say: String? = nil) {
        self.figure = figure
        self.say = say
        self.name = name
        self.cue = cue
        self.work = work
        self.sets = sets
        self.rest = rest
        self.sides = sides
        self.switchTime = switchTime
        self.each = each
        self.oneSided = oneSided
        self.move = move
        self.moveCue = moveCue
        self.position = position
    }
}

public struct Group: Sendable, Equatable {
    public var name: String
    public var sets: Value<Int>
    public var rest: Value<Int>?
    public var steps: [Step]

    public init(name: String, sets: Value<Int> = .literal(1), rest: Value<Int>? = nil, steps: [Step]) {
        self.name = name
        self.sets = sets
        self.rest = rest
        self.steps = steps
    }
}
