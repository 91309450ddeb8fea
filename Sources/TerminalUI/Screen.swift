import Foundation

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

/// One cell of the screen: a character and its style.
///
/// The character is kept as its UTF-8 bytes packed into two words, so that a cell is plain data: a screen's
/// 1,920 cells are made, compared, copied and freed every second without a reference count for each of them,
/// which a `Character` (a string) would need. Up to 15 bytes are kept (any letter with a few marks, any
/// single emoji); a longer cluster keeps its first scalar, as no terminal stacks that many marks anyway.
public struct Cell: Equatable, Sendable {
    private var utf8: PackedUTF8
    public var style: Style

    public init(_ char: Character = " ", _ style: Style = .plain) {
        utf8 = char.utf8.count <= PackedUTF8.capacity ? PackedUTF8(char.utf8) : PackedUTF8(char.unicodeScalars.first!.utf8)
        self.style = style
    }

    /// A cell of one scalar: what plain text is written as.
    init(scalar: Unicode.Scalar, _ style: Style) {
        utf8 = PackedUTF8(scalar)
        self.style = style
    }

    public var char: Character {
        get { Character(String(decoding: utf8.bytes, as: UTF8.self)) }
        set { self = Cell(newValue, style) }
    }

    /// Adds the character's bytes to `text` (a run being written).
    func appendUTF8(to text: inout [UInt8]) { utf8.append(to: &text) }

    /// The right half of a wide character: the terminal draws the character over both cells.
    public static let continuationMark: Character = "\u{0}"
    public var isContinuation: Bool { utf8 == Self.continuation }
    private static let continuation = PackedUTF8([0])
}

