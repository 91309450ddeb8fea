import Foundation
import RunnerLog
import RoutineKit

/// Where cues go: the terminal bell, speech, a file (tests), or nowhere.
package protocol CueSink: AnyObject {
    func play(_ cue: Cue)
    /// The cue of an event at `instant` (the cue log writes that instant; the others play now).
    func play(_ cue: Cue, at instant: Nanos)
}

extension CueSink {
    package func play(_ cue: Cue, at instant: Nanos) { play(cue) }
}

/// The default: the terminal's bell and a screen flash. A terminal has one sound, so cues differ by what
/// comes with the beep: countdown seconds beep alone; a new step, a side switch and the finish beep and
/// flash; halfway only flashes.
package final class BellSink: CueSink {
    let bell: () -> Void
    let flash: () -> Void
    init(bell: @escaping () -> Void, flash: @escaping () -> Void) {
        self.bell = bell
        self.flash = flash
    }

    package func play(_ cue: Cue) {
        switch cue {
        case .countdown: bell()
        case .halfway: flash()
        case .blockStart, .switchSides, .targetReached, .finish:
            bell()
            flash()
        }
    }
}

package final class SilentSink: CueSink {
    package func play(_ cue: Cue) {}
}

/// Writes one line per cue, with the monotonic time in milliseconds: `12345 countdown 3`. For tests.
package final class FileSink: CueSink {
    let fd: Int32
    let clock: () -> Nanos
    init?(path: String, clock: @escaping () -> Nanos) {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 { return nil }
        self.clock = clock
    }
    deinit { close(fd) }

    package func play(_ cue: Cue) { line(Self.word(cue)) }
    package func play(_ cue: Cue, at instant: Nanos) { line(Self.word(cue), at: instant) }

    private func line(_ text: String) { line(text, at: clock()) }
    func line(_ text: String, at instant: Nanos) { Out.write(fd, "\(instant / 1_000_000) \(text)\n") }

    static func word(_ cue: Cue) -> String {
        switch cue {
        case .blockStart: return "start"
        case .countdown(let n): return "countdown \(n)"
        case .halfway: return "halfway"
        case .switchSides: return "switch"
        case .targetReached: return "target"
        case .finish: return "finish"
        }
    }
}

/// The voice coach (`--voice`): the coach's words through espeak-ng, one utterance at a time from a
/// `SpeechQueue`, started in the background so the clock never waits. With `RUNCORE_VOICE_WAV_DIR` set, each
/// utterance is written to a WAV file there instead of played (for machines without sound, and the tests),
/// and the file's length stands for the time it takes to say.
package final class CoachVoice {
    private(set) var queue = SpeechQueue()
    let wavDirectory: String?
    /// Lines for the cue log: `voice start TEXT`, `voice end`, `voice drop TEXT`, each at its instant.
    var log: ((Nanos, String) -> Void)?
    private var child: (pid: pid_t, start: Nanos, wav: String?)?
    private var count = 0
    private var droppedSeen = 0

    init(wavDirectory: String?) {
        self.wavDirectory = wavDirectory
    }

    /// The words for the engine's effects, queued; then whatever can start now starts.
    func hear(_ effects: [Effect], session: Session, at now: Nanos) {
        for effect in effects {
            if let u = CoachWords.words(for: effect, session: session, at: now) { queue.add(u) }
        }
        pump(now)
    }

    /// Notices a finished utterance and starts the next one that is due.
    func pump(_ now: Nanos) {
        if let c = child {
            Spawner.reap()
            if Spawner.exited.removeValue(forKey: c.pid) != nil {
                child = nil
                if let wav = c.wav, let length = Self.wavLength(wav) {
                    queue.ends(at: c.start + length)
                    log?(c.start + length, "voice end")
                } else {
                    queue.ended()
                    log?(now, "voice end")
                }
            }
        }
        guard child == nil else { return }
        if let u = queue.take(now: now) { start(u, at: now) }
        for d in queue.dropped.dropFirst(droppedSeen) { log?(now, "voice drop \(d.text)") }
        droppedSeen = queue.dropped.count
    }

    private func start(_ u: Utterance, at now: Nanos) {
        count += 1
        var argv = ["espeak-ng", "-s", "165"]
        var wav: String?
        if let dir = wavDirectory {
            wav = (dir as NSString).appendingPathComponent(String(format: "%03d.wav", count))
            argv += ["-w", wav!]
        }
        guard let pid = Spawner.spawn(argv + ["--", u.text]) else {
            queue.ended()
            return
        }
        child = (pid, now, wav)
        log?(now, "voice start \(u.text)")
    }

    /// When to look again: when the queue says. While a voice speaks there is nothing to do until it ends,
    /// and its end (SIGCHLD) wakes the loop by itself.
    func nextWake(after now: Nanos) -> Nanos? {
        if child != nil { return nil }
        return queue.nextWake(after: now)
    }

    /// A WAV file's length from its header (PCM: data bytes over bytes a second).
    static func wavLength(_ path: String) -> Nanos? {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 44 else { return nil }
        let b = [UInt8](data)
        func le32(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 }
        let byteRate = le32(28)
        guard byteRate > 0 else { return nil }
        // The data chunk: after "fmt " and any others.
        var i = 12
        while i + 8 <= b.count {
            let size = le32(i + 4)
            if b[i] == 0x64, b[i + 1] == 0x61, b[i + 2] == 0x74, b[i + 3] == 0x61 {
                let bytes = size == 0 || size > b.count - i - 8 ? b.count - i - 8 : size
                return Nanos(bytes) * nanosPerSecond / Nanos(byteRate)
            }
            i += 8 + size + (size & 1)
        }
        return nil
    }
}

