import RoutineKit

/// Something drawn over the session.
public enum Overlay: Sendable, Equatable {
    case none
    case help
    case confirmQuit
    /// The session stopped for pain: the advice, until a key is pressed.
    case painStopped
}

/// Holds seen before, for the hold screen.
public struct HoldInfo: Sendable, Equatable {
    public var best: Nanos?
    public var recent: [Nanos]
    /// False when the history could not be read: the best is not known (not "none yet").
    public var known: Bool
    public init(best: Nanos?, recent: [Nanos], known: Bool = true) {
        self.best = best
        self.recent = recent
        self.known = known
    }
}

/// Everything the session screen shows, at one instant.
public struct SessionView: Sendable {
    public var session: Session
    public var now: Nanos
    public var overlay: Overlay
    public var colour: Bool
    public var safety: [String]
    public var hold: HoldInfo?
    /// A warning kept in view, e.g. that history is not being saved.
    public var note: String?
    /// Lines shown on the get-ready screen above the safety notes (a mistake in config.yaml, say).
    public var notices: [String]
    /// Which page of the safety notes the get-ready screen shows, when they need more than one (`s`).
    public var safetyPage: Int
    /// The figure of the step (the frame to show now), drawn beside the digits where the window has room.
    public var figure: [String]?
    /// Which page of the help (`?`) shows, when it needs more than one (`?` again turns them).
    public var helpPage: Int
    /// What the pain-stop screen says to do next (the day's verdict decides it); nil: a back check-in.
    public var painNext: String?

    public init(session: Session, now: Nanos, overlay: Overlay = .none, colour: Bool = true,
                safety: [String] = [], hold: HoldInfo? = nil, note: String? = nil, notices: [String] = [],
                safetyPage: Int = 0, figure: [String]? = nil, helpPage: Int = 0, painNext: String? = nil) {
        self.painNext = painNext
        self.figure = figure
        self.helpPage = helpPage
        self.session = session
        self.now = now
        self.overlay = overlay
        self.colour = colour
        self.safety = safety
        self.hold = hold
        self.note = note
        self.notices = notices
        self.safetyPage = safetyPage
    }
}

/// The screen for a session at `width`×`height`. Layouts step down with the size: big digits, small
/// digits, a few lines, and below 20×5 a single line asking for a bigger window. Never fails, at any size.
public func renderSession(_ v: SessionView, width: Int, height: Int) -> Screen {
    var r = SessionRenderer(v: v, screen: Screen(width: width, height: height))
    r.draw()
    return r.screen
}

/// How many pages the help (`?`) has at `width`×`height`: 1 where it all fits (or nothing does).
public func helpPageCount(_ v: SessionView, width: Int, height: Int) -> Int {
    let r = SessionRenderer(v: v, screen: Screen(width: width, height: height))
    switch Layout.choose(width: width, height: height) {
    case .big, .small: return max(1, r.helpLayout(top: 1, bottom: height - 3, few: false).pages.count)
    case .lines: return max(1, r.helpLayout(top: 0, bottom: height - 1, few: true).pages.count)
    case .tiny: return 1
    }
}

public enum Layout: Equatable, Sendable {
    case big, small, lines, tiny

    public static func choose(width: Int, height: Int) -> Layout {
        if width >= 46 && height >= 18 { return .big }
        if width >= 30 && height >= 10 { return .small }
        if width >= 20 && height >= 5 { return .lines }
        return .tiny
    }
}

/// Seconds as the clock shows them: 0:45, 12:05, 1:02:03.
func clock(_ s: Int) -> String { DurationText.clock(s) }
func wholeSeconds(_ n: Nanos) -> Int { Int(n / nanosPerSecond) }
/// A hold to the nearest tenth of a second: 0:45.2 (see `DurationText.tenths`).
public func holdClock(_ n: Nanos) -> String { DurationText.tenths(n) }


struct SessionRenderer {
    let v: SessionView
    var screen: Screen
    var width: Int { screen.width }
    var height: Int { screen.height }
    var session: Session { v.session }
    /// The step on screen, looked up once: a frame asks for it some twenty times, each a copy of the block.
    let current: Block?

    init(v: SessionView, screen: Screen) {
        self.v = v
        self.screen = screen
        current = v.session.current
    }

    // MARK: Styles

    /// The phase the runner is in, which sets the colour of the clock and the step name.
    var phase: Style.Role {
        guard let block = current else { return .normal }
        if session.status == .paused { return .paused }
        if let left = session.remaining(at: v.now), left <= seconds(3), block.kind != .getReady || left <= seconds(3) {
            return .final
        }
        switch block.kind {
        case .getReady: return .getReady
        case .work, .reps, .hold: return .work
        case .rest, .switchSides, .move: return .rest
        }
    }

