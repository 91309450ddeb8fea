import CFaultGuard
import CNcursesw
import Foundation
import TerminalUI

public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The full-screen terminal. The only code in runcore that calls ncurses, always from one thread.
public final class Terminal {
    private var screenPtr: OpaquePointer?
    private var last: Screen?
    private var lastTitle: String?
    private var colourPairs: [Style.Role: Int16] = [:]
    private var mutedUsesDim = true
    public private(set) var hasColour = false
    /// The colours in use: given, or found from the terminal's background.
    public private(set) var theme: Theme = .dark
    private let setsTitle: Bool
    private var emptyReads = 0
    private var active = false
    private let now: () -> Int64

    /// Starts full-screen mode on the controlling terminal (standard input and output).
    /// `colour: false` draws with attributes only.
    /// `now` is the program's monotonic clock (nanoseconds), for the one wait the terminal times itself: the
    /// answer to its question about the background colour.
    public init(colour: Bool, environment: [String: String], theme: Theme? = nil, now: @escaping () -> Int64) throws {
        self.now = now
        setlocale(LC_ALL, "")
        if let cs = nc_codeset(), String(cString: cs) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        let term = environment["TERM"] ?? ""
        setsTitle = ["xterm", "tmux", "screen", "rxvt", "alacritty", "kitty", "foot", "wezterm", "vte", "konsole", "gnome"]
            .contains { term.hasPrefix($0) }
        fault_guard_arm()
        guard let sp = newterm(nil, nc_stdout(), nc_stdin()) else {
            throw TerminalUnavailable(description: "cannot start full screen on this terminal (TERM=\(term.isEmpty ? "unset" : term))")
        }
        screenPtr = sp
        set_term(sp)
        // A terminal that cannot place the cursor (TERM=dumb, say) cannot show a full screen.
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(sp)
            screenPtr = nil
            fault_guard_disarm()
            throw TerminalUnavailable(description: "TERM=\(term.isEmpty ? "unset" : term) cannot place the cursor, so no full screen")
        }
        active = true
        cbreak()
        noecho()
        keypad(nc_stdscr(), true)
        nodelay(nc_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        // The loop reads every key itself as soon as one comes: ncurses need not look for typed-ahead keys
        // (two polls of the terminal) in the middle of each frame it draws.
        typeahead(-1)
        if colour && has_colors() {
            start_color()
            use_default_colors()
            hasColour = true
            self.theme = theme ?? Self.detectTheme(environment: environment, now: now)
            let palette = Palette(self.theme)
            let rich = nc_colors() >= 256
            var n: Int16 = 1
            for role in Style.Role.allCases {
                let fg: Int16
                if rich, let c = palette.xterm256(role) {
                    fg = Int16(c)
                } else if let c = palette.basic(role) {
                    fg = Int16(c)
                } else if role == .muted, nc_colors() >= 16 {
                    fg = 8  // bright black: a calm grey for hints
                } else {
                    continue
                }
                init_pair(n, fg, -1)
                colourPairs[role] = n
                n += 1
            }
            mutedUsesDim = colourPairs[.muted] == nil
        }
        if setsTitle { writeRaw("\u{1B}[22;0t") }  // save the window title, restored at the end
    }

    deinit { stop() }

    /// The terminal's background, as light or dark: its answer to OSC 11 where it gives one, else
    /// `COLORFGBG`, else dark. The question is followed by a request for the terminal's attributes (DA1),
    /// which every terminal answers, so runcore never waits out a timeout on terminals that stay silent
    /// about their colours (at most 150 ms if a terminal answers nothing at all).
    public static func detectTheme(environment: [String: String], now: () -> Int64) -> Theme {
        if let bg = queryBackground(now: now) { return Theme.matching(bg) }
        return Theme.fromCOLORFGBG(environment["COLORFGBG"]) ?? .dark
    }