/// Up to 15 bytes of UTF-8 in two words, the count in the top byte of the second.
struct PackedUTF8: Equatable, Sendable {
    static let capacity = 15
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The first 15 of `bytes`.
    init<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var count = 0
        for b in bytes where count < Self.capacity {
            if count < 8 { low |= UInt64(b) << (8 * count) } else { high |= UInt64(b) << (8 * (count - 8)) }
            count += 1
        }
        high |= UInt64(count) << 56
    }

    /// One scalar, encoded here (plain text is written a scalar at a time, hundreds of them each second):
    /// one byte below U+0080, then two, three or four, each after the first carrying six bits.
    init(_ scalar: Unicode.Scalar) {
        let v = UInt64(scalar.value)
        switch v {
        case ..<0x80:
            low = v
            high = 1 << 56
        case ..<0x800:
            low = (0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8
            high = 2 << 56
        case ..<0x1_0000:
            low = (0xE0 | v >> 12) | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16
            high = 3 << 56
        default:
            low = (0xF0 | v >> 18) | (0x80 | v >> 12 & 0x3F) << 8 | (0x80 | v >> 6 & 0x3F) << 16 | (0x80 | v & 0x3F) << 24
            high = 4 << 56
        }
    }

    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }

    /// Adds the bytes to `text`, with no array of their own (the diff does it for each cell it writes).
    func append(to text: inout [UInt8]) {
        for i in 0..<Int(high >> 56) { text.append(UInt8(truncatingIfNeeded: i < 8 ? low >> (8 * i) : high >> (8 * (i - 8)))) }
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

    /// Writes `text` from column `x` of row `y`, clipped to the screen, by display width: a wide character
    /// takes two cells (the second marked as its continuation) and is left out if only one is left. Returns
    /// the column after it. Control characters never reach a cell.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        guard y >= 0, y < height else { return x }
        var col = x
        if DisplayWidth.isSimple(text) {
            // One column a scalar: no characters to break, no wide ones to pair. A wide character already on the
            // row can be cut only at either end of the text (one inside it is written over whole): only the first
            // and the last cell written are looked at.
            let start = max(0, col)
            for u in text.unicodeScalars {
                if col >= width { break }
                if col >= 0 {
                    if col == start { clearWide(at: col, y) }
                    self[col, y] = Cell(scalar: u, style)
                }
                col += 1
            }
            if col > start { clearWide(at: min(col, width) - 1, y) }
            return col
        }
        for ch in DisplayWidth.normalized(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > width { break }
            if col >= 0 {
                clearWide(at: col, y)
                if w == 2 { clearWide(at: col + 1, y) }
                self[col, y] = Cell(ch, style)
                if w == 2 { self[col + 1, y] = Cell(Cell.continuationMark, style) }
            }
            col += w
        }
        return col
    }

    /// Before cell (x, y) is written: a wide character that covers it is blanked whole.
    private mutating func clearWide(at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", self[x - 1, y].style) }
        if x + 1 < width, self[x + 1, y].isContinuation { self[x + 1, y] = Cell(" ", self[x + 1, y].style) }
    }

    /// Writes `text` centred on row `y`, cut with "…" if it does not fit.
    public mutating func center(_ text: String, y: Int, style: Style = .plain) {
        let t = fit(text, width)
        put(t, x: max(0, (width - t.columns) / 2), y: y, style: style)
    }

    /// The rows as text, trailing spaces removed: the picture a test compares.
    public var lines: [String] {
        (0..<height).map { y in
            var row = String((0..<width).compactMap { self[$0, y].isContinuation ? nil : self[$0, y].char })
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// The rows as one string, rows joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

/// `text` cut to `width` columns, ending in "…" when something was cut.
public func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let t = DisplayWidth.normalized(text)
    if t.columns <= width { return t }
    var out = ""
    var used = 0
    for ch in t {
        let w = DisplayWidth.of(ch)
        if used + w > width - 1 { break }
        out.append(ch)
        used += w
    }
    return out + "…"
}

/// The one word-wrapper, by display columns: splits `text` into at most `maxLines` lines of at most `width`
/// columns, at spaces where possible, each line after the first starting with `indent`; the last line ends in
/// "…" if text was left over.
public func wrap(_ text: String, width: Int, maxLines: Int = .max, indent: String = "") -> [String] {
    guard width > 0, maxLines > 0 else { return [] }
    let indent = indent.columns < width ? indent : ""
    var lines: [String] = []
    var current = ""
    var words = DisplayWidth.normalized(text).split(separator: " ").map(String.init)
    while !words.isEmpty {
        let w = words.removeFirst()
        let lead = lines.isEmpty ? "" : indent
        let candidate = current.isEmpty ? lead + w : current + " " + w
        if candidate.columns <= width {
            current = candidate
            continue
        }
        if !current.isEmpty {
            lines.append(current)
            current = ""
            words.insert(w, at: 0)
        } else {
            // A word longer than the line: cut it by columns.
            var head = lead
            var used = lead.columns
            var rest = Substring(w)
            while let ch = rest.first, used + DisplayWidth.of(ch) <= width {
                head.append(ch)
                used += DisplayWidth.of(ch)
                rest = rest.dropFirst()
            }
            if head == lead, let ch = rest.first { head.append(ch); rest = rest.dropFirst() }
            lines.append(head)
            if !rest.isEmpty { words.insert(String(rest), at: 0) }
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

/// A stretch of changed cells on one row, in one style: what the terminal writes.
public struct ScreenRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style
    public init(x: Int, y: Int, text: String, style: Style) {
        self.x = x
        self.y = y
        self.text = text
        self.style = style
    }
}

extension Screen {
    /// What must be written to turn `previous` into this screen: `clear` when the whole screen is to be wiped
    /// first (nothing drawn before, or a new size), and the runs of cells that differ, each one style. A wide
    /// character's right half goes with its left half, never alone; where a wide character was replaced, the
    /// cells it covered are rewritten.
    public func diff(from previous: Screen?) -> (clear: Bool, runs: [ScreenRun]) {
        let old = previous.flatMap { $0.width == width && $0.height == height ? $0.cells : nil } ?? []
        let full = old.isEmpty
        var runs: [ScreenRun] = []
        // Each second most of the 1,920 cells of a screen are as they were: the two grids are read in place.
        cells.withUnsafeBufferPointer { new in
            old.withUnsafeBufferPointer { old in
                for y in 0..<height {
                    let row = y * width
                    if !full, Self.sameBytes(old, new, from: row, count: width) { continue }
                    var x = 0
                    while x < width {
                        if !full {
                            x += Self.unchanged(old, new, from: row + x, upTo: row + width)
                            if x == width { break }
                        }
                        let style = new[row + x].style
                        var text: [UInt8] = []
                        var end = x
                        while end < width, new[row + end].style == style,
                              full || old[row + end] != new[row + end] || new[row + end].isContinuation {
                            if !new[row + end].isContinuation { new[row + end].appendUTF8(to: &text) }
                            end += 1
                        }
                        if !text.isEmpty { runs.append(ScreenRun(x: x, y: y, text: String(decoding: text, as: UTF8.self), style: style)) }
                        x = max(end, x + 1)
                    }
                }
            }
        }
        return (full, runs)
    }

    /// Whether `count` cells from `start` on are the same in both grids, byte for byte: most rows are as they were,
    /// and one comparison of their memory finds it. Cells that are equal may still differ in the bytes between
    /// their fields (padding), so `false` only means the row is to be compared cell by cell.
    private static func sameBytes(_ old: UnsafeBufferPointer<Cell>, _ new: UnsafeBufferPointer<Cell>, from start: Int, count: Int) -> Bool {
        guard count > 0, let a = old.baseAddress, let b = new.baseAddress else { return false }
        return memcmp(a + start, b + start, count * MemoryLayout<Cell>.stride) == 0
    }

    /// How many cells from `start` on (before `end`) are the same in both grids.
    private static func unchanged(_ old: UnsafeBufferPointer<Cell>, _ new: UnsafeBufferPointer<Cell>, from start: Int, upTo end: Int) -> Int {
        var i = start
        while i < end, old[i] == new[i] { i += 1 }
        return i - start
    }
}
