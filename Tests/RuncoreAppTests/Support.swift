import Foundation
@testable import RuncoreApp
import RoutineKit
import TerminalUI

/// A clock the test moves: the app's loops read it, and a fake terminal or input moves it to the instant
/// they would have woken at.
final class VirtualClock {
    var now: Nanos
    init(_ start: Nanos = 7_000 * nanosPerSecond) { now = start }
    func callAsFunction() -> Nanos { now }
}

/// Events a test delivers at instants of virtual time: keys, resizes, and signals.
enum Scripted {
    case key(Key)
    case signal(Int32)
    case resize(Int, Int)
}

/// Signals as the fake terminal delivers them.
final class FakeSignals: SignalSource {
    var pending: [Int32] = []
    var stops = 0
    let readFD: Int32 = -1
    func drain() -> [Int32] {
        defer { pending = [] }
        return pending
    }
    func stopSelf() { stops += 1 }
}

/// A terminal on virtual time: each wait moves the clock to the next scripted event or to the timeout, and
/// every frame drawn is kept with its instant. Waiting for ever with nothing scripted is a test bug.
final class FakeTerminal: SessionTerminal {
    var size: (width: Int, height: Int) = (80, 24)
    var hasColour = false
    var flashEnds: Int64?
    let clock: VirtualClock
    let signals: FakeSignals
    var script: [(at: Nanos, event: Scripted)]
    private(set) var frames: [(at: Nanos, screen: Screen)] = []
    private(set) var waits: [Nanos?] = []
    private(set) var suspended = 0

    init(clock: VirtualClock, signals: FakeSignals, script: [(at: Nanos, event: Scripted)] = []) {
        self.clock = clock
        self.signals = signals
        self.script = script.sorted { $0.at < $1.at }
    }

    func draw(_ screen: Screen) { frames.append((clock.now, screen)) }

    func waitForInput(timeout: Int64?, watchFD: Int32) -> [InputEvent] {
        waits.append(timeout)
        let deadline = timeout.map { clock.now + max(0, $0) }
        if let next = script.first, deadline == nil || next.at <= deadline! {
            script.removeFirst()
            clock.now = max(clock.now, next.at)
            switch next.event {
            case .key(let k): return [.key(k)]
            case .signal(let s):
                signals.pending.append(s)
                return [.watched]
            case .resize(let w, let h):
                size = (w, h)
                return [.resize]
            }
        }
        guard let deadline else { fatalError("the loop would wait for ever with nothing to come") }
        clock.now = deadline
        return []
    }

    func finishFlash(now: Int64, force: Bool) {}
    func redrawAll() {}
    func suspend() { suspended += 1 }
    func resume() {}

    /// The last frame drawn at or before `instant`, as text.
    func text(at instant: Nanos) -> String {
        (frames.last { $0.at <= instant }?.screen.lines ?? []).joined(separator: "\n")
    }
}

/// Standard input and output on virtual time: lines typed at instants, lines written with the instant.
final class FakeIO: PlainIO {
    let clock: VirtualClock
    var typed: [(at: Nanos, text: String?)]
    private(set) var written: [(at: Nanos, text: String)] = []

    /// `text` nil closes input at that instant.
    init(clock: VirtualClock, typed: [(at: Nanos, text: String?)] = []) {
        self.clock = clock
        self.typed = typed.sorted { $0.at < $1.at }
    }

    private var ready: String??

    func wait(watchFD: Int32, input: Bool, timeout: Nanos?) -> Bool {
        let deadline = timeout.map { clock.now + max(0, $0) }
        if input, let next = typed.first, deadline == nil || next.at <= deadline! {
            typed.removeFirst()
            clock.now = max(clock.now, next.at)
            ready = .some(next.text)
            return true
        }
        guard let deadline else { fatalError("plain mode would wait for ever with nothing to come") }
        clock.now = deadline
        return false
    }

    func read() -> [UInt8]? {
        defer { ready = nil }
        guard case .some(let text) = ready, let text else { return nil }
        return Array(text.utf8)
    }

    func line(_ text: String) { written.append((clock.now, text)) }
}

/// What the session asked of the history, in order, with the instants.
final class FakeRecorder: SessionRecorder {
    let clock: VirtualClock
    private(set) var calls: [(at: Nanos, what: String)] = []
    init(clock: VirtualClock) { self.clock = clock }
    func begin(_ timeline: Timeline) { calls.append((clock.now, "begin \(timeline.routineID)")) }
    func save(_ record: BlockRecord) { calls.append((clock.now, "save \(record.block.label) \(record.ending.rawValue)")) }
    func finish(_ outcome: Outcome) { calls.append((clock.now, "finish \(outcome.rawValue)")) }
    func flush(now: Nanos) {}
    var retryAt: Nanos? { nil }
    var warning: String? { nil }
    func takeNews() -> [String] { [] }
    func close(now: () -> Nanos, patience: Nanos) -> [String] { [] }
}

/// Cues as they were played, with the instant of their event.
final class RecordingSink: CueSink {
    private(set) var played: [(at: Nanos, cue: Cue)] = []
    func play(_ cue: Cue) { played.append((0, cue)) }
    func play(_ cue: Cue, at instant: Nanos) { played.append((instant, cue)) }
}

/// A fresh data folder for a test, removed at the end of its scope.
final class DataDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("runcore-app-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    var path: String { url.path }

    /// A context on this folder, at `now` (ISO 8601) in UTC.
    func context(now: String = "2026-11-30T07:00:00Z") -> Context {
        Context(dataDir: path, environment: ["RUNCORE_NOW": now, "TZ": "UTC", "HOME": path])
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = url.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

func secs(_ n: Double) -> Nanos { Nanos(n * 1e9) }