    /// Style of the clock and step name. Without colour, attributes carry the phase: bold for work,
    /// plain for rests, dim while paused, reversed in the last three seconds.
    var phaseStyle: Style {
        let role = phase
        if v.colour { return Style(role, bold: true) }
        switch role {
        case .final: return Style(bold: true, reverse: true)
        case .paused: return Style(dim: true)
        case .rest, .getReady: return Style()
        default: return Style(bold: true)
        }
    }

    func style(_ role: Style.Role, bold: Bool = false, reverse: Bool = false, dim: Bool = false) -> Style {
        Style(v.colour ? role : .normal, bold: bold, reverse: reverse, dim: dim)
    }

    var muted: Style { v.colour ? Style(.muted) : Style(dim: true) }

    // MARK: Text

    var clockText: String { clock(session.displaySeconds(at: v.now)) }

    var nameText: String {
        guard let block = current else { return "" }
        switch block.kind {
        case .switchSides: return "SWITCH SIDES"
        case .move: return "MOVE TO " + (block.item ?? "the next one").uppercased()
        default:
            var t = block.name.uppercased()
            if let item = block.item { t += ": " + item.uppercased() }
            return t
        }
    }

    /// The side being worked, in capitals ("LEFT"), for blocks that have one; always on screen.
    var sideText: String? {
        guard let block = current, block.kind != .switchSides, let side = block.side else { return nil }
        return side.uppercased()
    }

    /// The name with the side: "SIDE PLANK · LEFT".
    var nameWithSide: String { sideText.map { nameText + " · " + $0 } ?? nameText }

    /// "set 1/2", "12 reps", "target 0:45 · best 1:02", "next: right side".
    var detailText: String {
        guard var block = current else { return "" }
        var parts: [String] = []
        // Getting into position for a hold: the hold's target and best are worth seeing before it starts.
        if block.kind == .getReady, let next = session.upcoming, case .hold = next.kind { block = next }
        switch block.kind {
        case .switchSides: parts.append("next: \(block.side ?? "other") side")
        case .reps(let n): parts.append("\(n) reps")
        case .hold(let target):
            if let target { parts.append("target \(clock(wholeSeconds(target)))") }
            if let best = v.hold?.best { parts.append("best \(holdClock(best))") }
        default: break
        }
        if let set = block.set { parts.insert("set \(set.index)/\(set.count)", at: 0) }
        return parts.joined(separator: " · ")
    }

    /// A line that says what to do now, when there is something to say.
    var statusText: String? {
        guard let block = current else { return nil }
        if session.status == .paused { return "PAUSED · space to resume" }
        switch block.kind {
        case .reps: return "Press Enter when you have done them"
        case .hold(let target):
            if let target, session.elapsed(at: v.now) >= target {
                if let best = v.hold?.best, session.elapsed(at: v.now) > best { return "New best! Enter stops the clock" }
                return "Target reached · Enter stops the clock"
            }
            return "Enter or space stops the clock"
        default: return nil
        }
    }

    var nextText: String? {
        guard let next = session.upcoming else { return current == nil ? nil : "Next: finish" }
        switch next.kind {
        case .reps(let n): return "Next: \(next.label) · \(n) reps"
        case .hold: return "Next: \(next.label) · hold"
        case .switchSides: return "Next: switch to \(next.side ?? "the other") side"
        case .move: return "Next: \(next.title.lowercased())"
        default: return "Next: \(next.label) · \(clock(wholeSeconds(next.estimate)))"
        }
    }

    var leftText: String { "\(clock(DurationText.wholeSecondsUp(session.timeLeftOverall(at: v.now)))) left" }

    // MARK: Drawing

    mutating func draw() {
        guard width > 0, height > 0 else { return }
        screen.title = current.map { "\(clockText) \($0.title) - runcore" }
        if v.overlay == .painStopped { return drawPainStopped() }
        switch Layout.choose(width: width, height: height) {
        case .big: drawFull(big: true)
        case .small: drawFull(big: false)
        case .lines: drawLines()
        case .tiny: drawTiny()
        }
    }

    mutating func drawTiny() {
        if v.overlay == .help {
            // No room for the keys: say so rather than show nothing.
            let text = [clockText + " · window too small for help", clockText + " too small for help", clockText + " no room for ?",
                        clockText + " too small", clockText]
                .first { $0.columns <= width } ?? clockText
            screen.put(fit(text, width), x: 0, y: 0, style: phaseStyle)
            return
        }
        let text = width >= 21 ? "\(clockText) · enlarge window" : width >= clockText.columns + 8 ? "\(clockText) enlarge" : clockText
        screen.put(fit(text, width), x: 0, y: 0, style: phaseStyle)
    }

