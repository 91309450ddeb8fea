/// One thing the runner does for a stretch of time: a get-ready countdown, one side of one set of an
/// exercise, a rest, a pause to switch sides, a rep or hold step that counts up.
public struct Block: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case getReady
        case work
        case rest
        case switchSides
        /// Counts up; the runner presses Enter after this many reps.
        case reps(Int)
        /// Counts up; the runner presses Enter when the hold ends. The time is recorded.
        case hold(target: Nanos?)
        /// A short pause to get into place for the next item (move the foam roller).
        case move

        public var countsUp: Bool {
            switch self {
            case .reps, .hold: return true
            default: return false
            }
        }
        public var isExercise: Bool { step.isExercise }
        /// The kind without its numbers: what history stores.
        public var step: StepKind {
            switch self {
            case .getReady: return .getReady
            case .work: return .work
            case .rest: return .rest
            case .switchSides: return .switchSides
            case .reps: return .reps
            case .hold: return .hold
            case .move: return .move
            }
        }
        /// A stable word for the kind, used in plain output, history and hooks.
        public var word: String { step.rawValue }
    }

    public struct SetPosition: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public init(_ index: Int, of count: Int) { self.index = index; self.count = count }
    }

    public var name: String
    public var kind: Kind
    public var cue: String
    public var set: SetPosition?
    public var side: String?
    /// The `each` item, e.g. the muscle group being rolled.
    public var item: String?
    /// How long it counts down; nil for steps that count up until done.
    public var duration: Nanos?
    /// The time this block is planned to take, used for totals and start times:
    /// its duration, or for count-up steps the target (holds) or 3 s a rep.
    public var estimate: Nanos
    /// When the block starts if everything runs to plan, from the start of the session.
    public var plannedStart: Nanos
    /// The figure drawn beside the clock (resolved name), if any.
    public var figure: String?
    /// The words the voice says as the block starts, from the routine's `say:`.
    public var say: String?
    /// The parameter that sets this block's time or target (`time: $plank` gives "plank"), if one does.
    public var dose: String?

    public init(name: String, kind: Kind, cue: String = "", set: SetPosition? = nil, side: String? = nil,
                item: String? = nil, duration: Nanos?, estimate: Nanos, plannedStart: Nanos = 0,
                figure: String? = nil, say: String? = nil, dose: String? = nil) {
        self.dose = dose
        self.figure = figure
        self.say = say
        self.name = name
        self.kind = kind
        self.cue = cue
        self.set = set
        self.side = side
        self.item = item
        self.duration = duration
        self.estimate = estimate
        self.plannedStart = plannedStart
    }

    /// "Plank", "Foam rolling: calves", "Side plank (left)": the name with its item and side.
    public var title: String {
        if kind == .move {
            return "Move to \(item ?? "the next one")" + (side.map { ", \($0) side" } ?? "")
        }
        var t = name
        if let item { t += ": " + item }
        if let side, kind != .switchSides { t += " (" + side + ")" }
        return t
    }

    /// "Side plank (left), set 2/3": what plain mode prints and `Next:` shows.
    public var label: String {
        var t = title
        if let set { t += ", set \(set.index)/\(set.count)" }
        return t
    }
}

/// A block's kind as stored and read back: the kind without its numbers.
public enum StepKind: String, Sendable, Equatable, CaseIterable {
    case getReady = "get-ready", work, rest, switchSides = "switch", reps, hold, move

    /// Work, reps and holds: what counts as exercise (not get-ready, rests, switches or moves).
    public var isExercise: Bool { self == .work || self == .reps || self == .hold }
}

/// Seconds planned for each rep of a rep step, for totals and start times.
public let plannedSecondsPerRep = 3
/// Planned length of a hold that has no target.
public let plannedHoldWithoutTarget = 30
/// The countdown before a hold when its step does not set `get-ready:`.
public let defaultHoldPosition = 5
/// The name of that countdown.
public let positionBlockName = "Get into position"

/// The routine flattened into the exact sequence of blocks, with planned starts and the total.
public struct Timeline: Sendable, Equatable {
    public var routineID: String
    public var title: String
    /// The routine's role (`role:`), which its sessions are counted under.
    public var role: Role?
    public var blocks: [Block]
    public var params: ParamValues

    public var total: Nanos { blocks.reduce(0) { $0 + $1.estimate } }
    /// The planned time of the exercise blocks alone (no get-ready, rests, switches or moves).
    public var exerciseTotal: Nanos { blocks.filter { $0.kind.isExercise }.reduce(0) { $0 + $1.estimate } }

    public init(routineID: String, title: String, role: Role? = nil, blocks: [Block], params: ParamValues = ParamValues()) {
        self.routineID = routineID
        self.title = title
        self.role = role
        self.blocks = blocks
        self.params = params
        var start: Nanos = 0
        for i in self.blocks.indices {
            self.blocks[i].plannedStart = start
            start += self.blocks[i].estimate
        }
    }

    /// Flattens `routine` with the given parameter values (defaults where a value is missing).
    public init(_ routine: Routine, params given: ParamValues? = nil) throws {
        var params = given ?? ParamValues()
        for p in routine.params where params[p.name] == nil { params[p.name] = p.defaultValue }
        var flattener = Flattener(params: params)
        for step in routine.steps { try flattener.add(step, groupSet: nil) }
        self.init(routineID: routine.id, title: routine.title, role: routine.role, blocks: flattener.blocks, params: params)
    }
}

/// A parameter used where its kind does not fit (found when flattening; files are checked earlier).
public struct TimelineError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

