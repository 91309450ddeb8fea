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

    public init(session: Session, now: Nanos, overlay: Overlay = .none, colour: Bool = true,
                safety: [String] = [], hold: HoldInfo? = nil, note: String? = nil) {
        self.session = session
        self.now = now
        self.overlay = overlay
        self.colour = colour
        self.safety = safety
        self.hold = hold
        self.note = note
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
/// A hold to the tenth of a second: 0:45.2.
public func holdClock(_ n: Nanos) -> String {
    let tenths = Int(n / 100_000_000)
    return "\(clock(tenths / 10)).\(tenths % 10)"
}
func roundedUpSeconds(_ n: Nanos) -> Int { Int((n + nanosPerSecond - 1) / nanosPerSecond) }

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
        case .rest, .switchSides: return .rest
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
        default:
            var t = block.name.uppercased()
            if let item = block.item { t += ": " + item.uppercased() }
            return t
        }
    }

    /// "set 1/2 · left side", "12 reps", "target 0:45 · best 1:02", "now: right side".
    var detailText: String {
        guard let block = session.current else { return "" }
        var parts: [String] = []
        switch block.kind {
        case .switchSides: parts.append("next: \(block.side ?? "other") side")
        case .reps(let n): parts.append("\(n) reps")
        case .hold(let target):
            if let target { parts.append("target \(clock(wholeSeconds(target)))") }
            if let best = v.hold?.best { parts.append("best \(holdClock(best))") }
        default: break
        }
        if let set = block.set { parts.insert("set \(set.index)/\(set.count)", at: 0) }
        if let side = block.side, block.kind != .switchSides { parts.append("\(side) side") }
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
        default: return "Next: \(next.label) · \(clock(wholeSeconds(next.estimate)))"
        }
    }

    var leftText: String { "\(clock(roundedUpSeconds(session.timeLeftOverall(at: v.now)))) left" }

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
        let text = width >= 21 ? "\(clockText) · enlarge window" : width >= clockText.count + 8 ? "\(clockText) enlarge" : clockText
        screen.put(fit(text, width), x: 0, y: 0, style: phaseStyle)
    }

    mutating func drawLines() {
        if v.overlay == .help {
            screen.put(fit("\(clockText) \(nameText)", width), x: 0, y: 0, style: phaseStyle)
            let keys = ["space pause", "n next", "p back", "+/- 10s", "Enter done", "q quit", "! pain"]
            let lines = wrap(keys.joined(separator: " · "), width: width, maxLines: height - 2)
            for (i, l) in lines.enumerated() { screen.put(l, x: 0, y: 1 + i) }
            screen.put(fit("any key: back", width), x: 0, y: height - 1, style: muted)
            return
        }
        let name = detailText.isEmpty ? nameText : nameText + " · " + detailText
        screen.put(fit(name, width), x: 0, y: 0, style: phaseStyle)
        let x = screen.put(clockText, x: 0, y: 1, style: phaseStyle)
        if session.status == .paused { screen.put(fit(" PAUSED", width - x), x: x, y: 1, style: style(.paused, reverse: true)) }
        if v.overlay == .confirmQuit {
            screen.put(fit("Quit? y = yes", width), x: 0, y: 2, style: style(.alert, bold: true, reverse: true))
        } else if let line = statusText.flatMap({ session.status == .paused ? nil : $0 }) ?? nextText {
            screen.put(fit(line, width), x: 0, y: 2, style: muted)
        }
        drawProgress(y: height - 2)
        screen.put(fit(width >= 27 ? "space pause · ? keys · q quit" : "? keys · q quit", width), x: 0, y: height - 1, style: muted)
    }

    /// The big and small layouts: header, step, clock, cue, next, progress bar, key hints.
    mutating func drawFull(big: Bool) {
        drawHeader()
        drawProgress(y: height - 2)
        let hints: String
        switch session.current?.kind {
        case .hold?: hints = width >= 70 ? "space or Enter stop the clock · ? help · q quit · ! pain" : "space stops · ? keys · q quit"
        case .reps?: hints = width >= 70 ? "Enter done · space pause · n next · p back · ? help · q quit · ! pain" : "Enter done · ? keys · q quit"
        default: hints = width >= 70 ? "space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain" : "space pause · ? keys · q quit"
        }
        screen.put(fit(" " + hints, width), x: 0, y: height - 1, style: muted)
        if v.overlay == .help { return drawHelp(top: 1, bottom: height - 3) }

        let digits = big ? Digits.big(clockText) : Digits.small(clockText)
        let cueWidth = min(width - 4, 72)
        let status = v.overlay == .confirmQuit
            ? (width >= 60 ? " Quit this session?  y quit · any other key keeps going " : " Quit? y = yes, other key = no ")
            : statusText
        let statusStyle = v.overlay == .confirmQuit ? style(.alert, bold: true, reverse: true)
            : session.status == .paused ? style(.paused, bold: true, reverse: true) : style(.accent, bold: true)
        let cueLines = wrap(session.current?.cue ?? "", width: cueWidth, maxLines: big ? 2 : 1)
        // Rows, top to bottom; blank rows only where there is room for them.
        var rows: [(text: String, style: Style, digits: Bool)] = []
        let roomy = big || height >= 14
        rows.append((nameText, phaseStyle, false))
        rows.append((detailText, style(.accent), false))
        if roomy { rows.append(("", .plain, false)) }
        for d in digits { rows.append((d, phaseStyle, true)) }
        if roomy { rows.append(("", .plain, false)) }
        if let status {
            rows.append((status, statusStyle, false))
        }
        if big || status == nil || height >= 13 {
            for line in cueLines { rows.append((line, .plain, false)) }
        }
        if roomy { rows.append(("", .plain, false)) }
        if let recent = v.hold?.recent, !recent.isEmpty, case .hold? = session.current?.kind {
            rows.append(("last " + recent.prefix(5).map { holdClock($0) }.joined(separator: " · "), muted, false))
        } else if let next = nextText {
            rows.append((next, muted, false))
        }

        let top = 1, bottom = height - 3  // rows available: top...bottom
        let available = bottom - top + 1
        // Drop the cue and blank rows first if the window is short.
        while rows.count > available, let i = rows.lastIndex(where: { $0.text.isEmpty && !$0.digits }) { rows.remove(at: i) }
        while rows.count > available { rows.removeLast() }
        var y = top + max(0, (available - rows.count) / 2)
        let digitWidth = digits.first?.count ?? 0
        let digitX = max(0, (width - digitWidth) / 2)
        for row in rows {
            if row.digits {
                screen.put(row.text, x: digitX, y: y, style: row.style)
            } else if !row.text.isEmpty {
                screen.center(row.text, y: y, style: row.style)
            }
            y += 1
        }
    }

    mutating func drawHeader() {
        let total = session.timeline.blocks.count
        let right = session.current == nil ? "" : "step \(session.index + 1) of \(total) "
        let left = " " + session.timeline.title
        screen.put(fit(left, max(0, width - right.count - 1)), x: 0, y: 0, style: muted)
        screen.put(right, x: max(0, width - right.count), y: 0, style: muted)
        if let note = v.note, width - left.count - right.count > 8 {
            let n = fit(note, width - left.count - right.count - 4)
            screen.put(n, x: left.count + 2, y: 0, style: style(.alert, bold: true))
        }
    }

    /// "━━━━━━━───────  6:31 left": the whole routine, done part in the accent colour.
    mutating func drawProgress(y: Int) {
        let label = " " + leftText
        let barWidth = max(0, width - label.count - (width >= 30 ? 2 : 0))
        let x0 = width >= 30 ? 1 : 0
        let done = Int((session.progress(at: v.now) * Double(barWidth)).rounded(.down))
        for i in 0..<barWidth {
            let isDone = i < done
            screen[x0 + i, y] = Cell(isDone ? "━" : "─", isDone ? style(.accent, bold: true) : muted)
        }
        screen.put(label, x: x0 + barWidth, y: y, style: .plain)
    }

    mutating func drawHelp(top: Int, bottom: Int) {
        var lines: [(String, Style)] = []
        let compact = width < 46
        lines.append(("\(clockText)  \(nameText)", phaseStyle))
        lines.append(("", .plain))
        let keys: [(String, String)] = [
            ("space", "pause / resume"), ("n  →", "next step"), ("p  ←", "back a step"),
            ("+  -", "add / take 10 seconds"), ("Enter", "done (rep and hold steps)"),
            ("q", "quit (asks first)"), ("!", "stop for pain"),
        ]
        for (k, what) in keys { lines.append(("  " + k + String(repeating: " ", count: max(1, 7 - k.count)) + what, .plain)) }
        if !v.safety.isEmpty && !compact {
            lines.append(("", .plain))
            for note in v.safety {
                for l in wrap(note, width: width - 6, maxLines: 3) { lines.append(("  " + l, style(.alert))) }
            }
        }
        lines.append(("", .plain))
        lines.append(("Any key goes back; the clock keeps running.", muted))
        let available = bottom - top + 1
        let shown = Array(lines.prefix(available))
        let blockWidth = min(width - 2, shown.map { $0.0.count }.max() ?? 0)
        let x = max(1, (width - blockWidth) / 2)
        for (i, (text, st)) in shown.enumerated() { screen.put(fit(text, width - x), x: x, y: top + i, style: st) }
    }

    mutating func drawPainStopped() {
        screen.title = "stopped - runcore"
        let text = [
            "Pain that stays with you, or that spreads (down a leg, for example), is a reason to stop and talk to a healthcare provider before you train again.",
            "Some soreness right after a run, and the next day, is normal. More than that deserves a check.",
        ]
        if height < 5 || width < 20 {
            screen.put(fit("Stopped for pain. Any key.", width), x: 0, y: 0, style: style(.alert, bold: true))
            return
        }
        var lines: [(String, Style)] = [("STOPPED FOR PAIN", style(.alert, bold: true)), ("", .plain)]
        let w = min(width - 4, 70)
        for (i, p) in text.enumerated() {
            for l in wrap(p, width: w, maxLines: 4) { lines.append((l, .plain)) }
            if i == 0 { lines.append(("", .plain)) }
        }
        lines.append(("", .plain))
        lines.append(("What you did is saved. Press any key to leave.", muted))
        let shown = Array(lines.prefix(height))
        var y = max(0, (height - shown.count) / 2)
        for (text, st) in shown {
            screen.center(text, y: y, style: st)
            y += 1
        }
    }
}
