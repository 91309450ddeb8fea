import Foundation

/// A key, decoded.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter
    case escape
    case left, right, up, down
    case pageUp, pageDown
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

/// What a key asks of a session.
public enum SessionAction: Sendable, Equatable {
    /// Pause or resume; on a hold it stops the clock, and on the countdown before a hold it starts it.
    case space
    /// Pause or resume, whatever the step (plain mode's word `pause`).
    case pause
    case next
    case back
    case addTime
    case subtractTime
    /// Enter: a rep or hold step is done; a get-ready countdown ends now.
    case done
    case help
    /// Asks first in full screen; in plain mode a typed q is already deliberate.
    case quit
    case pain
    /// The next page of safety notes on a get-ready screen.
    case moreNotes
    /// Ctrl-L: draw the whole screen again.
    case redraw
}

/// One row of the keymap: the keys, what they do, and how the key line, the help page, plain mode and the
/// README's table of keys say it.
public struct KeyRow: Sendable {
    /// As the help page and the README list them: `→ or n`.
    public var keys: String
    /// As the key line shows it: `n next`.
    public var hint: String
    /// As the help page explains it; the README's table says the same, then `more`.
    public var help: String
    /// What the README's table adds after `help` (Markdown).
    public var more: String
    public var bindings: [Key: SessionAction]
    /// What plain mode reads for it: a line holding one of these, then Enter ("" is Enter alone).
    public var plain: [String: SessionAction]
    /// As the key line shows it while the session is paused, when that differs (`space resume`).
    public var pausedHint: String?

    public init(keys: String, hint: String, help: String, more: String = "", bindings: [Key: SessionAction] = [:],
                plain: [String: SessionAction] = [:], pausedHint: String? = nil) {
        self.keys = keys
        self.hint = hint
        self.help = help
        self.more = more
        self.bindings = bindings
        self.plain = plain
        self.pausedHint = pausedHint
    }

    /// As the key line shows it, paused or not.
    public func hint(paused: Bool) -> String { paused ? pausedHint ?? hint : hint }

    /// Its row of the README's table of keys.
    public var readmeRow: String { "| \(keys) | \(help)\(more) |" }
}

/// The one table of keys. Full screen, plain mode, the key line, the help page and the README's table all read
/// it, so the same letter does the same thing everywhere and every key is said where the others are.
public enum Keymap {
    public static let space = KeyRow(keys: "space", hint: "space pause", help: "pause / resume (on a hold: stop the clock)",
                                     more: "; getting into position for a hold, start it",
                                     bindings: [.char(" "): .space], plain: [" ": .space, "space": .space, "pause": .pause, "resume": .pause],
                                     pausedHint: "space resume")
    public static let next = KeyRow(keys: "→ or n", hint: "n next", help: "next step", more: " (the one you leave is recorded as skipped)",
                                    bindings: [.char("n"): .next, .right: .next], plain: ["n": .next, "next": .next])
    public static let back = KeyRow(keys: "← or p", hint: "p back", help: "back a step",
                                    more: " (the time you spent in each step is kept: one entry a step, all its visits added up)",
                                    bindings: [.char("p"): .back, .left: .back], plain: ["p": .back, "back": .back])
    public static let time = KeyRow(keys: "+ / -", hint: "+/- 10 s", help: "add / take 10 seconds", more: " (less than 10 s left: the step ends now)",
                                    bindings: [.char("+"): .addTime, .char("="): .addTime, .char("-"): .subtractTime, .char("_"): .subtractTime],
                                    plain: ["+": .addTime, "-": .subtractTime])
    public static let done = KeyRow(keys: "Enter", hint: "Enter done", help: "done (rep and hold steps)", more: "; on a get-ready countdown, start now",
                                    bindings: [.enter: .done], plain: ["": .done, "done": .done])
    public static let help = KeyRow(keys: "?", hint: "? help", help: "these keys, the day's warnings and the safety notes",
                                    more: "; `?` again turns their pages where there are several",
                                    bindings: [.char("?"): .help], plain: ["?": .help, "help": .help])
    public static let notes = KeyRow(keys: "s", hint: "s more notes", help: "more safety notes (get-ready)",
                                     more: ": the next page, where they need more than one", bindings: [.char("s"): .moreNotes])
    public static let quit = KeyRow(keys: "q", hint: "q quit", help: "quit (asks first)", more: ": `y` quits",
                                    bindings: [.char("q"): .quit, .char("Q"): .quit], plain: ["q": .quit, "quit": .quit])
    public static let pain = KeyRow(keys: "!", hint: "! pain", help: "stop for pain",
                                    more: ", from every screen of a session (paused, the `?` page, the quit question too): ends the session at "
                                        + "once and shows what to do; until a back check-in, no more training",
                                    bindings: [.char("!"): .pain], plain: ["!": .pain, "pain": .pain])
    public static let redraw = KeyRow(keys: "Ctrl-L", hint: "Ctrl-L redraw", help: "draw the screen again", bindings: [.char("\u{0C}"): .redraw])
    /// Ctrl-Z reaches runcore as SIGTSTP, not as a key: the terminal sends the signal.
    public static let suspend = KeyRow(keys: "Ctrl-Z", hint: "Ctrl-Z suspend", help: "pause and hand the shell a normal terminal",
                                       more: "; `fg` brings the session back, paused")

    /// Every row, in the order the help page and the README list them.
    public static let session: [KeyRow] = [space, next, back, time, done, help, notes, quit, pain, redraw, suspend]

    /// The README's table of keys.
    public static var readmeTable: [String] { ["| key | what it does |", "|---|---|"] + session.map(\.readmeRow) }

    /// What a key does in a session, if anything.
    public static func action(for key: Key) -> SessionAction? {
        for row in session { if let a = row.bindings[key] { return a } }
        return nil
    }

    /// What a line typed in plain mode asks for, if anything: the same letters as full screen (a line of
    /// spaces is the space bar), or the word for it.
    public static func action(forPlainLine line: String) -> SessionAction? {
        let word = line.allSatisfy({ $0 == " " }) && !line.isEmpty ? " " : line.trimmingCharacters(in: .whitespaces).lowercased()
        for row in session { if let a = row.plain[word] { return a } }
        return nil
    }

    /// The plain-mode words, for its "unknown input" line: `Enter, space, n, p, +, -, ?, q or !`.
    public static var plainSummary: String {
        let words = session.flatMap { row in row.plain.keys.filter { $0.count <= 1 }.sorted() }
            .map { $0.isEmpty ? "Enter" : $0 == " " ? "space" : $0 }
        return words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    }

    /// The menu's keys and what they do.
    public static let menu: [Key: MenuAction] = [
        .up: .up, .char("k"): .up, .down: .down, .char("j"): .down,
        .enter: .choose, .char(" "): .choose, .right: .choose,
        .char("h"): .history, .char("?"): .help, .char("q"): .quit, .escape: .quit, .char("Q"): .quit,
    ]

    /// The menu's key line at `width`: the help key goes first when there is no room, then the arrows' word.
    public static func menuHints(width: Int) -> String {
        for line in [" ↑↓ choose · Enter start · h history · ? help · q quit", " ↑↓ choose · Enter start · h history · q quit",
                     " ↑↓ Enter start · h history · q quit"] where line.count <= width {
            return line
        }
        return " Enter · q quit"
    }
}

/// What a key asks of the menu's list.
public enum MenuAction: Sendable, Equatable {
    case up, down, choose, history, help, quit
}