    mutating func drawLines() {
        if v.overlay == .help { return drawHelp(top: 0, bottom: height - 1, few: true) }
        let name = detailText.isEmpty ? nameWithSide : nameWithSide + " · " + detailText
        // A get-ready screen with notes to show puts the clock beside the name, leaving the notes its row.
        let top = compactReady ? 1 : 2
        if compactReady {
            var x = screen.put(clockText, x: 0, y: 0, style: phaseStyle)
            if session.status == .paused { x = screen.put(fit(" PAUSED", width - x), x: x, y: 0, style: style(.paused, reverse: true)) }
            screen.put(fit(" " + name, width - x), x: x, y: 0, style: phaseStyle)
        } else {
            screen.put(fit(name, width), x: 0, y: 0, style: phaseStyle)
            let x = screen.put(clockText, x: 0, y: 1, style: phaseStyle)
            if session.status == .paused { screen.put(fit(" PAUSED", width - x), x: x, y: 1, style: style(.paused, reverse: true)) }
        }
        // The rows between the clock and the bar.
        let body = height - 2 - top
        var rows: [(String, Style)] = []
        if v.overlay == .confirmQuit {
            rows.append(("Quit? y = yes", style(.alert, bold: true, reverse: true)))
        } else if let status = statusText, session.status != .paused {
            rows.append((status, muted))
        }
        let notes = readyLayout
        let cue = wrap(current?.cue ?? "", width: width)
        let next = nextText.map { [($0, muted)] } ?? []
        if !notes.pages.isEmpty {
            // A get-ready screen: a page of its notes (notices, a stop first, and the safety notes), the line
            // that turns pages, the cue where it fits beside them, the next step where there is room.
            if notes.cue { rows += cue.map { ($0, Style.plain) } }
            rows += notes.pages[notes.index].map { ($0.text, $0.style) }
            if notes.pages.count > 1 { rows.append((pageLine(notes, width: width), muted)) }
            if notes.showNext { rows += next }
        } else if v.overlay != .confirmQuit, !firstNotice(width: width).isEmpty {
            // No room to page the notes: the first notice (a stop) takes the rows down to the bar.
            rows += firstNotice(width: width).prefix(body).map { ($0.text, $0.style) }
        } else {
            // Then the form cue, wrapped onto the rows left, and what comes next. The next step gives way only
            // where that lets the cue show whole; a cue that cannot be whole leaves it its row.
            let room = body - rows.count
            if cue.count + next.count <= room || cue.count > room {
                rows += wrap(current?.cue ?? "", width: width, maxLines: room - next.count).map { ($0, Style.plain) } + next
            } else {
                rows += cue.map { ($0, Style.plain) }
            }
        }
        for (i, (text, st)) in rows.prefix(max(0, body)).enumerated() { screen.put(fit(text, width), x: 0, y: top + i, style: st) }
        drawProgress(y: height - 2)
        screen.put(fit(hints, width), x: 0, y: height - 1, style: muted)
    }

