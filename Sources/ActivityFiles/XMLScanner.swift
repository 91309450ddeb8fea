/// A small XML reader over bytes, enough for GPX and TCX: elements, attributes, text, comments, CDATA,
/// processing instructions and the five named entities with numeric ones. It never traps on bad input (the
/// system's XMLParser on Linux does, on some damaged files): it reports the line where the document went
/// wrong, or that it was cut off.
struct XMLScanner {
    enum Event {
        case start(String, [String: String])
        case end(String)
        /// Character data as it is in the file: `escaped` when entities are still to be turned into characters
        /// (CDATA is not). Left as bytes, so text nobody wants costs nothing.
        case text(ArraySlice<UInt8>, escaped: Bool)
    }

    struct Damage: Error {
        var line: Int
        var message: String
    }

    let bytes: [UInt8]
    var i = 0
    var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    /// Calls `handle` for each event in order; returns the damage that stopped it, if any. A document whose
    /// root element does not close is cut off.
    mutating func scan(_ handle: (Event, Int) -> Void) -> Damage? {
        var open: [String] = []
        var sawRoot = false
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "<") { if bytes[i] == 0x0A { line += 1 }; i += 1 }
                if !open.isEmpty { handle(.text(bytes[start..<i], escaped: true), line) }
                continue
            }
            let at = line
            if matches("<!--") {
                guard skip(past: "-->") else { return Damage(line: at, message: "cut off") }
            } else if matches("<![CDATA[") {
                let start = i + 9
                guard skip(past: "]]>") else { return Damage(line: at, message: "cut off") }
                if !open.isEmpty { handle(.text(bytes[start..<(i - 3)], escaped: false), at) }
            } else if matches("<?") {
                guard skip(past: "?>") else { return Damage(line: at, message: "cut off") }
            } else if matches("<!") {
                guard skip(past: ">") else { return Damage(line: at, message: "cut off") }
            } else if matches("</") {
                i += 2
                guard let name = readName() else { return i >= bytes.count ? Damage(line: at, message: "cut off") : Damage(line: at, message: "damaged XML (a bad closing tag)") }
                skipSpace()
                guard i < bytes.count else { return Damage(line: at, message: "cut off") }
                guard bytes[i] == UInt8(ascii: ">") else { return Damage(line: at, message: "damaged XML (a bad closing tag)") }
                i += 1
                guard open.last == name else { return Damage(line: at, message: "damaged XML (</\(name)> closes <\(open.last ?? "nothing")>)") }
                open.removeLast()
                handle(.end(name), at)
                if open.isEmpty { return nil }
            } else {
                i += 1
                guard let name = readName() else { return i >= bytes.count ? Damage(line: at, message: "cut off") : Damage(line: at, message: "damaged XML (a bad tag)") }
                if open.isEmpty && sawRoot { return nil }
                var attributes: [String: String] = [:]
                while true {
                    skipSpace()
                    guard i < bytes.count else { return Damage(line: at, message: "cut off") }
                    if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                    if matches("/>") { i += 2; handle(.start(name, attributes), at); handle(.end(name), at); break }
                    guard let key = readName() else { return Damage(line: line, message: "damaged XML (a bad attribute)") }
                    skipSpace()
                    guard i < bytes.count else { return Damage(line: at, message: "cut off") }
                    guard bytes[i] == UInt8(ascii: "=") else { return Damage(line: line, message: "damaged XML (an attribute with no value)") }
                    i += 1
                    skipSpace()
                    guard i < bytes.count else { return Damage(line: at, message: "cut off") }
                    let quote = bytes[i]
                    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return Damage(line: line, message: "damaged XML (an unquoted attribute)") }
                    i += 1
                    let start = i
                    while i < bytes.count && bytes[i] != quote { if bytes[i] == 0x0A { line += 1 }; i += 1 }
                    guard i < bytes.count else { return Damage(line: at, message: "cut off") }
                    attributes[key] = Self.unescape(bytes[start..<i])
                    i += 1
                }
                if i > 1 && bytes[i - 2] == UInt8(ascii: "/") && bytes[i - 1] == UInt8(ascii: ">") {
                    if open.isEmpty { return nil }
                    continue
                }
                sawRoot = true
                open.append(name)
                handle(.start(name, attributes), at)
            }
        }
        return sawRoot ? Damage(line: line, message: "cut off") : Damage(line: line, message: "no XML element")
    }

    func matches(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        return true
    }

    /// Moves past the next `end`; false when the file ends first.
    mutating func skip(past end: StaticString) -> Bool {
        while i < bytes.count {
            if matches(end) { i += end.utf8CodeUnitCount; return true }
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        return false
    }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
    }

    /// An element or attribute name (prefix dropped), or nil when there is none here. Made from the bytes after
    /// the last colon, once: names are short, so the string needs no allocation.
    mutating func readName() -> String? {
        let start = i
        var local = i
        while i < bytes.count {
            let b = bytes[i]
            let ok = (b >= 0x80) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            guard ok else { break }
            if b == UInt8(ascii: ":") { local = i + 1 }
            i += 1
        }
        guard i > start else { return nil }
        return String(decoding: bytes[local..<i], as: UTF8.self)
    }

    /// Text with `&amp;` and friends, and `&#NN;` / `&#xNN;`, turned back into characters.
    static func unescape(_ raw: ArraySlice<UInt8>) -> String {
        let s = String(decoding: raw, as: UTF8.self)
        guard raw.contains(UInt8(ascii: "&")) else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].prefix(12).firstIndex(of: ";") else { out += "&"; rest = rest[rest.index(after: amp)...]; continue }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var value: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { value = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { value = UInt32(entity.dropFirst()) }
                if let v = value, let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
