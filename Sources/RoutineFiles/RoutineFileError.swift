/// A problem in a routine file, always printed as one line: `FILE:LINE:COLUMN: message`.
public struct RoutineFileError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Text from a routine file is data: control characters (C0, DEL, C1) never reach the terminal.
/// Line breaks and tabs inside a value become single spaces.
public func sanitized(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var lastWasSpace = false
    for u in text.unicodeScalars {
        let v = u.value
        if v == 0x0A || v == 0x09 || v == 0x0D {
            if !lastWasSpace && !out.isEmpty { out.append(" ") }
            lastWasSpace = true
            continue
        }
        if v < 0x20 || (0x7F...0x9F).contains(v) { continue }
        // Bidirectional overrides and isolates can make text display as something else.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
        out.append(u)
        lastWasSpace = u == " "
    }
    var s = String(out)
    while s.last == " " { s.removeLast() }
    return s
}
