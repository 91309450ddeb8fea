import Foundation
import RoutineKit

/// Where cues go: the terminal bell, speech, a file (tests), or nowhere.
protocol CueSink: AnyObject {
    func play(_ cue: Cue)
    func speak(_ text: String)
}

extension CueSink {
    func speak(_ text: String) {}
}

/// The default: the terminal's bell and a screen flash. A terminal has one sound, so cues differ by what
/// comes with the beep: countdown seconds beep alone; a new step, a side switch and the finish beep and
/// flash; halfway only flashes.
final class BellSink: CueSink {
    let bell: () -> Void
    let flash: () -> Void
    init(bell: @escaping () -> Void, flash: @escaping () -> Void) {
        self.bell = bell
        self.flash = flash
    }

    func play(_ cue: Cue) {
        switch cue {
        case .countdown: bell()
        case .halfway: flash()
        case .blockStart, .switchSides, .targetReached, .finish:
            bell()
            flash()
        }
    }
}

final class SilentSink: CueSink {
    func play(_ cue: Cue) {}
}

/// Writes one line per cue, with the monotonic time in milliseconds: `12345 countdown 3`. For tests.
final class FileSink: CueSink {
    let fd: Int32
    let clock: () -> Nanos
    init?(path: String, clock: @escaping () -> Nanos) {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 { return nil }
        self.clock = clock
    }
    deinit { close(fd) }

    func play(_ cue: Cue) { line(Self.word(cue)) }
    func speak(_ text: String) { line("speak \(text)") }

    private func line(_ text: String) { Out.write(fd, "\(clock() / 1_000_000) \(text)\n") }

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

/// Speaks step names with espeak-ng, started in the background so the clock never waits for speech.
final class VoiceSink: CueSink {
    func play(_ cue: Cue) {
        switch cue {
        case .halfway: speak("Halfway")
        case .targetReached: speak("Target reached")
        case .finish: speak("All done")
        default: break
        }
    }

    func speak(_ text: String) {
        Spawner.spawn(["espeak-ng", "-s", "165", text])
    }
}

final class MultiSink: CueSink {
    let sinks: [CueSink]
    init(_ sinks: [CueSink]) { self.sinks = sinks }
    func play(_ cue: Cue) { sinks.forEach { $0.play(cue) } }
    func speak(_ text: String) { sinks.forEach { $0.speak(text) } }
}

/// `--on-event CMD`: runs CMD through /bin/sh, without waiting, at each step start, pause, resume and
/// finish, with RUNCORE_EVENT, RUNCORE_STEP and RUNCORE_SECONDS_LEFT in its environment. At most four run at
/// once: an event that comes while four are still running is dropped. Finished runs are reaped as the
/// session goes; runs that failed (a non-zero status, a command not found) and dropped events are reported
/// once, at the end.
final class EventHook {
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
