import Foundation
import NcursesTerminal
import RoutineKit
import TerminalUI

/// Plain mode: no full screen. A line is written the moment each step begins, and at pause, resume,
/// skip, done and finish. Lines typed on standard input steer it: an empty line (Enter) completes a rep
/// or hold step; `p` pauses or resumes, `n` skips, `b` goes back, `+`/`-` add or take 10 s, `q` quits,
/// `!` stops for pain.
///
/// If standard input is closed (end of file), nobody can press Enter: rep and hold steps then end after
/// their planned time (3 s a rep, a hold's target) and are recorded as not done by the runner.
final class PlainRunner {
    let driver: SessionDriver
    let signals: SignalPipe
    private var stdinOpen = true
    private var pending = ""
    private(set) var signal: Int32?

    init(driver: SessionDriver, signals: SignalPipe) {
        self.driver = driver
        self.signals = signals
    }

    var session: Session { driver.session }

    /// Runs to the end. A problem saving history is said on standard error when it happens.
    func run(startAt: Nanos? = nil) -> Int32 {
        driver.observe = { [unowned self] effect, at in self.report(effect, at: at) }
        driver.start(at: startAt)
        driver.tick()
        Profile.mark("first line")
        driver.beginRecording()
        Profile.mark("history opened")
        while true {
            for line in driver.recorder?.takeNews() ?? [] { Out.error(line) }
            driver.tick()
            if session.status.isFinished { break }
            let now = driver.clock()
            var wake = driver.nextWake()
            if !stdinOpen, session.status == .running, let block = session.current, block.kind.countsUp {
                let autoEnd = session.blockStart + session.pausedTotal + block.estimate
                if now >= autoEnd {
                    driver.send(.key(.lapse, autoEnd))
                    continue
                }
                wake = min(wake ?? autoEnd, autoEnd)
            }
            let fds: [Int32] = stdinOpen ? [signals.readFD, 0] : [signals.readFD]
            let revents = Wait.poll(fds, timeout: wake.map { $0 - driver.clock() })
            for sig in signals.drain() { handle(signal: sig) }
            if session.status.isFinished { break }
            if stdinOpen, let r = revents, r.count > 1, r[1] != 0 { readInput() }
        }
        guard case .finished(let outcome) = session.status else { return Exit.stoppedByUser }
        return exitStatus(outcome, signal: signal)
    }

    private func handle(signal sig: Int32) {
        switch sig {
        case SIGINT, SIGTERM, SIGHUP:
            signal = sig
            driver.send(.interrupted(driver.clock()))
        case SIGTSTP:
            driver.send(.suspended(driver.clock()))
            SignalPipe.stopSelf()
        case SIGCHLD:
            driver.childrenEnded()
        default: break
        }
    }

    private func readInput() {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(0, &buf, buf.count)
        if n < 0 { if errno == EINTR || errno == EAGAIN { return } }
        if n <= 0 {
            stdinOpen = false
            if session.timeline.blocks.contains(where: { $0.kind.countsUp }) {
                say("note input closed: rep and hold steps end after their planned time")
            }
            return
        }
        pending += String(decoding: buf[0..<n], as: UTF8.self)
        while let nl = pending.firstIndex(of: "\n") {
            let line = pending[..<nl].trimmingCharacters(in: .whitespaces)
            pending = String(pending[pending.index(after: nl)...])
            command(line)
            if session.status.isFinished { return }
        }
    }

    private func command(_ line: String) {
        switch line.lowercased() {
        case "": driver.press(.done)
        case "p", "pause", "resume": driver.press(.togglePause)
        case "n", "next": driver.press(.next)
        case "b", "back": driver.press(.back)
        case "+": driver.press(.addTime)
        case "-": driver.press(.subtractTime)
        case "q", "quit": driver.press(.quit)
        case "!", "pain": driver.press(.painStop)
        default: say("note unknown input '\(line)': Enter, p, n, b, +, -, q or !")
        }
    }

    private func stamp(_ at: Nanos) -> String {
        let ms = Int((at - (session.startedAt ?? at) + 500_000) / 1_000_000)  // to the nearest millisecond
        let s = ms / 1000
        return "\(DurationText.clock(s)).\(String(format: "%03d", ms % 1000))"
    }

    /// A line stamped with the moment it is written, measured from the session's start: a reader can tell
    /// exactly when each step began (the first line's stamp is runcore's own start-up time).
    private func say(_ text: String) {
        Out.line("\(stamp(driver.clock())) \(text)")
    }

    /// One line per event: `0:10.000 start Plank, set 1/2 (30s)`. `at` is when the event happened (for the
    /// time left it reports); the stamp is when the line is written.
    private func report(_ effect: Effect, at: Nanos) {
        switch effect {
        case .started(let i):
            let block = session.timeline.blocks[i]
            let what: String
            switch block.kind {
            case .reps(let n): what = "\(n) reps, Enter when done"
            case .hold(let target): what = target.map { "hold, target \(DurationText.compact(Int($0 / nanosPerSecond))), Enter stops" } ?? "hold, Enter stops"
            default: what = DurationText.compact(Int((block.duration ?? 0) / nanosPerSecond))
            }
            say("start \(block.label) (\(what))")
        case .paused:
            let left = session.remaining(at: at).map { " (\(DurationText.clock(Int(($0 + nanosPerSecond - 1) / nanosPerSecond))) left)" } ?? ""
            say("pause \(session.current?.label ?? "")\(left)")
        case .resumed: say("resume \(session.current?.label ?? "")")
        case .skipped(let i): say("skip \(session.timeline.blocks[i].label)")
        case .lapsed(let i): say("ended \(session.timeline.blocks[i].label): \(Ending.lapsed.words)")
        case .save(let record) where record.completed && record.block.kind.countsUp:
            let word = { if case .hold = record.block.kind { return "hold" } else { return "done" } }()
            say("\(word) \(record.block.label) \(holdClock(record.actual))")
        case .finish(let outcome): say("finish \(outcome.rawValue)")
        default: break
        }
    }
}