    /// The key line: the keys that fit in `width`, dropped in order of least need; `! pain` and `q quit`
    /// stay to the last (from 30 columns, all three of "space", "q" and "!" fit).
    var hints: String {
        // (long text, short text, priority: lower stays longer)
        var keys: [(String, String, Int)]
        // The keymap's own words; on a hold (and the countdown before one) space and Enter both end the wait.
        let (help, quit, pain) = (Keymap.help.hint, Keymap.quit.hint, Keymap.pain.hint)
        let paused = session.status == .paused
        let space = Keymap.space.hint(paused: paused)
        switch current?.kind {
        // Paused, space resumes whatever the step (on a hold, and before one, it would otherwise end the wait).
        case .hold? where !paused: keys = [("space or Enter stop the clock", "space stops", 2), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        case .hold?: keys = [(space, space, 2), (Keymap.done.hint, Keymap.done.hint, 4), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        case .reps?: keys = [(Keymap.done.hint, Keymap.done.hint, 2), (space, space, 3), (Keymap.next.hint, Keymap.next.hint, 5),
                             (Keymap.back.hint, Keymap.back.hint, 6), (help, "? keys", 4), (quit, quit, 1), (pain, pain, 0)]
        case .getReady? where !paused && session.upcoming.map({ if case .hold = $0.kind { return true } else { return false } }) ?? false:
            keys = [("Enter or space start now", "Enter starts", 2), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        default: keys = [(space, space, 2), (Keymap.next.hint, Keymap.next.hint, 4), (Keymap.back.hint, Keymap.back.hint, 5),
                         (Keymap.time.hint, Keymap.time.hint, 6), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        }
        if readyLayout.pages.count > 1 {
            keys.insert((Keymap.notes.hint, "s notes", 3), at: keys.count - 2)
        }
        let indent = width >= 30 ? " " : ""
        let long = indent + keys.map(\.0).joined(separator: " · ")
        if long.columns <= width { return long }
        while keys.count > 1 {
            let text = indent + keys.map(\.1).joined(separator: " · ")
            if text.columns <= width { return text }
            let drop = keys.indices.max { keys[$0].2 < keys[$1].2 }!
            keys.remove(at: drop)
        }
        return indent + (keys.first?.1 ?? "")
    }

    /// Width of text rows in the big and small layouts.
    var textWidth: Int { min(width - 4, 72) }

    /// Rows of the big and small layouts, between the header and the bar.
    var bodyRows: Int { max(0, height - 3) }

    /// The step's form cue, wrapped to the text width.
    var cueLines: [String] { wrap(current?.cue ?? "", width: textWidth, maxLines: Int.max) }

    /// The get-ready screen's notes, each wrapped whole at `width`: first the notices (a stop, the day's
    /// warnings, a mistake in config.yaml), then the routine's safety notes. They share pages.
    func readyGroups(width: Int) -> [[Row]] {
        guard current?.kind == .getReady else { return [] }
        return v.notices.map { wrap($0, width: width).map { ($0, style(.alert, bold: true), false) } }
            + v.safety.map { wrap($0, width: width).map { ($0, style(.alert), false) } }
    }

    /// How the get-ready screen's notes are shown.
    struct ReadyNotes {
        /// Pages of whole notes (a note longer than a page goes on over the next one, so no word is ever
        /// cut); empty when there are none, or no room for a line of one and the line saying how to turn
        /// pages.
        var pages: [[Row]] = []
        /// Whether the "Next:" row shows: it gives way when the notes need its room.
        var showNext = true
        /// In the few-lines layout, whether the form cue shows too (it gives way to the notes).
        var cue = true
        /// The page shown now (`s` turns them, the last back to the first).
        var index = 0
    }

    /// The notes in `room` rows (the next step's row and the page line included): all on one page (with the
    /// next step when it fits too), or paged, with at least `least` lines a page.
    func readyNotes(_ groups: [[Row]], room: Int, least: Int = 1) -> ReadyNotes {
        let total = groups.reduce(0) { $0 + $1.count }
        var notes = ReadyNotes()
        if total == 0 { return notes }
        if total + 1 <= room {
            notes.pages = [groups.flatMap { $0 }]
        } else if total <= room {
            notes.pages = [groups.flatMap { $0 }]
            notes.showNext = false
        } else if room - 1 >= least {
            notes.pages = paginate(groups, room: room - 1)
            notes.showNext = false
        }
        if !notes.pages.isEmpty { notes.index = ((v.safetyPage % notes.pages.count) + notes.pages.count) % notes.pages.count }
        return notes
    }

    /// The get-ready screen's notes at this size.
    var readyLayout: ReadyNotes {
        guard current?.kind == .getReady else { return ReadyNotes() }
        switch Layout.choose(width: width, height: height) {
        case .big, .small:
            return readyNotes(readyGroups(width: textWidth), room: bodyRows - fixedRows(forSafety: true).count - cueLines.count)
        case .lines:
            // The clock beside the name (`compactReady`); a page holds two lines at least, or the notes are
            // left to `?`.
            let groups = readyGroups(width: width)
            let body = height - 3 - (v.overlay == .confirmQuit ? 1 : 0)
            let withCue = readyNotes(groups, room: body - wrap(current?.cue ?? "", width: width).count, least: 2)
            if !withCue.pages.isEmpty { return withCue }
            var without = readyNotes(groups, room: body, least: 2)
            without.cue = without.pages.isEmpty
            return without
        case .tiny:
            return ReadyNotes()
        }
    }

    /// In the few-lines layout, a get-ready screen with notes puts its clock beside the name.
    var compactReady: Bool {
        v.overlay != .help && current?.kind == .getReady && !(v.notices.isEmpty && v.safety.isEmpty)
    }

    /// The line under a page of notes: which page, and what `s` does (on the last page it goes back to the
    /// first), as long as `width` allows.
    func pageLine(_ notes: ReadyNotes, width: Int) -> String {
        let (n, count) = (notes.index + 1, notes.pages.count)
        let candidates = n < count
            ? ["safety notes \(n)/\(count) · s for more", "notes \(n)/\(count) · s more", "\(n)/\(count) · s more"]
            : ["safety notes \(n)/\(count) · s: back to 1", "notes \(n)/\(count) · s: to 1", "\(n)/\(count) · s: 1"]
        return candidates.first { $0.columns <= width } ?? fit(candidates[candidates.count - 1], width)
    }

    /// The first notice (a stop, when there is one), for where the notes cannot be paged: as much as fits.
    func firstNotice(width: Int) -> [Row] {
        guard current?.kind == .getReady, let first = v.notices.first else { return [] }
        return wrap(first, width: width).map { ($0, style(.alert, bold: true), false) }
    }

    typealias Row = (text: String, style: Style, digits: Bool)

    /// The rows that always show: name, detail, clock, status, next. With `forSafety`, the get-ready
    /// screen's compact form (clock beside the name when the window is small).
    func fixedRows(forSafety: Bool) -> [Row] {
        let big = Layout.choose(width: width, height: height) == .big
        var rows: [Row] = []
        let compactReady = forSafety && !big
        let detail = detailText
        if compactReady {
            rows.append(("\(nameWithSide) · \(clockText)", phaseStyle, false))
            if !detail.isEmpty { rows.append((detail, style(.accent), false)) }
        } else if !big, !detail.isEmpty, nameWithSide.columns + 3 + detail.columns <= textWidth {
            rows.append((nameWithSide + " · " + detail, phaseStyle, false))
        } else {
            rows.append((big && bigSide != nil ? nameText : nameWithSide, phaseStyle, false))
            if !detail.isEmpty { rows.append((detail, style(.accent), false)) }
        }
        if !compactReady {
            let digits = clockRows(big: big)
            for d in digits { rows.append((d, phaseStyle, true)) }
        }
        if let status = statusLine { rows.append((status.text, status.style, false)) }
        return rows
    }

    /// The side in big letters beside the digits, where the window is wide enough (with the figure, when
    /// there is one: the side is in the step's name as well, so the figure goes first).
    var bigSide: [String]? {
        guard let side = sideText, Layout.choose(width: width, height: height) == .big else { return nil }
        let letters = Digits.big(side)
        let digits = Digits.big(clockText)
        let figure = figureWidth.map { $0 + Self.figureGap } ?? 0
        guard Digits.canDraw(side), figure + (letters.first?.count ?? 0) + 6 + (digits.first?.count ?? 0) <= width - 2 else { return nil }
        return letters
    }

    /// Columns between the figure and the digits (and before the figure).
    static let figureGap = 4

    /// The figure's width, when there is one to draw and the layout is big.
    var figureWidth: Int? {
        guard let f = v.figure, !f.isEmpty, Layout.choose(width: width, height: height) == .big,
              v.overlay == .none || v.overlay == .confirmQuit else { return nil }
        return f.map(\.columns).max()
    }

    /// Draws the figure to the left of the digits, on rows that hold digits or nothing, shifting the digits
    /// right if they are too close to the left edge; leaves it out where it does not fit.
    mutating func drawFigure(digitRows: ClosedRange<Int>, digitX: inout Int, digitWidth: Int, blank: (Int) -> Bool) {
        guard let figure = v.figure, let fw = figureWidth else { return }
        let x = max(Self.figureGap / 2, digitX - fw - Self.figureGap)
        let needed = x + fw + Self.figureGap
        guard needed + digitWidth <= width - 1 else { return }
        let top = digitRows.lowerBound + (digitRows.count - figure.count) / 2
        let rows = top..<(top + figure.count)
        guard rows.lowerBound >= 1, rows.upperBound <= height - 2, rows.allSatisfy({ digitRows.contains($0) || blank($0) }) else { return }
        if digitX < needed {
            // Shift the digits right, to the figure's other side.
            for y in digitRows {
                let cells = (0..<digitWidth).map { screen[digitX + $0, y] }
                for i in 0..<digitWidth { screen[digitX + i, y] = Cell(" ") }
                for (i, c) in cells.enumerated() { screen[needed + i, y] = c }
            }
            digitX = needed
        }
        for (i, line) in figure.enumerated() { screen.put(line, x: x, y: top + i, style: style(.accent)) }
    }

    /// The clock's rows, with the side in big letters to its left where there is room.
    func clockRows(big: Bool) -> [String] {
        let digits = big ? Digits.big(clockText) : Digits.small(clockText)
        guard big, let side = bigSide else { return digits }
        return zip(side, digits).map { $0 + "      " + $1 }
    }

    var statusLine: (text: String, style: Style)? {
        if v.overlay == .confirmQuit {
            return (width >= 60 ? " Quit this session?  y quit · any other key keeps going " : " Quit? y = yes, other key = no ",
                    style(.alert, bold: true, reverse: true))
        }
        guard let text = statusText else { return nil }
        return (text, session.status == .paused ? style(.paused, bold: true, reverse: true) : style(.accent, bold: true))
    }

    /// The big and small layouts: header, step (with its side), clock, status, the whole cue, the safety
    /// notes on get-ready screens, next, progress bar, key hints. Text wraps onto the rows that are free;
    /// blank rows are added only when everything fits.
    mutating func drawFull(big: Bool) {
        drawHeader()
        drawProgress(y: height - 2)
        screen.put(fit(hints, width), x: 0, y: height - 1, style: muted)
        if v.overlay == .help { return drawHelp(top: 1, bottom: height - 3) }

        let isReady = current?.kind == .getReady
        let notes = readyLayout
        let showNotes = !notes.pages.isEmpty
        let rows = fixedRows(forSafety: showNotes)
        let next: Row? = {
            if let recent = v.hold?.recent, !recent.isEmpty, case .hold? = current?.kind {
                return ("last " + recent.prefix(5).map { holdClock($0) }.joined(separator: " · "), muted, false)
            }
            return notes.showNext ? nextText.map { ($0, muted, false) } : nil
        }()
        let available = bodyRows
        var free = available - rows.count - (next == nil ? 0 : 1)
        // On a get-ready screen: the cue (getting into position for a hold), then a page of notes (notices, a stop
        // first, and safety notes) with the line that says how to turn pages. Where the notes cannot be paged,
        // the first notice (a stop) still shows first, as far as rows allow.
        var text: [Row] = []
        if isReady && !showNotes { text += firstNotice(width: textWidth).prefix(max(0, free)) }
        let cue = current?.cue ?? ""
        if !cue.isEmpty, free - text.count > 0 {
            for l in wrap(cue, width: textWidth, maxLines: free - text.count) { text.append((l, .plain, false)) }
        }
        if showNotes {
            text += notes.pages[notes.index].prefix(max(0, free - text.count - (notes.pages.count > 1 ? 1 : 0)))
            if notes.pages.count > 1, free - text.count > 0 { text.append((pageLine(notes, width: textWidth), muted, false)) }
        }
        free -= text.count
        // Blank rows where they help reading, as far as room allows.
        let digitsEnd = rows.lastIndex(where: { $0.digits })
        var layout: [Row] = []
        var spacers = free
        func blank() { if spacers > 0 { layout.append(("", .plain, false)); spacers -= 1 } }
        for (i, row) in rows.enumerated() {
            if row.digits && (i == 0 || !rows[i - 1].digits) { blank() }
            layout.append(row)
            if i == digitsEnd { blank() }
        }
        if !text.isEmpty {
            layout += text
        }
        if let next {
            blank()
            layout.append(next)
        }
        while layout.count > available { layout.removeLast() }
        var y = 1 + max(0, (available - layout.count) / 2)
        let digitWidth = layout.first(where: { $0.digits })?.text.columns ?? 0
        var digitX = max(0, (width - digitWidth) / 2)
        var digitYs: [Int] = []
        // The free rows, at most the screen's height: an array (a set hashed each of them every second).
        var blankYs: [Int] = []
        for row in layout {
            if row.digits {
                screen.put(row.text, x: digitX, y: y, style: row.style)
                digitYs.append(y)
            } else if !row.text.isEmpty {
                screen.center(row.text, y: y, style: row.style)
            } else {
                blankYs.append(y)
            }
            y += 1
        }
        // Rows below the laid-out text are free too.
        blankYs += y..<max(y, height - 2)
        blankYs += 1..<(1 + max(0, (available - layout.count) / 2))
        if let first = digitYs.first, let last = digitYs.last {
            drawFigure(digitRows: first...last, digitX: &digitX, digitWidth: digitWidth, blank: { blankYs.contains($0) })
        }
    }

    mutating func drawHeader() {
        let total = session.timeline.blocks.count
        let right = current == nil ? "" : "step \(session.index + 1) of \(total) "
        let left = " " + session.timeline.title
        screen.put(fit(left, max(0, width - right.columns - 1)), x: 0, y: 0, style: muted)
        screen.put(right, x: max(0, width - right.columns), y: 0, style: muted)
        if let note = v.note, width - left.columns - right.columns > 8 {
            let n = fit(note, width - left.columns - right.columns - 4)
            screen.put(n, x: min(left.columns, width - right.columns - 2) + 2, y: 0, style: style(.alert, bold: true))
        }
    }

    /// "━━━━━━━───────  6:31 left": the whole routine, done part in the accent colour.
    mutating func drawProgress(y: Int) {
        let label = " " + leftText
        let barWidth = max(0, width - label.columns - (width >= 30 ? 2 : 0))
        let x0 = width >= 30 ? 1 : 0
        let done = Int((session.progress(at: v.now) * Double(barWidth)).rounded(.down))
        let (doneCell, toDoCell) = (Cell("━", style(.accent, bold: true)), Cell("─", muted))
        for i in 0..<barWidth {
            screen[x0 + i, y] = i < done ? doneCell : toDoCell
        }
        screen.put(label, x: x0 + barWidth, y: y, style: .plain)
    }

    /// The help page's lines after its header: the keys, then the safety notes, each a group that a page
    /// keeps whole where it fits (a note longer than a page goes on over the next, never cut). `few` is the
    /// few-lines layout (no margin).
    func helpGroups(few: Bool) -> [[(String, Style)]] {
        let wide = !few && width >= 46
        let textWidth = few ? width : width - 2
        // Every key of the keymap, as the README's table lists them.
        let rows = Keymap.session
        var groups: [[(String, Style)]] = []
        if wide {
            // Each key and what it does, the words wrapped beside the key.
            let column = 2 + (rows.map(\.keys.columns).max() ?? 0) + 2
            for row in rows {
                let words = wrap(row.help, width: max(1, textWidth - column))
                groups.append(words.enumerated().map { i, l in
                    ((i == 0 ? "  " + row.keys + String(repeating: " ", count: column - 2 - row.keys.columns) : String(repeating: " ", count: column)) + l, .plain)
                })
            }
        } else {
            // Short names, two to a line where they fit, so the safety notes fit below.
            let short = rows.map { $0.hint(paused: session.status == .paused) }
            let longest = short.map(\.columns).max() ?? 0
            let col = max(longest + 2, textWidth / 2)
            if col + longest <= textWidth {
                for i in stride(from: 0, to: short.count, by: 2) {
                    let left = short[i] + String(repeating: " ", count: max(1, col - short[i].columns))
                    groups.append([(i + 1 < short.count ? left + short[i + 1] : short[i], .plain)])
                }
            } else {
                groups += short.map { [($0, .plain)] }
            }
        }
        for note in helpNotes {
            groups.append(wrap(note, width: max(1, textWidth - (wide ? 4 : 0))).map { ((wide ? "  " : "") + $0, style(.alert)) })
        }
        return groups
    }

    /// The notes the help page shows after the keys: the day's warnings (a stop first), then the routine's
    /// safety notes.
    var helpNotes: [String] { v.notices + v.safety }

    /// The help page between rows `top` and `bottom`: a header (the clock and the step), then the keys and the
    /// safety notes, all on one page where they fit, else on pages that `?` turns, with a line saying so.
    func helpLayout(top: Int, bottom: Int, few: Bool) -> (header: (String, Style), pages: [[(String, Style)]], index: Int) {
        let header = (few ? "\(clockText) \(nameText)" : "\(clockText)  \(nameWithSide)", phaseStyle)
        let groups = helpGroups(few: few)
        let available = bottom - top + 1
        let spaced = !few && width >= 46
        // One page: header, (a blank), keys, (a blank), notes, and the line saying any key goes back.
        let keysCount = groups.count - helpNotes.count
        let single = groups.flatMap { $0 }.count + 2 + (spaced ? 1 + (helpNotes.isEmpty ? 0 : 1) : 0)
        if single <= available || available < 3 {
            var page = groups.prefix(keysCount).flatMap { $0 }
            if spaced && !helpNotes.isEmpty { page.append(("", .plain)) }
            page += groups.dropFirst(keysCount).flatMap { $0 }
            return (header, [(spaced ? [("", .plain)] : []) + page], 0)
        }
        let pages = paginate(groups, room: available - 2)
        return (header, pages, ((v.helpPage % pages.count) + pages.count) % pages.count)
    }

    /// The line under a page of help: which page, and what `?` does (on the last page it goes back to the
    /// first), or, on a single page, that any key goes back.
    func helpLine(pages: Int, index: Int, few: Bool, width: Int) -> String {
        let (n, count) = (index + 1, pages)
        let candidates: [String]
        if count == 1 {
            candidates = few ? ["any key: back"] : ["Any key goes back; the clock keeps running.", "Any key goes back.", "any key: back"]
        } else if n < count {
            candidates = ["help \(n)/\(count) · ? next page · other keys: back", "\(n)/\(count) · ? next · other keys: back", "\(n)/\(count) · ? next page",
                          "\(n)/\(count) · ? next", "\(n)/\(count) ?"]
        } else {
            candidates = ["help \(n)/\(count) · ? first page · other keys: back", "\(n)/\(count) · ? first · other keys: back", "\(n)/\(count) · ? first page",
                          "\(n)/\(count) · ? first", "\(n)/\(count) ?"]
        }
        return candidates.first { $0.columns <= width } ?? fit(candidates[candidates.count - 1], width)
    }

    mutating func drawHelp(top: Int, bottom: Int, few: Bool = false) {
        let (header, pages, index) = helpLayout(top: top, bottom: bottom, few: few)
        let page = pages.isEmpty ? [] : pages[index]
        let line = helpLine(pages: pages.count, index: index, few: few, width: few ? width : width - 2)
        if few {
            screen.put(fit(header.0, width), x: 0, y: top, style: header.1)
            for (i, (text, st)) in page.prefix(max(0, bottom - top - 1)).enumerated() { screen.put(fit(text, width), x: 0, y: top + 1 + i, style: st) }
            screen.put(fit(line, width), x: 0, y: bottom, style: muted)
            return
        }
        var lines = [header] + page
        if pages.count == 1, lines.count + 2 <= bottom - top + 1 { lines += [("", .plain), (line, muted)] }
        // The block is centred as a whole (the widest line of every page, so it stays put as pages turn).
        let widest = ([header] + pages.flatMap { $0 }).map { $0.0.columns }.max() ?? 0
        let blockWidth = min(width - 2, widest)
        let x = max(1, (width - blockWidth) / 2)
        let rows = pages.count > 1 ? bottom - top : bottom - top + 1
        for (i, (text, st)) in lines.prefix(rows).enumerated() { screen.put(fit(text, width - x), x: x, y: top + i, style: st) }
        // Paged, the line that turns pages keeps to the last row.
        if pages.count > 1 { screen.put(fit(line, width - x), x: x, y: bottom, style: muted) }
    }

    mutating func drawPainStopped() {
        screen.title = "stopped - runcore"
        let advice = "Pain that stays with you, or that spreads (down a leg, for example), is a reason to stop and talk to a healthcare provider before you train again."
        let more = "Some soreness right after a run, and the next day, is normal. More than that deserves a check."
        let after = v.painNext ?? "Then tell runcore how your back is: runcore log back 0-10."
        if height < 5 || width < 20 {
            screen.put(fit("Stopped for pain. Any key.", width), x: 0, y: 0, style: style(.alert, bold: true))
            return
        }
        // The advice is wrapped whole, never cut: what gives way when rows run short is, in turn, the blank
        // rows, the line about what was saved, the note on soreness, and what to do next.
        let w = min(width - 4, 70)
        let head: (String, Style) = ("STOPPED FOR PAIN", style(.alert, bold: true))
        let adviceLines = wrap(advice, width: w).map { ($0, Style.plain) }
        let moreLines = wrap(more, width: w).map { ($0, Style.plain) }
        let afterLines = wrap(after, width: w).map { ($0, Style.plain) }
        let saved = wrap("What you did is saved. Press any key to leave.", width: w).map { ($0, muted) }
        let blank = ("", Style.plain)
        var lines: [(String, Style)] = []
        for candidate in [[head, blank] + adviceLines + [blank] + afterLines + [blank] + moreLines + [blank] + saved,
                          [head] + adviceLines + afterLines + moreLines + saved,
                          [head] + adviceLines + afterLines + moreLines,
                          [head] + adviceLines + afterLines,
                          [head] + adviceLines] where candidate.count <= height {
            lines = candidate
            break
        }
        if lines.isEmpty { lines = [head] + adviceLines }
        let shown = Array(lines.prefix(height))
        var y = max(0, (height - shown.count) / 2)
        for (text, st) in shown {
            screen.center(text, y: y, style: st)
            y += 1
        }
    }
}

/// Groups of lines (a note, wrapped) packed into pages of at most `room` lines: whole groups to a page where
/// they fit; a group longer than a page goes on over the next ones, so nothing is cut. No groups, no pages.
func paginate<T>(_ groups: [[T]], room: Int) -> [[T]] {
    let room = max(1, room)
    var pages: [[T]] = []
    for group in groups where !group.isEmpty {
        if pages.isEmpty || pages[pages.count - 1].count + group.count > room { pages.append([]) }
        for line in group {
            if pages[pages.count - 1].count == room { pages.append([]) }
            pages[pages.count - 1].append(line)
        }
    }
    return pages
}
