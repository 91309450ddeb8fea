/// What the runner asked for. The front ends map keys to these.
public enum Command: Sendable, Equatable {
    case togglePause
    case next
    case back
    /// +10 s on a countdown.
    case addTime
    /// −10 s on a countdown; if less than that is left the block ends now.
    case subtractTime
    /// Ends a rep or hold step (Enter), or a get-ready countdown (start now). Ignored on other countdowns.
    case done
    /// A rep or hold step ran past its planned time and nobody can press Enter (input closed): it ends,
    /// recorded as not done.
    case lapse
    case quit
    /// Stop at once because of pain: the session ends with the pain outcome.
    case painStop
}

/// Something that happened, with the monotonic time it happened at.
public enum Event: Sendable, Equatable {
    case start(Nanos)
    case tick(Nanos)
    case key(Command, Nanos)
    /// A signal ended the session (Ctrl-C, SIGTERM, SIGHUP).
    case interrupted(Nanos)
    /// The terminal was suspended (Ctrl-Z): pause if running.
    case suspended(Nanos)
}

public enum Cue: Sendable, Equatable {
    case blockStart
    /// Seconds left: 3, 2, 1.
    case countdown(Int)
    case halfway
    case switchSides
    /// A hold reached its target.
    case targetReached
    case finish
}

public enum Outcome: String, Sendable, Equatable, CaseIterable {
    case finished, stopped, pain, interrupted

    /// The process exit status for this outcome (DESIGN.md): signals set their own.
    public var exitStatus: Int32 {
        switch self {
        case .finished: return 0
        case .stopped, .pain: return 1
        case .interrupted: return 1
        }
    }
}

/// How the runner left a block.
public enum Ending: String, Sendable, Equatable {
    /// Ran to its end, or the runner said done.
    case completed
    /// Skipped with next.
    case skipped
    /// Left part-way: the session stopped, or the runner went back.
    case cutShort
    /// A rep or hold step that ended by itself because nobody could press Enter.
    case lapsed

    /// The words the summary and the plain log use for a block that was not completed.
    public var words: String {
        switch self {
        case .completed: return "done"
        case .skipped: return "skipped"
        case .cutShort: return "cut short"
        case .lapsed: return "not done (no one pressed Enter)"
        }
    }
}

/// What was done in one block: planned against actual. A block visited more than once (the runner went
/// back) has one record, with the active time of every visit added up.
public struct BlockRecord: Sendable, Equatable {
    public var index: Int
    public var block: Block
    /// Active time in the block, pauses excluded, over all visits.
    public var actual: Nanos
    public var ending: Ending
    /// True when the block ran to its end or the runner said done (on any visit).
    public var completed: Bool { ending == .completed }

    public init(index: Int, block: Block, actual: Nanos, ending: Ending) {
        self.index = index
        self.block = block
        self.actual = actual
        self.ending = ending
    }

    public init(index: Int, block: Block, actual: Nanos, completed: Bool) {
        self.init(index: index, block: block, actual: actual, ending: completed ? .completed : .cutShort)
    }
}

/// What the run loop must do. Effects are data: the engine performs no I/O.
public enum Effect: Sendable, Equatable {
    case started(Int)
    case paused
    case resumed
    case skipped(Int)
    /// A rep or hold step ended by itself (`Command.lapse`).
    case lapsed(Int)
    case cue(Cue)
    case save(BlockRecord)
    case finish(Outcome)
}

public enum Status: Sendable, Equatable {
    case ready
    case running
    case paused
    case finished(Outcome)

    public var isFinished: Bool {
        if case .finished = self { return true }
        return false
    }
}

/// The routine engine: a value that reduces events to effects.
///
/// It never reads a clock. Every time-dependent answer is computed from when the current block started,
/// its duration, the time spent paused in it and the runner's ±10 s adjustments:
/// `deadline = blockStart + duration + pausedTotal + adjustment`. Because nothing is accumulated tick by
/// tick, late or jittery ticks cannot make the session drift; a block that ends late by a few
/// milliseconds still hands over to the next block at its exact deadline.
public struct Session: Sendable, Equatable {
    public let timeline: Timeline
    public private(set) var status: Status = .ready
    public private(set) var index = 0
    public private(set) var blockStart: Nanos = 0
    public private(set) var pausedTotal: Nanos = 0
    public private(set) var adjustment: Nanos = 0
    public private(set) var pausedAt: Nanos?
    public private(set) var startedAt: Nanos?
    public private(set) var endedAt: Nanos?
    /// One record per block reached, in block order.
    public private(set) var records: [BlockRecord] = []
    /// For countdowns the time left, for count-ups the time elapsed, when cues were last checked:
    /// a cue fires when its threshold lies between this and the present value.
    private var cueMark: Nanos = 0

    public static let adjustStep: Nanos = seconds(10)
    /// Work blocks at least this long get a halfway cue.
    public static let halfwayMinimum: Nanos = seconds(20)