    static func queryBackground(now: () -> Int64) -> RGB? {
        guard isatty(0) != 0, isatty(1) != 0 else { return nil }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(0, TCSANOW, &saved) }
        let ask = Array("\u{1B}]11;?\u{07}\u{1B}[c".utf8)
        _ = ask.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        let deadline = now() + 150_000_000
        var buf = [UInt8](repeating: 0, count: 256)
        while true {
            let left = deadline - now()
            if left <= 0 { break }
            guard let r = Wait.poll([0], timeout: left), r[0] != 0 else { break }
            let n = read(0, &buf, buf.count)
            if n <= 0 { break }
            reply += buf[0..<n]
            // The DA1 answer comes last: everything the terminal will say is in.
            if TerminalAnswers.hasAttributes(reply) || reply.count > 4096 { break }
        }
        return TerminalAnswers.background(in: reply)
    }

    /// Leaves full screen and gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard active else { return }
        finishFlash(now: 0, force: true)
        active = false
        endwin()
        if setsTitle { writeRaw("\u{1B}[23;0t") }
        if let sp = screenPtr { delscreen(sp) }
        screenPtr = nil
        fault_guard_disarm()
    }

    /// For Ctrl-Z: give the shell a normal terminal. `resume()` takes the screen back.
    public func suspend() {
        guard active else { return }
        finishFlash(now: 0, force: true)
        endwin()
        if setsTitle { writeRaw("\u{1B}[23;0t") }
    }

    public func resume() {
        guard active else { return }
        if setsTitle { writeRaw("\u{1B}[22;0t") }
        refresh()
        redrawAll()
    }

    /// Forget what is on screen so the next draw repaints every cell (after SIGCONT or Ctrl-L).
    public func redrawAll() {
        last = nil
        lastTitle = nil
        clearok(nc_stdscr(), true)
    }

    public var size: (width: Int, height: Int) {
        (Int(max(0, nc_cols())), Int(max(0, nc_lines())))
    }

    /// Draws `screen`, writing only what `Screen.diff` says changed since the last one drawn.
    public func draw(_ screen: Screen) {
        guard active else { return }
        let (clear, runs) = screen.diff(from: last)
        if clear { werase(nc_stdscr()) }
        for run in runs {
            wattrset(nc_stdscr(), Int32(bitPattern: attributes(run.style)))
            mvwaddstr(nc_stdscr(), Int32(run.y), Int32(run.x), run.text)
        }
        wattrset(nc_stdscr(), Int32(bitPattern: nc_a_normal()))
        wnoutrefresh(nc_stdscr())
        doupdate()
        last = screen
        if setsTitle, let title = screen.title, title != lastTitle {
            writeRaw("\u{1B}]2;\(title)\u{07}")
            lastTitle = title
        }
    }

    private func attributes(_ style: Style) -> UInt32 {
        var a = nc_a_normal()
        if style.bold { a |= nc_a_bold() }
        if style.reverse { a |= nc_a_reverse() }
        if style.dim { a |= nc_a_dim() }
        if hasColour, let pair = colourPairs[style.role] {
            a |= nc_color_pair(Int32(pair))
        } else if style.role == .muted && mutedUsesDim {
            a |= nc_a_dim()
        }
        return UInt32(a)
    }

    public func bell() { if active { beep() } }

    /// The end of a flash in progress: when the screen goes back to normal video, and what to send then.
    public private(set) var flashEnds: Int64?
    private var flashRest = ""

    /// Flashes the screen without waiting. ncurses' `flash()` sleeps through the terminal's padding (100 ms
    /// on xterm, `\E[?5h$<100/>\E[?5l`), which froze the loop when steps were skipped quickly; here the part
    /// before the pause is sent now, and the rest when `finishFlash` is called at or after `flashEnds`.
    public func flashScreen(now: Int64) {
        guard active, flashEnds == nil else { return }
        guard let cap = tigetstr("flash"), Int(bitPattern: cap) != -1 else { return }
        let text = String(cString: cap)
        guard let (before, delay, after) = TerminalAnswers.splitAtDelay(text) else {
            writeRaw(text)
            return
        }
        writeRaw(before)
        flashRest = after
        flashEnds = now + Int64(delay * 1_000_000)
    }

    /// Ends a flash whose time has come (or any flash, with `force`).
    public func finishFlash(now: Int64, force: Bool = false) {
        guard let end = flashEnds, force || now >= end else { return }
        flashEnds = nil
        writeRaw(flashRest)
    }

    /// Waits until a key, a resize, a byte on `watchFD`, or `timeout` (nanoseconds; nil waits for ever),
    /// whichever is first, and returns what happened. Sleeps in the kernel: no polling.
    ///
    /// A resize must never wait for the next key. ncurses learns of one from SIGWINCH, whose handler only
    /// notes it; the new size is read, and KEY_RESIZE queued, by the next `wget_wch` or `doupdate`. A SIGWINCH
    /// that came while a frame was being drawn (after `doupdate` looked) or just before the wait began would
    /// otherwise sit unread while the loop slept, for ever when paused, leaving the old frame on screen.
    /// So SIGWINCH is held back from here until the wait, which lets it in atomically (`ppoll`'s mask), and
    /// what ncurses already holds (a noted resize, a queued KEY_RESIZE, keys) is read before sleeping.
    public func waitForInput(timeout: Int64?, watchFD: Int32) -> [InputEvent] {
        var winch = sigset_t()
        sigemptyset(&winch)
        sigaddset(&winch, SIGWINCH)
        var outside = sigset_t()
        pthread_sigmask(SIG_BLOCK, &winch, &outside)
        defer { pthread_sigmask(SIG_SETMASK, &outside, nil) }
        var pending: [InputEvent] = []
        while let key = readKey() { pending.append(key) }
        if !pending.isEmpty {
            emptyReads = 0
            return pending
        }
        var during = outside
        sigdelset(&during, SIGWINCH)
        let revents = Wait.poll([0, watchFD], timeout: timeout, mask: during)
        let interrupted = revents == nil
        let stdinBits = revents?[0] ?? 0
        var events: [InputEvent] = []
        if let revents, revents[1] & Int16(POLLIN) != 0 { events.append(.watched) }
        let stdinReady = stdinBits != 0
        let hangup = stdinBits & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        // After an interrupted wait (a signal such as SIGWINCH) or readable input, read every key ncurses has.
        if stdinReady || interrupted {
            var got = false
            while let key = readKey() {
                got = true
                events.append(key)
            }
            if stdinReady && !got {
                emptyReads += 1
                if emptyReads >= 3 { events.append(.hangup) }
            } else {
                emptyReads = 0
            }
        }
        if hangup && !events.contains(.hangup) { events.append(.hangup) }
        return events
    }

    private func readKey() -> InputEvent? {
        var wch: wint_t = 0
        let rc = wget_wch(nc_stdscr(), &wch)
        if rc == ERR { return nil }
        if rc == nc_key_code_yes() {
            switch Int32(wch) {
            case KEY_RESIZE: return .resize
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            default: return .key(.function(Int32(wch)))
            }
        }
        switch wch {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(UInt32(wch)) else { return .key(.function(Int32(wch))) }
            return .key(.char(Character(scalar)))
        }
    }

    private func writeRaw(_ s: String) {
        nc_flush_stdout()
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    }
}
