import Foundation
import RunnerLog
import NcursesTerminal
import RoutineKit
import TerminalUI

/// What the full-screen front ends need of a terminal: ncurses' `Terminal`, or a test's stand-in on virtual
/// time.
package protocol SessionTerminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    var hasColour: Bool { get }
    /// When a flash in progress ends.
    var flashEnds: Int64? { get }
    func draw(_ screen: Screen)
    func waitForInput(timeout: Int64?, watchFD: Int32) -> [InputEvent]
    func finishFlash(now: Int64, force: Bool)
    func redrawAll()
    func suspend()
    func resume()
}

extension Terminal: SessionTerminal {}

/// Where signals come from: the signal pipe, or a test's list.
package protocol SignalSource: AnyObject {
    var readFD: Int32 { get }
    /// The signals that arrived since the last call, in order.
    func drain() -> [Int32]
    /// Stops the process as Ctrl-Z would (after the terminal was given back).
    func stopSelf()
}

/// The full-screen session: one thread that sleeps until the engine's next visible change or a key,
/// draws, and carries out what the runner asks.
package final class FullScreenRunner {
    let terminal: SessionTerminal
    let driver: SessionDriver
    let signals: SignalSource
    let safety: [String]
    let hold: HoldInfo?
    var overlay: Overlay = .none
    /// Lines for the get-ready screen (a mistake in config.yaml).
    var notices: [String] = []
    /// The figures of the routine's steps, by name.
    var figures: [String: Figure] = [:]
    /// The coach's warnings, read once the first frame is out and shown before `notices`.
    var warningsLater: (() -> [String])?
    /// The page of notes `s` turned to, and on which step: each get-ready countdown opens on the first page.
    private var safetyPage = 0
    /// What the pain-stop screen says to do next, asked of the day's verdict when the screen opens.
    var painNext: () -> String? = { nil }
    private var painNextLine: String?
    private var safetyPageStep: Int?
    private var notesPage: Int { safetyPageStep == session.index ? safetyPage : 0 }
    private var helpPage = 0
    /// The exit status a signal (or the terminal going away) set, if one ended the session.
    private(set) var endStatus: Int32?

    package init(terminal: SessionTerminal, driver: SessionDriver, signals: SignalSource, safety: [String], hold: HoldInfo?) {
        self.terminal = terminal
        self.driver = driver
        self.signals = signals
        self.safety = safety
        self.hold = hold
    }

    var session: Session { driver.session }

    /// Runs the session to its end and returns the exit status. The caller stops the terminal.
    package func run(startAt: Nanos? = nil) -> Int32 {
        driver.start(at: startAt)
        driver.tick()
        draw()
        Profile.mark("first frame")
        if let warnings = warningsLater?(), !warnings.isEmpty {
            notices = warnings + notices
            draw()
        }
        Profile.mark("warnings from the log")
        driver.beginRecording()
        Profile.mark("history opened")
        // Test-only (documented in the README): crash on purpose once full screen is up, to prove the
        // terminal is given back.
        if driver.testCrash { fatalError("RUNCORE_TEST_CRASH: a crash on purpose") }
        while true {
            driver.tick()
            if session.status.isFinished { break }
            draw()
            var wake = driver.nextWake()
            if let end = terminal.flashEnds { wake = min(wake ?? end, end) }
            if let change = nextFigureChange() { wake = min(wake ?? change, change) }
            let events = terminal.waitForInput(timeout: wake.map { $0 - driver.clock() }, watchFD: signals.readFD)
            terminal.finishFlash(now: driver.clock(), force: false)
            for event in events {
                handle(event)
                if session.status.isFinished { break }
            }
            if session.status.isFinished { break }
        }
        if session.status == .finished(.pain) && endStatus == nil { showPainAdvice() }
        guard case .finished(let outcome) = session.status else { return Exit.stoppedByUser }
        return endStatus ?? outcome.exitStatus
    }

    func draw() {
        // A step left forgets the page its notes were turned to (back to it, they open on the first again).
        if safetyPageStep != session.index { safetyPageStep = nil }
        let (w, h) = terminal.size
        terminal.draw(renderSession(view(at: driver.clock()), width: w, height: h))
    }

    /// What the screen shows at `now`.
    func view(at now: Nanos) -> SessionView {
        SessionView(session: session, now: now, overlay: overlay, colour: terminal.hasColour, safety: safety, hold: hold,
                    note: driver.recorder?.warning, notices: notices, safetyPage: notesPage, figure: figureFrame(at: now),
                    helpPage: helpPage, painNext: painNextLine)
    }

    /// The current step's figure as it is now: a movement moves only while its step runs (getting into
    /// position, switching sides and moving the roller show the next position, still).
    func figureFrame(at now: Nanos) -> [String]? {
        guard let block = session.current, let figure = block.figure.flatMap({ figures[$0] }) else { return nil }
        return block.kind.isExercise ? figure.frame(at: session.elapsed(at: now)) : figure.frames.first
    }

    /// When the figure of a running movement changes next: the loop wakes for it (at most twice a second).
    func nextFigureChange() -> Nanos? {
        guard session.status == .running, let block = session.current, block.kind.isExercise,
              let figure = block.figure.flatMap({ figures[$0] }) else { return nil }
        let now = driver.clock()
        return figure.nextChange(after: session.elapsed(at: now)).map { now + $0 }
    }

    /// After a pain stop: the advice stays on screen until a key (or a signal).
    func showPainAdvice() {
        painNextLine = painNext()
        terminal.finishFlash(now: 0, force: true)
        overlay = .painStopped
        while true {
            draw()
            let events = terminal.waitForInput(timeout: nil, watchFD: signals.readFD)
            if events.contains(where: { if case .key = $0 { return true }; return $0 == .hangup }) { return }
            if events.contains(.watched) {
                for meaning in signals.drain().compactMap(SignalMeaning.init) {
                    switch meaning {
                    case .end: return
                    case .suspend:
                        terminal.suspend()
                        signals.stopSelf()
                        terminal.resume()
                    case .resumed: terminal.redrawAll()
                    case .childEnded: driver.childrenEnded()
                    }
                }
            }
        }
    }

    func handle(_ event: InputEvent) {
        switch event {
        case .resize:
            terminal.redrawAll()
        case .hangup:
            endStatus = Exit.sigHUP
            driver.send(.interrupted(driver.clock()))
        case .watched:
            for meaning in signals.drain().compactMap(SignalMeaning.init) {
                switch meaning {
                case .end(let status):
                    endStatus = status
                    driver.send(.interrupted(driver.clock()))
                    return
                case .suspend:
                    driver.send(.suspended(driver.clock()))
                    terminal.suspend()
                    signals.stopSelf()
                    terminal.resume()
                case .resumed:
                    terminal.redrawAll()
                case .childEnded:
                    driver.childrenEnded()
                }
            }
        case .key(let key):
            handle(key)
        }
    }

    func handle(_ key: Key) {
        // `!` stops for pain from every state: over the help page and the quit question as from a running step.
        if Keymap.action(for: key) == .pain {
            overlay = .none
            driver.perform(.pain)
            return
        }
        switch overlay {
        case .help:
            // `?` (or `s`) turns the help's pages where there are several; any other key goes back.
            let (w, h) = terminal.size
            if [.help, .moreNotes].contains(Keymap.action(for: key)), helpPageCount(view(at: driver.clock()), width: w, height: h) > 1 {
                helpPage += 1
            } else {
                overlay = .none
            }
            return
        case .confirmQuit:
            overlay = .none
            if key == .char("y") || key == .char("Y") { driver.press(.quit) }
            return
        case .painStopped, .none:
            break
        }
        guard let action = Keymap.action(for: key) else { return }
        switch action {
        case .help:
            overlay = .help
            helpPage = 0
        case .quit: overlay = .confirmQuit
        case .moreNotes:
            safetyPage = notesPage + 1
            safetyPageStep = session.index
        case .redraw: terminal.redrawAll()
        default: driver.perform(action)
        }
    }
}
