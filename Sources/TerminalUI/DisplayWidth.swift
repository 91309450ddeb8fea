/// How many terminal columns text takes, and text made safe to lay out by columns.
///
/// Wide characters (CJK, fullwidth forms, emoji shown as emoji) take two columns, combining marks none.
/// Terminals disagree about emoji built from several code points (a family joined with zero-width joiners,
/// a skin tone, a flag), so before anything is laid out such a cluster is reduced to what every terminal
/// draws the same: its first emoji (two columns), or for a flag its two letters ("FR"). A row then never
/// wraps, and no piece of an earlier screen is left behind.
public enum DisplayWidth {
    /// Columns taken by one already-normalised character: 0, 1 or 2.
    public static func of(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        return scalarWidth(first)
    }

    static func scalarWidth(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 { return 0 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if u.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Whether `text` can be laid out as it is: one column per scalar, nothing to reduce (the common case:
    /// ASCII, box drawing, block elements), found without breaking it into characters.
    static func isSimple(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return text.unicodeScalars.allSatisfy { u in
            let v = u.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
            if v < 0x300 { return true }
            // Box drawing, block elements, geometric shapes, general punctuation but the zero-width ones.
            if (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || (0x2190...0x21FF).contains(v)
                || (0x2500...0x25FF).contains(v) { return true }
            return false
        }
    }

    /// `text` with each character reduced to a form every terminal draws at a known width.
    public static func normalized(_ text: String) -> String {
        if isSimple(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            let scalars = Array(ch.unicodeScalars)
            if scalars.count == 1 {
                if scalarWidth(scalars[0]) > 0 || scalars[0] == " " { out.append(ch) }
                continue
            }
            // A flag: two regional indicators, written as their letters.
            if scalars.count == 2, scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0.value) }) {
                for s in scalars { out.unicodeScalars.append(Unicode.Scalar(s.value - 0x1F1E6 + 0x41)!) }
                continue
            }
            let isEmoji = scalars.contains { $0.properties.isEmojiPresentation || $0.value == 0x200D || $0.value == 0xFE0F
                || (0x1F3FB...0x1F3FF).contains($0.value) || (0xE0020...0xE007F).contains($0.value) || $0.value == 0x20E3 }
            if isEmoji {
                // The first code point alone (a joined family: the first person; a skin tone: the hand).
                out.unicodeScalars.append(scalars[0])
                continue
            }
            // A letter with combining marks: one column, drawn as one.
            if scalarWidth(scalars[0]) > 0 { out.append(ch) }
        }
        return out
    }

    /// Columns `text` takes once normalised.
    public static func columns(_ text: String) -> Int {
        if isSimple(text) { return text.unicodeScalars.count }
        return normalized(text).reduce(0) { $0 + of($1) }
    }
}

extension String {
    /// Terminal columns this text takes (see `DisplayWidth`).
    public var columns: Int { DisplayWidth.columns(self) }
}
