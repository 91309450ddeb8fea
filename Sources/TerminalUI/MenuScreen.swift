/// One routine in the menu.
public struct MenuItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var total: String
    public var summary: String
    /// The routine's safety notes, shown beside it.
    public var safety: [String]
    public init(id: String, title: String, total: String, summary: String, safety: [String] = []) {
        self.id = id
        self.title = title
        self.total = total
        self.summary = summary
        self.safety = safety
    }
}

public struct MenuView: Sendable, Equatable {
    public var items: [MenuItem]
    public var selected: Int
    public var colour: Bool
    /// A line kept at the bottom, e.g. a broken routine file.
    public var note: String?
    /// What to do today and the warnings, at the top, in the order given (a stop for pain first).
    public var today: [MenuLine]
    public init(items: [MenuItem], selected: Int, colour: Bool = true, note: String? = nil, today: [MenuLine] = []) {
        self.items = items
        self.selected = selected
        self.colour = colour
        self.note = note
        self.today = today
    }
}

/// A line at the top of the menu: a stop, the day's advice, or a warning.
public struct MenuLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Shown whole at every size, before anything else, in the alert colour and bold.
        case stop
        /// What to do today (`→`).
        case advice
        /// In the alert colour, marked `!`; shown whole, or left to `runcore today` when there is no room.
        case warning
    }
    public var text: String
    public var style: Kind
    public init(_ text: String, style: Kind = .advice) {
        self.text = text
        self.style = style
    }
}

/// The start menu: routines with their total time; the chosen one's summary below the list.
public func renderMenu(_ v: MenuView, width: Int, height: Int) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: v.colour) else { return Screen(width: width, height: height) }
    var screen = blank
    if height < 3 || width < 20 {
        let item = v.items.indices.contains(v.selected) ? v.items[v.selected].title : ""
        screen.put(width < 3 ? "▶" : fit("▶ \(item)", width), x: 0, y: 0, style: accent)
        return screen
    }
    screen.put(fit(" runcore · warm-up and core for runners", width), x: 0, y: 0, style: accent)
    screen.put(fit(Keymap.menuHints(width: width), width), x: 0, y: height - 1, style: muted)
    // Below 30 columns the totals give way to the titles.
    let showTotals = width >= 30
    let titleWidth = showTotals ? min(max(v.items.map(\.title.columns).max() ?? 0, 10), max(4, width - 14)) : max(1, width - 3)
    var y = height >= 12 ? 2 : 1
    let lastListRow = height - (v.note != nil && height >= 6 ? 3 : 2)
    // Today, in the verdict's order. A stop is shown whole at every size, even if the list then has no room;
    // every other line is shown whole or not at all (then `runcore today` is named for the rest), after
    // leaving the list its rows.
    if !v.today.isEmpty {
        let listRows = min(v.items.count, height >= 16 ? v.items.count : height >= 12 ? 4 : 1)
        let room = lastListRow - y + 1 - listRows - (height >= 16 ? 1 : 0)
        let alert = v.colour ? Style(.alert, bold: true) : Style(bold: true)
        let warn = v.colour ? Style(.alert) : Style(bold: true)
        var rows: [(String, Style)] = []
        var left = false
        for line in v.today {
            let prefix = line.style == .advice ? "→ " : "! "
            let wrapped = wrap(prefix + line.text, width: max(1, width - 2), indent: "  ")
            let style = line.style == .stop ? alert : line.style == .warning ? warn : .plain
            if line.style == .stop || rows.count + wrapped.count <= room - 1 || (line == v.today.last && rows.count + wrapped.count <= room) {
                rows += wrapped.map { ($0, style) }
            } else {
                left = true
            }
        }
        if left && rows.count < room { rows.append(("… the rest: runcore today", muted)) }
        for (l, style) in rows where y < height - 1 {
            screen.put(fit(" " + l, width), x: 0, y: y, style: style)
            y += 1
        }
        if height >= 16 { y += 1 }
    }
    // The list, scrolled to keep the chosen routine in view.
    let listRoom = max(0, lastListRow - y + 1)
    let firstShown = listRoom == 0 ? 0 : max(0, min(v.selected - listRoom + 1, v.items.count - listRoom))
    for (i, item) in v.items.enumerated().dropFirst(firstShown) where y <= lastListRow {
        let chosen = i == v.selected
        let title = fit(item.title, titleWidth)
        var line = (chosen ? " ▶ " : "   ") + title
        if showTotals {
            line += String(repeating: " ", count: max(1, titleWidth - title.columns + 2)) + String(repeating: " ", count: max(0, 5 - item.total.count)) + item.total
        }
        screen.put(fit(line, width), x: 0, y: y, style: chosen ? Style(v.colour ? .work : .normal, bold: true, reverse: !v.colour) : .plain)
        y += 1
    }
    if v.items.indices.contains(v.selected), height >= 8 {
        // The chosen routine's summary, then its safety notes, as far as rows allow.
        let item = v.items[v.selected]
        let last = height - (v.note == nil ? 3 : 4)
        var row = y + 1
        for l in wrap(item.summary, width: width - 4, maxLines: max(0, last - row + 1)) {
            screen.put(l, x: 3, y: row, style: muted)
            row += 1
        }
        let alert = v.colour ? Style(.alert) : Style(bold: true)
        for note in item.safety where row <= last {
            for l in wrap("! " + note, width: width - 4, maxLines: max(0, last - row + 1)) {
                screen.put(l, x: 3, y: row, style: alert)
                row += 1
            }
        }
    }
    if let note = v.note, height >= 6 {
        screen.put(fit(" " + note, width), x: 0, y: height - 2, style: v.colour ? Style(.alert) : Style(bold: true))
    }
    return screen
}

