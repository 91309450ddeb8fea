/// One routine in the menu.
public struct MenuItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var total: String
    public var summary: String
    public init(id: String, title: String, total: String, summary: String) {
        self.id = id
        self.title = title
        self.total = total
        self.summary = summary
    }
}

public struct MenuView: Sendable {
    public var items: [MenuItem]
    public var selected: Int
    public var colour: Bool
    /// A line kept at the bottom, e.g. a broken routine file.
    public var note: String?
    public init(items: [MenuItem], selected: Int, colour: Bool = true, note: String? = nil) {
        self.items = items
        self.selected = selected
        self.colour = colour
        self.note = note
    }
}

/// The start menu: routines with their total time; the chosen one's summary below the list.
public func renderMenu(_ v: MenuView, width: Int, height: Int) -> Screen {
    var screen = Screen(width: width, height: height)
    guard width > 0, height > 0 else { return screen }
    screen.title = "runcore"
    let accent = v.colour ? Style(.accent, bold: true) : Style(bold: true)
    let muted = v.colour ? Style(.muted) : Style(dim: true)
    if height < 3 || width < 20 {
        let item = v.items.indices.contains(v.selected) ? v.items[v.selected].title : ""
        screen.put(fit("▶ \(item)", width), x: 0, y: 0, style: accent)
        return screen
    }
    screen.put(fit(" runcore · warm-up and core for runners", width), x: 0, y: 0, style: accent)
    let hints = " ↑↓ choose · Enter start · h history · q quit"
    screen.put(fit(hints, width), x: 0, y: height - 1, style: muted)
    let titleWidth = min(max(v.items.map(\.title.count).max() ?? 0, 10), max(4, width - 14))
    var y = height >= 8 ? 2 : 1
    let lastListRow = height - (height >= 8 ? 3 : 2)
    for (i, item) in v.items.enumerated() where y <= lastListRow {
        let chosen = i == v.selected
        let title = fit(item.title, titleWidth)
        let line = (chosen ? " ▶ " : "   ") + title + String(repeating: " ", count: max(1, titleWidth - title.count + 2)) + String(repeating: " ", count: max(0, 5 - item.total.count)) + item.total
        screen.put(fit(line, width), x: 0, y: y, style: chosen ? Style(v.colour ? .work : .normal, bold: true, reverse: !v.colour) : .plain)
        y += 1
    }
    if v.items.indices.contains(v.selected), height >= 8 {
        let summary = v.items[v.selected].summary
        let lines = wrap(summary, width: width - 4, maxLines: max(0, height - 2 - y - 1))
        for (i, l) in lines.enumerated() { screen.put(l, x: 3, y: y + 1 + i, style: muted) }
    }
    if let note = v.note, height >= 6 {
        screen.put(fit(" " + note, width), x: 0, y: height - 2, style: v.colour ? Style(.alert) : Style(bold: true))
    }
    return screen
}

/// A page of text (the history and stats seen from the menu), with a title and a way back.
public func renderTextPage(title: String, lines: [String], width: Int, height: Int, colour: Bool = true) -> Screen {
    var screen = Screen(width: width, height: height)
    guard width > 0, height > 0 else { return screen }
    screen.title = "runcore"
    let accent = colour ? Style(.accent, bold: true) : Style(bold: true)
    let muted = colour ? Style(.muted) : Style(dim: true)
    screen.put(fit(" " + title, width), x: 0, y: 0, style: accent)
    for (i, line) in lines.prefix(max(0, height - 3)).enumerated() { screen.put(fit(" " + line, width), x: 0, y: 2 + i) }
    if height >= 2 { screen.put(fit(" any key: back", width), x: 0, y: height - 1, style: muted) }
    return screen
}
