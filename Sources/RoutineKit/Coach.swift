/// What the voice coach says, and when: a queue with one voice at a time. Pure: times come in, decisions go
/// out, so the same code is tested on virtual time and drives espeak-ng in a session.
///
/// - One utterance at a time, never cut off: a new one starts only when the last has ended.
/// - Each utterance has a deadline; one that cannot start by then is dropped, not said late (a countdown
///   word lives for a fraction of its second, a step's name a few seconds).
/// - When the voice is free, the most important waiting utterance goes first: a step's name, then a cue,
///   then a countdown word.
/// - A new step's words replace what was still waiting from the step before.
/// - The clock never waits: the queue only answers what to start now and when to look again.
public struct Utterance: Sendable, Equatable {
    public enum Kind: Int, Sendable, Comparable {
        case countdown = 0, cue = 1, finish = 2, step = 3
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    public var text: String
    public var kind: Kind
    /// When it should be said.
    public var due: Nanos
    /// The latest it may start.
    public var deadline: Nanos

    public init(_ text: String, kind: Kind, due: Nanos, deadline: Nanos) {
        self.text = text
        self.kind = kind
        self.due = due
        self.deadline = deadline
    }
}

public struct SpeechQueue: Sendable {
    public private(set) var pending: [Utterance] = []
    /// What is being said, since when, and (once known) until when.
    public private(set) var speaking: (utterance: Utterance, start: Nanos, end: Nanos?)?
    /// What was dropped because it could not start in time (or was replaced), in order.
    public private(set) var dropped: [Utterance] = []

    public init() {}

    public var isSpeaking: Bool { speaking != nil }

    /// Queues `u`. A step's words drop the waiting words of the step before.
    public mutating func add(_ u: Utterance) {
        if u.kind == .step || u.kind == .finish {
            let stale = pending.filter { $0.kind != .finish }
            dropped += stale
            pending.removeAll { $0.kind != .finish }
        }
        pending.append(u)
    }

    /// The voice said when the current utterance ends (an estimate, or a WAV file's length).
    public mutating func ends(at end: Nanos) {
        speaking?.end = end
    }

    /// The voice went quiet (the speaking process ended).
    public mutating func ended() {
        speaking = nil
    }

    /// What to start now, if the voice is free: stale utterances are dropped first. The caller starts it.
    public mutating func take(now: Nanos) -> Utterance? {
        if let s = speaking {
            guard let end = s.end, end <= now else { return nil }
            speaking = nil
        }
        dropped += pending.filter { $0.deadline < now }
        pending.removeAll { $0.deadline < now }
        let ready = pending.enumerated().filter { $0.element.due <= now }
        guard let pick = ready.max(by: { ($0.element.kind, -$0.element.due) < ($1.element.kind, -$1.element.due) }) else { return nil }
        pending.remove(at: pick.offset)
        speaking = (pick.element, now, nil)
        return pick.element
    }

    /// When to look again: the end of the current utterance (if known), else the next due time.
    public func nextWake(after now: Nanos) -> Nanos? {
        if let s = speaking { return s.end }
        return pending.map { max($0.due, now) }.min()
    }
}

/// The coach's words for what the engine does.
public enum CoachWords {
    /// How long a countdown word may wait, and a cue, a step's words and the finish.
    public static let countdownGrace: Nanos = 300_000_000
    public static let cueGrace: Nanos = 1_500_000_000
    public static let stepGrace: Nanos = 3_000_000_000
    public static let finishGrace: Nanos = 10_000_000_000

    /// The words for one effect of the engine at `now`, given the session after it.
    public static func words(for effect: Effect, session: Session, at now: Nanos) -> Utterance? {
        switch effect {
        case .started(let i):
            let block = session.timeline.blocks[i]
            return Utterance(start(block, next: session.timeline.blocks.dropFirst(i + 1).first { $0.kind.isExercise }, first: i == 0),
                             kind: .step, due: now, deadline: now + stepGrace)
        case .cue(.countdown(let n)):
            let word = ["One", "Two", "Three"].indices.contains(n - 1) ? ["One", "Two", "Three"][n - 1] : "\(n)"
            return Utterance(word, kind: .countdown, due: now, deadline: now + countdownGrace)
        case .cue(.halfway):
            return Utterance("Halfway", kind: .cue, due: now, deadline: now + cueGrace)
        case .cue(.targetReached):
            return Utterance("Target reached. Hold on if your form is good.", kind: .cue, due: now, deadline: now + cueGrace)
        case .finish(let outcome):
            return Utterance(finish(session, outcome), kind: .finish, due: now, deadline: now + finishGrace)
        default:
            return nil
        }
    }

    /// What is said as a block starts: the step's name and the first sentence of its cue (or its `say:`).
    public static func start(_ block: Block, next: Block?, first: Bool) -> String {
        switch block.kind {
        case .getReady:
            if block.name == positionBlockName { return "Get into position" + (next.map { " for the \($0.title.lowercased())" } ?? "") + "." }
            return "Get ready." + (next.map { " First: \($0.title.lowercased())." } ?? "")
        case .rest:
            return "Rest." + (next.map { " Next: \($0.title.lowercased())." } ?? "")
        case .switchSides:
            return "Switch to the \(block.side ?? "other") side."
        case .move:
            return block.title + "."
        case .work, .reps, .hold:
            if let say = block.say, block.set.map({ $0.index == 1 }) ?? true, block.side == nil || block.side == "left" { return say }
            var t = block.title
            if let set = block.set { t += ", set \(set.index) of \(set.count)" }
            if case .reps(let n) = block.kind { t += ", \(n) reps" }
            // The cue's first sentence, the first time the step comes.
            if block.set.map({ $0.index == 1 }) ?? true, let sentence = firstSentence(block.cue) { t += ". " + sentence }
            return t + (t.hasSuffix(".") ? "" : ".")
        }
    }

    static func firstSentence(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        if let end = text.firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }) { return String(text[...end]) }
        return text
    }

    /// How it went, in a sentence or two.
    public static func finish(_ session: Session, _ outcome: Outcome) -> String {
        let exercise = session.timeline.blocks.filter(\.kind.isExercise).count
        let done = session.records.filter { $0.block.kind.isExercise && $0.completed }.count
        switch outcome {
        case .finished:
            let minutes = Int(session.activeTotal / nanosPerSecond) / 60
            let time = minutes >= 1 ? " \(minutes) minute\(minutes == 1 ? "" : "s") of exercise." : ""
            return done == exercise ? "All done. Every step, well done.\(time)" : "All done: \(done) of \(exercise) exercises.\(time)"
        case .pain: return "Stopped for pain. Please talk to a healthcare provider before you train again."
        default: return "Session stopped: \(done) of \(exercise) exercises done."
        }
    }

    /// About how long espeak-ng takes to say `text` at 165 words a minute: for planning on virtual time,
    /// and until a real voice says it has finished.
    public static func estimate(_ text: String) -> Nanos {
        let words = max(1, text.split(whereSeparator: { $0 == " " }).count)
        return Nanos(words) * 60 * nanosPerSecond / 165 + 250_000_000
    }
}
