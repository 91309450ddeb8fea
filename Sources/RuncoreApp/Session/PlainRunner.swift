import Foundation
import RunnerLog
import NcursesTerminal
import RoutineKit
import TerminalUI

/// What plain mode reads and writes: standard input and output, or a test's stand-in on virtual time.
package protocol PlainIO: AnyObject {
    /// Waits until input can be read (when `input`), a byte comes on `watchFD`, or `timeout` passes; returns
    /// whether input is ready.
    func wait(watchFD: Int32, input: Bool, timeout: Nanos?) -> Bool
    /// What was typed, or nil at the end of input.
    func read() -> [UInt8]?
    func line(_ text: String)
}

/// Standard input and output.
package final class StandardIO: PlainIO {
    package init() {}

    package func wait(watchFD: Int32, input: Bool, timeout: Nanos?) -> Bool {
        let revents = Wait.poll(input ? [watchFD, 0] : [watchFD], timeout: timeout)
        guard input, let r = revents, r.count > 1 else { return false }
        return r[1] != 0
    }

    package func read() -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = Foundation.read(0, &buf, buf.count)
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return [] }
        return n <= 0 ? nil : Array(buf[0..<n])
    }

    package func line(_ text: String) { Out.line(text) }
}

/// Plain mode: no full screen. A line is written the moment each step begins, and at pause, resume,
/// skip, done and finish. Lines typed on standard input steer it with the keys of full screen (the
/// keymap), each followed by Enter: Enter alone completes a rep or hold step, a space (or `pause`) pauses or
/// resumes, `n` skips, `p` goes back, `+`/`-` add or take 10 s, `q` quits, `!` stops for pain, `?` lists them.
///
/// If standard input is closed (end of file), nobody can press Enter: rep and hold steps then end after
/// their planned time (3 s a rep, a hold's target) and are recorded as not done by the runner.
package final class PlainRunner {
    let driver: SessionDriver
    let signals: SignalSource
    let io: PlainIO
    private var stdinOpen = true
    private var pending = ""
    /// The exit status a signal set, if one ended the session.
    private(set) var endStatus: Int32?

    package init(driver: SessionDriver, signals: SignalSource, io: PlainIO) {
        self.driver = driver
        self.signals = signals
        self.io = io
    }

    var session: Session { driver.session }

    /// Runs to the end. A problem saving history is said on standard error when it happens.
    package func run(startAt: Nanos? = nil) -> Int32 {
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
            let ready = io.wait(watchFD: signals.readFD, input: stdinOpen, timeout: wake.map { $0 - driver.clock() })
            for sig in signals.drain() { handle(signal: sig) }
            if session.status.isFinished { break }
            if stdinOpen, ready { readInput() }
        }
        guard case .finished(let outcome) = session.status else { return Exit.stoppedByUser }
        return endStatus ?? outcome.exitStatus
    }

    private func handle(signal sig: Int32) {
        switch SignalMeaning(sig) {
        case .end(let status)?:
            endStatus = status
            driver.send(.interrupted(driver.clock()))
        case .suspend?:
            driver.send(.suspended(driver.clock()))
            signals.stopSelf()
        case .childEnded?:
            driver.childrenEnded()
        case .resumed?, nil: break
        }
    }

    private func readInput() {
        guard let bytes = io.read() else {
            stdinOpen = false
            if session.timeline.blocks.contains(where: { $0.kind.countsUp }) {
                say("note input closed: rep and hold steps end after their planned time")
            }
            return
        }
        pending += String(decoding: bytes, as: UTF8.self)
        while let nl = pending.firstIndex(of: "\n") {
            let line = String(pending[..<nl]).replacingOccurrences(of: "\r", with: "")
            pending = String(pending[pending.index(after: nl)...])
            command(line)
            if session.status.isFinished { return }
        }
    }

    /// A typed line, read through the keymap: the same letters as full screen.
    private func command(_ line: String) {
        switch Keymap.action(forPlainLine: line) {
        case .help?: say("keys " + Keymap.session.filter { !$0.plain.isEmpty }.map(\.hint).joined(separator: " · "))
        case .moreNotes?, .redraw?: break
        case let action?: driver.perform(action)
        case nil: say("note unknown input '\(Out.shown(line))': \(Keymap.plainSummary)")
        }
    }

    /// The time since the session began, cut (not rounded) to the millisecond, as a clock shows it: a line
    /// stamped `0:10.000` was written at 10 s or after, never before, so a reader can check that no step began
    /// early.
    private func stamp(_ at: Nanos) -> String {
        let ms = Int((at - (session.startedAt ?? at)) / 1_000_000)
        let s = ms / 1000
        let frac = ms % 1000
        return "\(DurationText.clock(s)).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)"
    }

    /// A line stamped with the moment it is written, measured from the session's start: a reader can tell
    /// exactly when each step began (the first line's stamp is runcore's own start-up time).
    private func say(_ text: String) {
        io.line("\(stamp(driver.clock())) \(text)")
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
            let left = session.remaining(at: at).map { " (\(DurationText.clock(DurationText.wholeSecondsUp($0))) left)" } ?? ""
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