    public init(timeline: Timeline) { self.timeline = timeline }

    // MARK: Queries

    public var current: Block? {
        status.isFinished || !timeline.blocks.indices.contains(index) ? nil : timeline.blocks[index]
    }

    public var upcoming: Block? {
        let i = index + 1
        return !status.isFinished && timeline.blocks.indices.contains(i) ? timeline.blocks[i] : nil
    }

    /// The instant the current countdown ends, nil for count-up blocks.
    public var deadline: Nanos? {
        guard let d = current?.duration else { return nil }
        return blockStart + d + pausedTotal + adjustment
    }

    private func frozen(_ now: Nanos) -> Nanos { pausedAt ?? now }

    /// Active time spent in the current block.
    public func elapsed(at now: Nanos) -> Nanos {
        guard current != nil else { return 0 }
        return max(0, frozen(now) - blockStart - pausedTotal)
    }

    /// Time left in the current countdown, nil for count-up blocks.
    public func remaining(at now: Nanos) -> Nanos? {
        deadline.map { max(0, $0 - frozen(now)) }
    }

    /// The whole seconds a clock shows: time left rounded up for countdowns (a 45 s step shows 45 at its
    /// start and 1 in its last second), time elapsed rounded down for count-ups.
    public func displaySeconds(at now: Nanos) -> Int {
        if let r = remaining(at: now) { return DurationText.wholeSecondsUp(r) }
        return Int(elapsed(at: now) / nanosPerSecond)
    }

    /// Time left in the whole routine if the rest goes to plan.
    public func timeLeftOverall(at now: Nanos) -> Nanos {
        guard let block = current else { return 0 }
        let here = remaining(at: now) ?? max(0, block.estimate - elapsed(at: now))
        return here + timeline.blocks[(index + 1)...].reduce(0) { $0 + $1.estimate }
    }

    /// Share of the routine done, 0...1.
    public func progress(at now: Nanos) -> Double {
        let total = timeline.total
        guard total > 0 else { return 1 }
        if status.isFinished { return 1 }
        return min(1, max(0, Double(total - timeLeftOverall(at: now)) / Double(total)))
    }

    /// The next instant at which anything seen or heard changes: the displayed second, a cue, the end of
    /// the block. Nil while paused, before the start and after the end: nothing changes until a key.
    public func nextWake(after now: Nanos) -> Nanos? {
        guard status == .running, let block = current else { return nil }
        if let deadline {
            let left = deadline - now
            if left <= 0 { return now }
            let toSecond = left % nanosPerSecond
            var wake = min(deadline, now + (toSecond == 0 ? nanosPerSecond : toSecond))
            if let h = halfwayThreshold, left > h { wake = min(wake, deadline - h) }
            return wake
        }
        let e = elapsed(at: now)
        var wake = now + (nanosPerSecond - e % nanosPerSecond)
        if case .hold(let target?) = block.kind, e < target { wake = min(wake, now + target - e) }
        return wake
    }

    /// Time left at which the halfway cue sounds, for work countdowns long enough to have one.
    private var halfwayThreshold: Nanos? {
        guard let block = current, block.kind == .work, let d = block.duration else { return nil }
        let effective = d + adjustment
        return effective >= Self.halfwayMinimum ? effective / 2 : nil
    }

    /// Exercise time so far: active time in work, rep and hold blocks (pauses, rests, get-ready, switches
    /// and moves not counted).
    /// A step that lapsed (nobody pressed Enter) was not done, so its time is not in it either.
    public var activeTotal: Nanos {
        records.filter { $0.block.kind.isExercise && $0.ending != .lapsed }.reduce(0) { $0 + $1.actual }
    }

    // MARK: Reducer

    public mutating func handle(_ event: Event) -> [Effect] {
        var fx: [Effect] = []
        switch event {
        case .start(let now):
            guard status == .ready else { return [] }
            startedAt = now
            status = .running
            if timeline.blocks.isEmpty {
                finish(.finished, at: now, &fx)
            } else {
                begin(0, at: now, &fx)
            }
        case .tick(let now):
            guard status == .running else { return [] }
            advance(to: now, &fx)
        case .interrupted(let now):
            guard !status.isFinished, status != .ready else { return [] }
            stop(.interrupted, at: now, &fx)
        case .suspended(let now):
            guard status == .running else { return [] }
            advance(to: now, &fx)
            if status == .running { pause(at: now, &fx) }
        case .key(let command, let now):
            guard status == .running || status == .paused else { return [] }
            if status == .running { advance(to: now, &fx) }
            guard !status.isFinished else { return fx }
            apply(command, at: now, &fx)
        }
        return fx
    }

