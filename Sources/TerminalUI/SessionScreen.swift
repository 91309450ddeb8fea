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
    public init(best: Nanos?, recent: [Nanos]) {
        self.best = best
        self.recent = recent
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

    public init(session: Session, now: Nanos, overlay: Overlay = .none, colour: Bool = true,
                safety: [String] = [], hold: HoldInfo? = nil, note: String? = nil, notices: [String] = [],
                safetyPage: Int = 0, figure: [String]? = nil) {
        self.figure = figure
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

    init(v: SessionView, screen: Screen) {
        self.v = v
        self.screen = screen
    }

    // MARK: Styles

    /// The phase the runner is in, which sets the colour of the clock and the step name.
    var phase: Style.Role {
        guard let block = session.current else { return .normal }
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
        guard let block = session.current else { return "" }
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
        guard let block = session.current, block.kind != .switchSides, let side = block.side else { return nil }
        return side.uppercased()
    }

    /// The name with the side: "SIDE PLANK · LEFT".
    var nameWithSide: String { sideText.map { nameText + " · " + $0 } ?? nameText }

    /// "set 1/2", "12 reps", "target 0:45 · best 1:02", "next: right side".
    var detailText: String {
        guard var block = session.current else { return "" }
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
        guard let block = session.current else { return nil }
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
        guard let next = session.upcoming else { return session.current == nil ? nil : "Next: finish" }
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
        screen.title = session.current.map { "\(clockText) \($0.title) - runcore" }
        if v.overlay == .painStopped { return drawPainStopped() }
        switch Layout.choose(width: width, height: height) {
        case .big: drawFull(big: true)
        case .small: drawFull(big: false)
        case .lines: drawLines()
        case .tiny: drawTiny()
        }
    }

    mutating func drawTiny() {
        let text = width >= 21 ? "\(clockText) · enlarge window" : width >= clockText.columns + 8 ? "\(clockText) enlarge" : clockText
        screen.put(fit(text, width), x: 0, y: 0, style: phaseStyle)
    }

    mutating func drawLines() {
        if v.overlay == .help {
            screen.put(fit("\(clockText) \(nameText)", width), x: 0, y: 0, style: phaseStyle)
            let keys = Keymap.session.filter { !$0.hint.isEmpty && !$0.bindings.values.contains(.help) }.map(\.hint)
            var lines = wrap(keys.joined(separator: " · "), width: width, maxLines: height - 2)
            for note in v.safety where lines.count < height - 2 {
                lines += wrap(note, width: width, maxLines: height - 2 - lines.count)
            }
            for (i, l) in lines.enumerated() { screen.put(l, x: 0, y: 1 + i, style: i >= 2 && !v.safety.isEmpty ? style(.alert) : .plain) }
            screen.put(fit("any key: back", width), x: 0, y: height - 1, style: muted)
            return
        }
        let name = detailText.isEmpty ? nameWithSide : nameWithSide + " · " + detailText
        screen.put(fit(name, width), x: 0, y: 0, style: phaseStyle)
        let x = screen.put(clockText, x: 0, y: 1, style: phaseStyle)
        if session.status == .paused { screen.put(fit(" PAUSED", width - x), x: x, y: 1, style: style(.paused, reverse: true)) }
        if v.overlay == .confirmQuit {
            screen.put(fit("Quit? y = yes", width), x: 0, y: 2, style: style(.alert, bold: true, reverse: true))
        } else if let stop = noticeLines.first, height - 4 >= 1 {
            // A get-ready screen's first notice (a stop for pain) takes the rows down to the bar, whole where
            // they allow it.
            for (i, l) in stop.prefix(height - 4).enumerated() { screen.put(l, x: 0, y: 2 + i, style: style(.alert, bold: true)) }
        } else if let line = statusText.flatMap({ session.status == .paused ? nil : $0 }) ?? nextText {
            screen.put(fit(line, width), x: 0, y: 2, style: muted)
        }
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
        switch session.current?.kind {
        case .hold?: keys = [("space or Enter stop the clock", "space stops", 2), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        case .reps?: keys = [(Keymap.done.hint, Keymap.done.hint, 2), (Keymap.space.hint, Keymap.space.hint, 3), (Keymap.next.hint, Keymap.next.hint, 5),
                             (Keymap.back.hint, Keymap.back.hint, 6), (help, "? keys", 4), (quit, quit, 1), (pain, pain, 0)]
        case .getReady? where session.upcoming.map({ if case .hold = $0.kind { return true } else { return false } }) ?? false:
            keys = [("Enter or space start now", "Enter starts", 2), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        default: keys = [(Keymap.space.hint, Keymap.space.hint, 2), (Keymap.next.hint, Keymap.next.hint, 4), (Keymap.back.hint, Keymap.back.hint, 5),
                         (Keymap.time.hint, Keymap.time.hint, 6), (help, "? keys", 3), (quit, quit, 1), (pain, pain, 0)]
        }
        if session.current?.kind == .getReady, safetyLayout.pages.count > 1 {
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

    /// The safety notes wrapped and split into pages of whole notes that fit beside the rest of the
    /// get-ready screen, and whether the "Next:" row still shows: it gives way when the notes need that room
    /// (to fit on one page, or to show more of them a page).
    var safetyLayout: (pages: [[String]], showNext: Bool) {
        guard session.current?.kind == .getReady, !v.safety.isEmpty else { return ([], true) }
        let fixed = fixedRows(forSafety: true).count + noticeLines.joined().count + cueLines.count
        // Whole notes to a page where they fit; a note longer than a page goes on over the next one, so no
        // word of it is ever cut.
        func pages(room: Int) -> [[String]] {
            let room = max(1, room)
            var pages: [[String]] = [[]]
            for note in v.safety {
                let lines = wrap(note, width: textWidth, maxLines: Int.max)
                if !pages[pages.count - 1].isEmpty && pages[pages.count - 1].count + lines.count > room { pages.append([]) }
                for line in lines {
                    if pages[pages.count - 1].count == room { pages.append([]) }
                    pages[pages.count - 1].append(line)
                }
            }
            return pages
        }
        let withNext = pages(room: bodyRows - fixed - 1)
        if withNext.count == 1 { return (withNext, true) }
        let withoutNext = pages(room: bodyRows - fixed)
        if withoutNext.count == 1 { return (withoutNext, false) }
        // Paged: the notes keep the "Next:" row's place too, beside the line that says how to turn pages.
        return (pages(room: bodyRows - fixed - 1), false)
    }

    /// The step's form cue, wrapped to the text width.
    var cueLines: [String] { wrap(session.current?.cue ?? "", width: textWidth, maxLines: Int.max) }

    /// Notices for the get-ready screen (the day's warnings, a stop first), each wrapped whole: never cut.
    var noticeLines: [[String]] {
        guard session.current?.kind == .getReady else { return [] }
        return v.notices.map { wrap($0, width: textWidth) }
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
        guard let f = v.figure, !f.isEmpty, Layout.choose(width: width, height: height) == .big, v.overlay == .none else { return nil }
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

        let isReady = session.current?.kind == .getReady
        let (pages, showNext) = safetyLayout
        let showSafety = isReady && !pages.isEmpty
        let rows = fixedRows(forSafety: showSafety)
        let next: Row? = {
            if let recent = v.hold?.recent, !recent.isEmpty, case .hold? = session.current?.kind {
                return ("last " + recent.prefix(5).map { holdClock($0) }.joined(separator: " · "), muted, false)
            }
            return showNext ? nextText.map { ($0, muted, false) } : nil
        }()
        let available = bodyRows
        var free = available - rows.count - (next == nil ? 0 : 1)
        // Notices (a stop, the day's warnings, a mistake in config.yaml) first on a get-ready screen, each whole:
        // the first always (a stop is never cut), the others while they fit. Then the cue, then safety notes.
        var text: [Row] = []
        for (i, notice) in noticeLines.enumerated() where i == 0 || text.count + notice.count <= free {
            for l in notice { text.append((l, style(.alert, bold: true), false)) }
        }
        let cue = session.current?.cue ?? ""
        if !cue.isEmpty, free - text.count > 0 {
            for l in wrap(cue, width: textWidth, maxLines: free - text.count) { text.append((l, .plain, false)) }
        }
        if showSafety {
            let index = ((v.safetyPage % pages.count) + pages.count) % pages.count
            let page = pages[index]
            let room = free - text.count - (pages.count > 1 ? 1 : 0)
            for l in page.prefix(max(0, room)) { text.append((l, style(.alert), false)) }
            if pages.count > 1, free - text.count > 0 {
                text.append(("safety notes \(index + 1)/\(pages.count) · s for more", muted, false))
            }
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
        var blankYs = Set<Int>()
        for row in layout {
            if row.digits {
                screen.put(row.text, x: digitX, y: y, style: row.style)
                digitYs.append(y)
            } else if !row.text.isEmpty {
                screen.center(row.text, y: y, style: row.style)
            } else {
                blankYs.insert(y)
            }
            y += 1
        }
        // Rows below the laid-out text are free too.
        for free in y..<max(y, height - 2) { blankYs.insert(free) }
        for free in 1..<(1 + max(0, (available - layout.count) / 2)) { blankYs.insert(free) }
        if let first = digitYs.first, let last = digitYs.last {
            drawFigure(digitRows: first...last, digitX: &digitX, digitWidth: digitWidth, blank: { blankYs.contains($0) })
        }
    }

    mutating func drawHeader() {
        let total = session.timeline.blocks.count
        let right = session.current == nil ? "" : "step \(session.index + 1) of \(total) "
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

    mutating func drawHelp(top: Int, bottom: Int) {
        var lines: [(String, Style)] = []
        let compact = width < 46
        lines.append(("\(clockText)  \(nameWithSide)", phaseStyle))
        if !compact { lines.append(("", .plain)) }
        // Every key of the keymap but this page's own and the redraw.
        let rows = Keymap.session.filter { !$0.hint.isEmpty && !$0.bindings.values.contains(.help) }
        let keys = rows.map { ($0.keys, $0.help) }
        if compact {
            // Two columns of short names, so the safety notes fit below.
            let short = rows.map(\.hint)
            let col = (width - 2) / 2
            for i in stride(from: 0, to: short.count, by: 2) {
                let left = short[i] + String(repeating: " ", count: max(1, col - short[i].count))
                lines.append((left + (i + 1 < short.count ? short[i + 1] : ""), .plain))
            }
        } else {
            for (k, what) in keys { lines.append(("  " + k + String(repeating: " ", count: max(1, 7 - k.count)) + what, .plain)) }
        }
        if !v.safety.isEmpty {
            if !compact { lines.append(("", .plain)) }
            for note in v.safety {
                for l in wrap(note, width: width - (compact ? 2 : 6), maxLines: 4) { lines.append(((compact ? "" : "  ") + l, style(.alert))) }
            }
        }
        let available = bottom - top + 1
        if lines.count + 2 <= available {
            lines.append(("", .plain))
            lines.append(("Any key goes back; the clock keeps running.", muted))
        }
        let shown = Array(lines.prefix(available))
        let blockWidth = min(width - 2, shown.map { $0.0.columns }.max() ?? 0)
        let x = max(1, (width - blockWidth) / 2)
        for (i, (text, st)) in shown.enumerated() { screen.put(fit(text, width - x), x: x, y: top + i, style: st) }
    }

    mutating func drawPainStopped() {
        screen.title = "stopped - runcore"
        let advice = "Pain that stays with you, or that spreads (down a leg, for example), is a reason to stop and talk to a healthcare provider before you train again."
        let more = "Some soreness right after a run, and the next day, is normal. More than that deserves a check."
        let after = "Then tell runcore how your back is: runcore log back 0-10."
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
