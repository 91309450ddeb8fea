/// What runcore reads from a terminal beside keys: the answers to the two questions it asks at start-up (OSC 11,
/// the background colour; DA1, the terminal's attributes, which every terminal answers, and answers last), and
/// the delay inside a terminfo string. Byte by byte, with no regular expressions: this runs before the first
/// frame, and a regular expression's first use costs milliseconds (ICU sets its tables up).
public enum TerminalAnswers {
    static let esc: UInt8 = 0x1B
    static let bel: UInt8 = 0x07

    /// Whether `reply` holds the answer to DA1 (`ESC [ ? 1 ; 2 c`): once it is in, the terminal has said all
    /// it will.
    public static func hasAttributes(_ reply: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < reply.count {
            if reply[i] == esc, reply[i + 1] == UInt8(ascii: "["), reply[i + 2] == UInt8(ascii: "?") {
                var j = i + 3
                while j < reply.count, reply[j] == UInt8(ascii: ";") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reply[j]) {
                    j += 1
                }
                if j < reply.count, reply[j] == UInt8(ascii: "c") { return true }
            }
            i += 1
        }
        return false
    }

    /// The background colour in `reply`'s answer to OSC 11 (`ESC ] 11 ; rgb:…` ended by BEL or ESC), if it
    /// has one.
    public static func background(in reply: [UInt8]) -> RGB? {
        let tag = Array("]11;".utf8)
        guard let start = reply.indices.first(where: { reply[$0...].starts(with: tag) }) else { return nil }
        let value = reply[(start + tag.count)...].prefix { $0 != bel && $0 != esc }
        return RGB.parseOSC(String(decoding: value, as: UTF8.self))
    }

    /// A terminfo string split at its first delay (`$<100/>`, in milliseconds): what comes before it, the
    /// delay, and what comes after with any other delays left out. Nil when there is no delay.
    public static func splitAtDelay(_ text: String) -> (before: String, milliseconds: Double, after: String)? {
        let bytes = Array(text.utf8)
        guard let open = bytes.indices.first(where: { delayStarts(bytes, at: $0) }),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let number = bytes[(open + 2)..<close].prefix { $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let milliseconds = Double(String(decoding: number, as: UTF8.self)) ?? 100
        var after: [UInt8] = []
        var i = close + 1
        while i < bytes.count {
            if delayStarts(bytes, at: i), let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) {
                i = end + 1
            } else {
                after.append(bytes[i])
                i += 1
            }
        }
        return (String(decoding: bytes[..<open], as: UTF8.self), milliseconds, String(decoding: after, as: UTF8.self))
    }

    private static func delayStarts(_ bytes: [UInt8], at i: Int) -> Bool {
        i + 1 < bytes.count && bytes[i] == UInt8(ascii: "$") && bytes[i + 1] == UInt8(ascii: "<")
    }
}