/// At most this many blocks in one session, so a file of nested sets cannot expand without end.
public let maxBlocks = 5_000

private struct Flattener {
    let params: ParamValues
    var blocks: [Block] = []
    /// Loop turns taken, bounded even when turns add no blocks (empty `each` lists).
    var turns = 0

    mutating func turn() throws {
        turns += 1
        if turns > 20 * maxBlocks || blocks.count > maxBlocks {
            throw TimelineError(description: "the routine expands to more than \(maxBlocks) blocks; use fewer sets")
        }
    }

    func durationValue(_ v: Value<Int>) throws -> Int {
        switch v {
        case .literal(let s): return s
        case .param(let name):
            switch params[name] {
            case .seconds(let s)?: return s
            case .count(let n)?: return n
            default: throw TimelineError(description: "parameter $\(name) is not a duration")
            }
        }
    }

    func countValue(_ v: Value<Int>) throws -> Int {
        switch v {
        case .literal(let n): return n
        case .param(let name):
            guard case .count(let n)? = params[name] else {
                throw TimelineError(description: "parameter $\(name) is not a count")
            }
            return n
        }
    }

    func listValue(_ v: Value<[String]>) throws -> [String] {
        switch v {
        case .literal(let l): return l
        case .param(let name):
            guard case .list(let l)? = params[name] else {
                throw TimelineError(description: "parameter $\(name) is not a list")
            }
            return l
        }
    }

    mutating func timed(_ name: String, _ kind: Block.Kind, _ secs: Int, cue: String = "",
                        set: Block.SetPosition? = nil, side: String? = nil, item: String? = nil,
                        figure: String? = nil, say: String? = nil, dose: String? = nil) {
        guard secs > 0 else { return }
        blocks.append(Block(name: name, kind: kind, cue: cue, set: set, side: side, item: item,
                            duration: RoutineKit.seconds(secs), estimate: RoutineKit.seconds(secs),
                            figure: figure ?? (kind == .rest ? Self.restFigure : nil), say: say, dose: dose))
    }

    /// The parameter a value names, if it names one.
    static func dose<T>(_ v: Value<T>?) -> String? {
        if case .param(let name)? = v { return name }
        return nil
    }

    /// Rests show someone breathing easy, whatever the routine.
    static let restFigure = "rest"


    mutating func add(_ step: Step, groupSet: Block.SetPosition?) throws {
        try turn()
        switch step {
        case .getReady(let v):
            timed("Get ready", .getReady, try durationValue(v))
        case .rest(let v):
            timed("Rest", .rest, try durationValue(v))
        case .group(let g):
            let n = try countValue(g.sets)
            for s in 1...max(1, n) {
                for inner in g.steps {
                    try add(inner, groupSet: n > 1 ? Block.SetPosition(s, of: n) : groupSet)
                }
                if s < n, let r = g.rest { timed("Rest", .rest, try durationValue(r)) }
            }
        case .exercise(let e):
            let n = try countValue(e.sets)
            let items: [String?] = try e.each.map { try listValue($0).map(Optional.some) } ?? [nil]
            let sides: [String?] = e.sides.isEmpty ? [nil] : e.sides.map(Optional.some)
            let switchSecs = try e.switchTime.map(durationValue) ?? 0
            let moveSecs = try e.move.map(durationValue) ?? 0
            for s in 1...max(1, n) {
                let set = n > 1 ? Block.SetPosition(s, of: n) : groupSet
                for (k, item) in items.enumerated() {
                    let itemSides = item.map { e.oneSided.contains($0) } == true ? [nil] : sides
                    if k > 0 {
                        timed("Move", .move, moveSecs, cue: e.moveCue, set: set, side: itemSides[0], item: item,
                              figure: e.figure.map { Figure.resolve($0, side: itemSides[0], item: item) })
                    }
                    for (i, side) in itemSides.enumerated() {
                        try turn()
                        try work(e, set: set, side: side, item: item)
                        if i + 1 < itemSides.count {
                            timed("Switch sides", .switchSides, switchSecs, cue: e.cue, side: itemSides[i + 1],
                                  figure: e.figure.map { Figure.resolve($0, side: itemSides[i + 1], item: item) })
                        }
                    }
                }
                if s < n, let r = e.rest { timed("Rest", .rest, try durationValue(r)) }
            }
        }
    }

    mutating func work(_ e: Exercise, set: Block.SetPosition?, side: String?, item: String?) throws {
        let figure = e.figure.map { Figure.resolve($0, side: side, item: item) }
        switch e.work {
        case .time(let v):
            timed(e.name, .work, try durationValue(v), cue: e.cue, set: set, side: side, item: item, figure: figure, say: e.say,
                  dose: Self.dose(v))
        case .reps(let v):
            let reps = try countValue(v)
            blocks.append(Block(name: e.name, kind: .reps(reps), cue: e.cue, set: set, side: side, item: item,
                                duration: nil, estimate: RoutineKit.seconds(reps * plannedSecondsPerRep),
                                figure: figure, say: e.say))
        case .hold(let target):
            let t = try target.map(durationValue)
            let position = try e.position.map(durationValue) ?? defaultHoldPosition
            timed(positionBlockName, .getReady, position, cue: e.cue, set: set, side: side, item: item, figure: figure)
            blocks.append(Block(name: e.name, kind: .hold(target: t.map(RoutineKit.seconds)), cue: e.cue,
                                set: set, side: side, item: item, duration: nil,
                                estimate: RoutineKit.seconds(t ?? plannedHoldWithoutTarget), figure: figure, say: e.say,
                                dose: Self.dose(target)))
        }
    }
}
