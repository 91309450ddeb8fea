/// Block digits for the clock. Each glyph is drawn on a 3×5 grid of pixels; the big font makes a pixel
/// two cells wide (readable across a room), the small one packs two pixel rows into one cell with
/// half blocks.
enum Digits {
    static let glyphs: [Character: [String]] = [
        "0": ["###", "#.#", "#.#", "#.#", "###"],
        "1": ["##.", ".#.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"],
        "3": ["###", "..#", "###", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"],
        "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"],
        "7": ["###", "..#", "..#", "..#", "..#"],
        "8": ["###", "#.#", "###", "#.#", "###"],
        "9": ["###", "#.#", "###", "..#", "###"],
        ":": [".", "#", ".", "#", "."],
        // Capitals, for the side being worked (LEFT, RIGHT) beside the digits.
        "A": ["###", "#.#", "###", "#.#", "#.#"], "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": ["###", "#..", "#..", "#..", "###"], "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "##.", "#..", "###"], "F": ["###", "#..", "##.", "#..", "#.."],
        "G": ["###", "#..", "#.#", "#.#", "###"], "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "I": ["###", ".#.", ".#.", ".#.", "###"], "J": ["..#", "..#", "..#", "#.#", "###"],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"], "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#.#", "###", "###", "#.#", "#.#"], "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
        "O": ["###", "#.#", "#.#", "#.#", "###"], "P": ["###", "#.#", "###", "#..", "#.."],
        "Q": ["###", "#.#", "#.#", "###", "..#"], "R": ["##.", "#.#", "##.", "#.#", "#.#"],
        "S": ["###", "#..", "###", "..#", "###"], "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"], "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
        "W": ["#.#", "#.#", "###", "###", "#.#"], "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
        "Y": ["#.#", "#.#", ".#.", ".#.", ".#."], "Z": ["###", "..#", ".#.", "#..", "###"],
        " ": ["...", "...", "...", "...", "..."],
    ]

    /// The glyphs as pixels (lit or not), read once from the pictures above: the clock is drawn every second.
    /// (Compared as bytes: comparing the pictures' 570 characters as Characters took 0.2 million instructions.)
    static let glyphPixels: [Character: [[Bool]]] = glyphs.mapValues { rows in rows.map { row in row.utf8.map { $0 == UInt8(ascii: "#") } } }

    /// Whether every character of `text` has a glyph.
    static func canDraw(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { glyphs[$0] != nil } }

    /// Pixel rows of `text` (digits and colons), one pixel column between glyphs.
    static func pixels(_ text: String) -> [[Bool]] {
        var rows = Array(repeating: [Bool](), count: 5)
        for (i, ch) in text.enumerated() {
            guard let g = glyphPixels[ch] else { continue }
            for r in 0..<5 {
                if i > 0 { rows[r].append(false) }
                rows[r] += g[r]
            }
        }
        return rows
    }

    /// Each glyph's five rows in the big font (a pixel "██"), as UTF-8, made once: the clock is drawn every second,
    /// and a row of it is put together from these bytes and made a string once.
    static let bigGlyphs: [Character: [[UInt8]]] = {
        let (lit, unlit) = (Array("██".utf8), Array("  ".utf8))
        return glyphPixels.mapValues { rows in
            rows.map { row in
                var bytes: [UInt8] = []
                for pixel in row { bytes += pixel ? lit : unlit }
                return bytes
            }
        }
    }()

    /// Five rows, each pixel "██", one blank pixel column between glyphs.
    static func big(_ text: String) -> [String] {
        let glyphs = text.enumerated().compactMap { i, ch in bigGlyphs[ch].map { (gapBefore: i > 0, rows: $0) } }
        let gap = Array("  ".utf8)
        return (0..<5).map { r in
            var line: [UInt8] = []
            line.reserveCapacity(glyphs.count * 20)  // a glyph's row: at most 3 pixels of 6 bytes, and the gap
            for g in glyphs {
                if g.gapBefore { line += gap }
                line += g.rows[r]
            }
            return String(decoding: line, as: UTF8.self)
        }
    }

    /// Three rows of half blocks.
    static func small(_ text: String) -> [String] {
        let p = pixels(text)
        return stride(from: 0, to: 5, by: 2).map { r in
            let top = p[r]
            let bottom = r + 1 < 5 ? p[r + 1] : Array(repeating: false, count: top.count)
            return String(zip(top, bottom).map { t, b -> Character in
                switch (t, b) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                default: return " "
                }
            })
        }
    }
}
