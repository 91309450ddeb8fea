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

public struct MenuView: Sendable {
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

/// A line at the top of the menu: advice, or a warning (in the alert colour, marked `!`).
public struct MenuLine: Sendable, Equatable {
    public var text: String
    public var alert: Bool
    public init(_ text: String, alert: Bool = false) {
        self.text = text
        self.alert = alert
    }
}

/// The start menu: routines with their total time; the chosen one's summary below the list.
public func renderMenu(_ v: MenuView, width: Int, height: Int) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: v.colour) else { return Screen(width: width, height: height) }
    var screen = blank
    if height < 3 || width < 20 {
        let item = v.items.indices.contains(v.selected) ? v.items[v.selected].title : ""
        screen.put(fit("▶ \(item)", width), x: 0, y: 0, style: accent)
        return screen
    }
    screen.put(fit(" runcore · warm-up and core for runners", width), x: 0, y: 0, style: accent)
    let hints = " ↑↓ choose · Enter start · h history · q quit"
    screen.put(fit(hints, width), x: 0, y: height - 1, style: muted)
    let titleWidth = min(max(v.items.map(\.title.columns).max() ?? 0, 10), max(4, width - 14))
    var y = height >= 8 ? 2 : 1
    // Today: the warnings that mean stop come first in `today`; the list keeps at least its rows.
    if !v.today.isEmpty, height >= 8 {
        // At least one row, so a stop for pain is seen at any size; the list keeps its rows.
        let room = max(1, height - 6 - v.items.count - 3)
        let alert = v.colour ? Style(.alert, bold: true) : Style(bold: true)
        var rows: [(String, Style)] = []
        for line in v.today {
            for l in wrap((line.alert ? "! " : "→ ") + line.text, width: width - 2, maxLines: 3) { rows.append((l, line.alert ? alert : .plain)) }
        }
        if rows.count > room {
            rows = room == 1 ? [(v.today[0].alert ? "! " : "→ ") + v.today[0].text].map { ($0, v.today[0].alert ? alert : .plain) }
                             : Array(rows.prefix(room - 1)) + [("… runcore today for all of it", muted)]
        }
        for (l, style) in rows.prefix(room) {
            screen.put(fit(" " + l, width), x: 0, y: y, style: style)
            y += 1
        }
        if height >= 16 { y += 1 }
    }
    let lastListRow = height - (height >= 8 ? 3 : 2)
    for (i, item) in v.items.enumerated() where y <= lastListRow {
        let chosen = i == v.selected
        let title = fit(item.title, titleWidth)
        let line = (chosen ? " ▶ " : "   ") + title + String(repeating: " ", count: max(1, titleWidth - title.columns + 2)) + String(repeating: " ", count: max(0, 5 - item.total.count)) + item.total
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
    screen.put(fit(" " + v.title, width), x: 0, y: 0, style: accent)
    let top = height >= 8 ? 2 : 1
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
        screen.put(fit(" space tick · Enter start (\(n) ticked) · Esc back", width), x: 0, y: height - 1, style: muted)
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