    private mutating func apply(_ command: Command, at now: Nanos, _ fx: inout [Effect]) {
        switch command {
        case .togglePause:
            if status == .paused {
                pausedTotal += now - (pausedAt ?? now)
                pausedAt = nil
                status = .running
                fx.append(.resumed)
            } else {
                pause(at: now, &fx)
            }
        case .next:
            fx.append(.skipped(index))
            close(.skipped, at: now, &fx)
            moveOn(from: index, at: now, &fx)
        case .back:
            close(.cutShort, at: now, &fx)
            begin(max(0, index - 1), at: now, &fx)
        case .lapse:
            guard current?.kind.countsUp == true else { return }
            fx.append(.lapsed(index))
            close(.lapsed, at: now, &fx)
            moveOn(from: index, at: now, &fx)
        case .addTime:
            guard current?.duration != nil else { return }
            adjustment += Self.adjustStep
            cueMark = remaining(at: now) ?? 0
        case .subtractTime:
            guard let left = remaining(at: now) else { return }
            if left <= Self.adjustStep {
                adjustment -= left
                close(.completed, at: now, &fx)
                moveOn(from: index, at: now, &fx)
            } else {
                adjustment -= Self.adjustStep
                cueMark = remaining(at: now) ?? 0
            }
        case .done:
            guard let kind = current?.kind, kind.countsUp || kind == .getReady else { return }
            close(.completed, at: now, &fx)
            moveOn(from: index, at: now, &fx)
        case .quit:
            stop(.stopped, at: now, &fx)
        case .painStop:
            stop(.pain, at: now, &fx)
        }
    }

    private mutating func pause(at now: Nanos, _ fx: inout [Effect]) {
        pausedAt = now
        status = .paused
        fx.append(.paused)
    }

    /// Ends every countdown whose deadline is at or before `now`, each handing over at its exact deadline,
    /// then sounds the cues whose moment has come in the current block.
    private mutating func advance(to now: Nanos, _ fx: inout [Effect]) {
        while status == .running, let end = deadline, end <= now {
            close(.completed, at: end, &fx)
            moveOn(from: index, at: end, &fx)
        }
        guard status == .running, let block = current else { return }
        if let left = remaining(at: now) {
            var thresholds: [(Nanos, Cue)] = []
            if let h = halfwayThreshold { thresholds.append((h, .halfway)) }
            thresholds += [(seconds(3), .countdown(3)), (seconds(2), .countdown(2)), (seconds(1), .countdown(1))]
            // If a late tick passed several moments at once, only the latest sounds: three beeps in a
            // row would say nothing.
            if let (_, cue) = thresholds.last(where: { cueMark > $0.0 && left <= $0.0 && left > 0 }) {
                fx.append(.cue(cue))
            }
            cueMark = left
        } else {
            let e = elapsed(at: now)
            if case .hold(let target?) = block.kind, cueMark < target, e >= target {
                fx.append(.cue(.targetReached))
            }
            cueMark = e
        }
    }

    private mutating func begin(_ i: Int, at now: Nanos, _ fx: inout [Effect]) {
        index = i
        blockStart = now
        pausedTotal = 0
        adjustment = 0
        if status == .paused { pausedAt = now }
        let block = timeline.blocks[i]
        cueMark = block.duration ?? 0
        fx.append(.started(i))
        fx.append(.cue(block.kind == .switchSides ? .switchSides : .blockStart))
    }

    /// Records the visit to the current block that ends now. A block visited before keeps one record:
    /// the visits' active time is added up, and a block once completed stays completed.
    private mutating func close(_ ending: Ending, at now: Nanos, _ fx: inout [Effect]) {
        guard let block = current else { return }
        var record = BlockRecord(index: index, block: block, actual: elapsed(at: now), ending: ending)
        if let i = records.firstIndex(where: { $0.index == index }) {
            record.actual += records[i].actual
            if records[i].completed { record.ending = .completed }
            records[i] = record
        } else {
            let at = records.firstIndex(where: { $0.index > index }) ?? records.endIndex
            records.insert(record, at: at)
        }
        fx.append(.save(record))
    }

    private mutating func moveOn(from i: Int, at now: Nanos, _ fx: inout [Effect]) {
        if i + 1 < timeline.blocks.count {
            begin(i + 1, at: now, &fx)
        } else {
            fx.append(.cue(.finish))
            finish(.finished, at: now, &fx)
        }
    }

    private mutating func stop(_ outcome: Outcome, at now: Nanos, _ fx: inout [Effect]) {
        if status == .running { advance(to: now, &fx) }
        guard !status.isFinished else { return }
        close(.cutShort, at: now, &fx)
        finish(outcome, at: now, &fx)
    }

    private mutating func finish(_ outcome: Outcome, at now: Nanos, _ fx: inout [Effect]) {
        if let p = pausedAt { pausedTotal += now - p }
        pausedAt = nil
        status = .finished(outcome)
        endedAt = now
        fx.append(.finish(outcome))
    }
}