package final class MultiSink: CueSink {
    let sinks: [CueSink]
    init(_ sinks: [CueSink]) { self.sinks = sinks }
    package func play(_ cue: Cue) { sinks.forEach { $0.play(cue) } }
    package func play(_ cue: Cue, at instant: Nanos) { sinks.forEach { $0.play(cue, at: instant) } }
}

/// `--on-event CMD`: runs CMD through /bin/sh, without waiting, at each step start, pause, resume and
/// finish, with RUNCORE_EVENT, RUNCORE_STEP and RUNCORE_SECONDS_LEFT in its environment. At most four run at
/// once: an event that comes while four are still running is dropped. Finished runs are reaped as the
/// session goes; runs that failed (a non-zero status, a command not found) and dropped events are reported
/// once, at the end.
package final class EventHook {
    let command: String
    static let maxRunning = 4
    private var running: Set<pid_t> = []
    private(set) var runs = 0
    private(set) var failures: [Int32] = []
    private(set) var dropped = 0

    init(_ command: String) { self.command = command }

    func fire(_ event: String, step: String, secondsLeft: Int?) {
        collect()
        guard running.count < Self.maxRunning else {
            dropped += 1
            return
        }
        var env = ["RUNCORE_EVENT": event, "RUNCORE_STEP": step]
        env["RUNCORE_SECONDS_LEFT"] = secondsLeft.map(String.init) ?? ""
        runs += 1
        if let pid = Spawner.spawn(["/bin/sh", "-c", command], extraEnv: env, keepStderr: false) {
            running.insert(pid)
        } else {
            failures.append(127)
        }
    }

    /// Notes the runs that have ended.
    func collect() {
        Spawner.reap()
        for pid in running {
            guard let code = Spawner.exited.removeValue(forKey: pid) else { continue }
            running.remove(pid)
            if code != 0 { failures.append(code) }
        }
    }

    /// The one line for the end, if anything went wrong. Runs still going get up to `grace` to finish.
    func report(grace: TimeInterval = 0.2) -> String? {
        let deadline = Date().addingTimeInterval(grace)
        collect()
        while !running.isEmpty && Date() < deadline {
            usleep(10_000)
            collect()
        }
        guard !failures.isEmpty || dropped > 0 else { return nil }
        var parts: [String] = []
        if !failures.isEmpty {
            let codes = Set(failures).sorted().map { code -> String in
                switch code {
                case 127: return "127: command not found"
                case 126: return "126: not executable"
                default: return String(code)
                }
            }
            parts.append("\(failures.count) of \(runs) runs failed (exit \(codes.joined(separator: ", ")))")
        }
        if dropped > 0 {
            parts.append("\(dropped) event\(dropped == 1 ? " was" : "s were") dropped while \(Self.maxRunning) runs were still going")
        }
        return "runcore: --on-event: " + parts.joined(separator: "; ")
    }
}