/// A yes/no question before something is done (starting a routine on a day to rest): the title, the question
/// wrapped whole in the alert colour, and the keys. No is the default.
public func renderConfirm(title: String, question: String, keys: String, width: Int, height: Int, colour: Bool = true) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: colour) else { return Screen(width: width, height: height) }
    var screen = blank
    screen.put(fit(" " + title, width), x: 0, y: 0, style: accent)
    let lines = wrap(question, width: max(1, width - 2))
    // A blank row under the title where it leaves the question whole.
    var y = height >= 3 && lines.count + 3 <= height ? 2 : 1
    for l in lines where y < max(1, height - 1) {
        screen.put(" " + l, x: 0, y: y, style: colour ? Style(.alert, bold: true) : Style(bold: true))
        y += 1
    }
    if height >= 2 { screen.put(fit(keys, width), x: 0, y: height - 1, style: muted) }
    return screen
}

/// A page of text (the history and stats seen from the menu), with a title, scrolled to `offset` rows.
public func renderTextPage(title: String, lines: [String], width: Int, height: Int, colour: Bool = true,
                           offset: Int = 0) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: colour) else { return Screen(width: width, height: height) }
    var screen = blank
    screen.put(fit(" " + title, width), x: 0, y: 0, style: accent)
    let rows = textPageRows(height: height)
    let start = clampedOffset(offset, lines: lines.count, height: height)
    for (i, line) in lines.dropFirst(start).prefix(rows).enumerated() { screen.put(fit(" " + line, width), x: 0, y: 2 + i) }
    if height >= 2 {
        let scrolls = lines.count > rows
        let hint = scrolls ? " ↑↓ PgUp PgDn scroll · q back   \(start + 1)–\(min(lines.count, start + rows)) of \(lines.count)"
                           : " any key: back"
        screen.put(fit(hint, width), x: 0, y: height - 1, style: muted)
    }
    return screen
}

/// Rows of text a page shows at `height`.
public func textPageRows(height: Int) -> Int { max(0, height - 3) }

/// `offset` kept where the page still shows text (the last page ends on the last line).
public func clampedOffset(_ offset: Int, lines: Int, height: Int) -> Int {
    max(0, min(offset, lines - textPageRows(height: height)))
}

/// A checklist (the muscle groups to foam roll today): each choice ticked or not, one under the cursor.
public struct ChecklistView: Sendable {
    public var title: String
    public var choices: [String]
    public var ticked: Set<String>
    public var cursor: Int
    public var colour: Bool
    public init(title: String, choices: [String], ticked: Set<String>, cursor: Int, colour: Bool = true) {
        self.title = title
        self.choices = choices
        self.ticked = ticked
        self.cursor = cursor
        self.colour = colour
    }
}

public func renderChecklist(_ v: ChecklistView, width: Int, height: Int) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: v.colour) else { return Screen(width: width, height: height) }
    var screen = blank
    // The title wraps onto a second row where all the choices still fit below it.
    let titleLines = wrap(v.title, width: max(1, width - 1), maxLines: 2)
    let titleRows = titleLines.count > 1 && height >= v.choices.count + 4 ? 2 : 1
    if titleRows == 2 {
        for (y, line) in titleLines.enumerated() { screen.put(" " + line, x: 0, y: y, style: accent) }
    } else {
        screen.put(fit(" " + v.title, width), x: 0, y: 0, style: accent)
    }
    let top = titleRows + (height >= v.choices.count + titleRows + 2 || height >= 8 && titleRows == 1 ? 1 : 0)
    let rows = max(0, height - top - 1)
    let first = max(0, min(v.cursor - rows + 1, v.choices.count - rows))
    for (i, choice) in v.choices.enumerated().dropFirst(first).prefix(rows) {
        let mark = v.ticked.contains(choice) ? "[x]" : "[ ]"
        let line = (i == v.cursor ? " ▶ " : "   ") + mark + " " + choice
        let style = i == v.cursor ? Style(v.colour ? .work : .normal, bold: true, reverse: !v.colour) : Style.plain
        screen.put(fit(line, width), x: 0, y: top + i - first, style: style)
    }
    if height >= 3 {
        let n = v.ticked.count
        // The count gives way before the keys do.
        let keys = [" space tick · Enter start (\(n) ticked) · Esc back", " space tick · Enter start · Esc back"]
        screen.put(fit(keys.first { $0.columns <= width } ?? keys[1], width), x: 0, y: height - 1, style: muted)
    }
    return screen
}

/// A blank page of the menu, titled for the terminal, and its styles; nil when there is no room at all.
func menuPage(width: Int, height: Int, colour: Bool) -> (screen: Screen, accent: Style, muted: Style)? {
    var screen = Screen(width: width, height: height)
    guard width > 0, height > 0 else { return nil }
    screen.title = "runcore"
    let (accent, muted) = pageStyles(colour: colour)
    return (screen, accent, muted)
}

/// The styles the menu's pages share: titles in the accent, hints muted; attributes alone without colour.
func pageStyles(colour: Bool) -> (accent: Style, muted: Style) {
    (colour ? Style(.accent, bold: true) : Style(bold: true), colour ? Style(.muted) : Style(dim: true))
}
