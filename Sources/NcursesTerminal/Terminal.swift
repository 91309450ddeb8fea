import CNcursesw
import Foundation
import TerminalUI

/// A key, decoded.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter
    case escape
    case left, right, up, down
    case backspace
    case function(Int32)
}

public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case resize
    /// A byte arrived on the watched descriptor (the signal pipe).
    case watched
    /// The terminal went away (hang-up or end of input).
    case hangup
}

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
    private let setsTitle: Bool
    private var emptyReads = 0
    private var active = false

    /// Starts full-screen mode on the controlling terminal (standard input and output).
    /// `colour: false` draws with attributes only.
    public init(colour: Bool, environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        if let cs = nc_codeset(), String(cString: cs) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        let term = environment["TERM"] ?? ""
        setsTitle = ["xterm", "tmux", "screen", "rxvt", "alacritty", "kitty", "foot", "wezterm", "vte", "konsole", "gnome"]
            .contains { term.hasPrefix($0) }
        guard let sp = newterm(nil, nc_stdout(), nc_stdin()) else {
            throw TerminalUnavailable(description: "cannot start full screen on this terminal (TERM=\(term.isEmpty ? "unset" : term))")
        }
        screenPtr = sp
        set_term(sp)
        active = true
        cbreak()
        noecho()
        keypad(nc_stdscr(), true)
        nodelay(nc_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        if colour && has_colors() {
            start_color()
            use_default_colors()
            hasColour = true
            let colours: [(Style.Role, Int16)] = [
                (.work, Int16(COLOR_GREEN)), (.rest, Int16(COLOR_CYAN)), (.getReady, Int16(COLOR_YELLOW)),
                (.paused, Int16(COLOR_MAGENTA)), (.final, Int16(COLOR_RED)), (.accent, Int16(COLOR_CYAN)),
                (.alert, Int16(COLOR_RED)),
            ]
            var n: Int16 = 1
            for (role, fg) in colours {
                init_pair(n, fg, -1)
                colourPairs[role] = n
                n += 1
            }
            if nc_colors() >= 16 {
                init_pair(n, 8, -1)  // bright black: a calm grey for hints
                colourPairs[.muted] = n
                mutedUsesDim = false
            }
        }
        if setsTitle { writeRaw("\u{1B}[22;0t") }  // save the window title, restored at the end
    }

    deinit { stop() }

    /// Leaves full screen and gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard active else { return }
        active = false
        endwin()
        if setsTitle { writeRaw("\u{1B}[23;0t") }
        if let sp = screenPtr { delscreen(sp) }
        screenPtr = nil
    }

    /// For Ctrl-Z: give the shell a normal terminal. `resume()` takes the screen back.
    public func suspend() {
        guard active else { return }
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

    /// Draws `screen`, sending only the cells that differ from the last one drawn.
    public func draw(_ screen: Screen) {
        guard active else { return }
        let full = last == nil || last!.width != screen.width || last!.height != screen.height
        if full { werase(nc_stdscr()) }
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                if !full, let last, last[x, y] == screen[x, y] { x += 1; continue }
                // A run of changed cells with one style.
                let style = screen[x, y].style
                var text = ""
                var end = x
                while end < screen.width, screen[end, y].style == style,
                      full || last.map({ $0[end, y] != screen[end, y] }) ?? true {
                    text.append(screen[end, y].char)
                    end += 1
                }
                wattrset(nc_stdscr(), Int32(bitPattern: attributes(style)))
                mvwaddstr(nc_stdscr(), Int32(y), Int32(x), text)
                x = end
            }
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
    public func flashScreen() { if active { flash() } }

    /// Waits until a key, a resize, a byte on `watchFD`, or `timeout` (nanoseconds; nil waits for ever),
    /// whichever is first, and returns what happened. Sleeps in the kernel: no polling.
    public func waitForInput(timeout: Int64?, watchFD: Int32) -> [InputEvent] {
        let revents = Wait.poll([0, watchFD], timeout: timeout)
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
