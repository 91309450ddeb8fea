// EmbedResourcesTool: writes a Swift file holding the text of the built-in files, so that runcore carries them
// inside its binary. Run by the EmbedResources build-tool plugin, never by hand:
//
//     EmbedResourcesTool OUTPUT.swift --group routines FILE... --group figures FILE...
//
// Each group becomes `static let NAME: [String: String]`, from a file's name ("warmup.yaml") to its text,
// byte for byte. Only the standard library is used, so this tool adds little to a clean build.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let line = Array("EmbedResourcesTool: \(message)\n".utf8)
    _ = write(2, line, line.count)
    exit(1)
}

func readBytes(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("\(path): cannot read the file: \(String(cString: strerror(errno)))") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n > 0 { bytes += buffer[0..<n] }
        if n < buffer.count {
            if ferror(file) != 0 { fail("\(path): cannot read the file: \(String(cString: strerror(errno)))") }
            return bytes
        }
    }
}

/// The file's text, which must be UTF-8 (as the parser reads it).
func text(_ path: String) -> String {
    let bytes = readBytes(path)
    var scalars = String.UnicodeScalarView()
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
            scalars.append(scalar)
            offset += UTF8.width(scalar)
        case .emptyInput:
            return String(scalars)
        case .error:
            fail("\(path): not UTF-8 text (byte \(offset + 1)); built-in files are UTF-8")
        }
    }
}

/// A Swift string literal of `text`. Everything outside printable ASCII is written as an escape, so the
/// literal means exactly the file's scalars, whatever surrounds it in the generated source.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case " "..."~": out.unicodeScalars.append(scalar)
        default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
    return out + "\""
}

func fileName(_ path: String) -> String {
    String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard !arguments.isEmpty else { fail("usage: EmbedResourcesTool OUTPUT.swift --group NAME FILE... [--group NAME FILE...]") }
let output = arguments.removeFirst()
var groups: [(name: String, files: [String])] = []
while !arguments.isEmpty {
    let word = arguments.removeFirst()
    if word == "--group" {
        guard !arguments.isEmpty else { fail("--group needs a name") }
        groups.append((arguments.removeFirst(), []))
    } else {
        guard !groups.isEmpty else { fail("\(word): a file before any --group") }
        groups[groups.count - 1].files.append(word)
    }
}

var source = """
// Generated at build time from Resources/ by the EmbedResources plugin (Plugins/). Do not edit or commit.

/// The built-in files' text, by file name, compiled into runcore.
enum EmbeddedFiles {

"""
for group in groups {
    source += "    static let \(group.name): [String: String] = [\n"
    var seen = Set<String>()
    for path in group.files.sorted(by: { fileName($0) < fileName($1) }) {
        let name = fileName(path)
        guard seen.insert(name).inserted else { fail("\(path): two built-in files called \(name)") }
        source += "        \(literal(name)): \(literal(text(path))),\n"
    }
    if group.files.isEmpty { source += "        :\n" }
    source += "    ]\n"
}
source += "}\n"

// Written only when it changed: the same text again must not make SwiftPM compile and link everything after it.
let bytes = Array(source.utf8)
let old: [UInt8]? = fopen(output, "rb").map { fclose($0); return readBytes(output) }
guard old != bytes else { exit(0) }
guard let file = fopen(output, "wb") else { fail("\(output): cannot write: \(String(cString: strerror(errno)))") }
if fwrite(bytes, 1, bytes.count, file) != bytes.count || fclose(file) != 0 {
    fail("\(output): cannot write: \(String(cString: strerror(errno)))")
}
