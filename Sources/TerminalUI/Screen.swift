/// What a cell is drawn as: a colour role (ignored without colour) and attributes.
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, work, rest, getReady, paused, final, accent, alert, muted
    }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
}

public struct Cell: Equatable, Sendable {
    public var char: Character
    public var style: Style
    public init(_ char: Character = " ", _ style: Style = .plain) {
        self.char = char
        self.style = style
    }
}

/// A grid of cells: what the terminal should show. Rendering produces one; the terminal layer draws
/// the cells that differ from the last one; tests compare them with pictures written as text.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Window title (time left), or nil to leave it alone.
    public var title: String?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` of row `y`, clipped to the screen. Returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        guard y >= 0, y < height else { return x }
        var col = x
        for ch in text {
            if col >= width { break }
            if col >= 0 { self[col, y] = Cell(ch, style) }
            col += 1
        }
        return col
    }

    /// Writes `text` centred on row `y`, cut with "…" if it does not fit.
    public mutating func center(_ text: String, y: Int, style: Style = .plain) {
        let t = fit(text, width)
        put(t, x: max(0, (width - t.count) / 2), y: y, style: style)
    }

    /// The rows as text, trailing spaces removed: the picture a test compares.
    public var lines: [String] {
        (0..<height).map { y in
            var row = String((0..<width).map { self[$0, y].char })
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// The rows as one string, rows joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

/// `text` cut to `width` characters, ending in "…" when something was cut.
public func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    if text.count <= width { return text }
    return String(text.prefix(width - 1)) + "…"
}

/// Splits `text` into at most `maxLines` lines of at most `width` characters, at spaces where possible;
/// the last line ends in "…" if text was left over.
public func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
    guard width > 0, maxLines > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    var words = text.split(separator: " ").map(String.init)
    while !words.isEmpty {
        let w = words.removeFirst()
        let candidate = current.isEmpty ? w : current + " " + w
        if candidate.count <= width {
            current = candidate
            continue
        }
        if !current.isEmpty {
            lines.append(current)
            current = ""
            words.insert(w, at: 0)
        } else {
            lines.append(String(w.prefix(width)))
            let rest = String(w.dropFirst(width))
            if !rest.isEmpty { words.insert(rest, at: 0) }
        }
        if lines.count == maxLines {
            let left = ([current] + words).filter { !$0.isEmpty }
            if !left.isEmpty { lines[maxLines - 1] = fit(lines[maxLines - 1] + " …", width) }
            return lines
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
