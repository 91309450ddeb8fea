import Foundation
import RoutineKit
import Yams

/// Reads routine files (YAML, one routine a file) into `Routine`s, reporting every problem with the file,
/// line and column it comes from. Unknown keys are errors: a typo must never be silently ignored.
public enum RoutineParser {
    public static let maxFileBytes = 1 << 20
    static let maxIndent = 200
    static let maxFlowDepth = 64
    static let maxNodes = 100_000
    static let maxSeconds = 24 * 3600
    static let maxSets = 100
    static let maxReps = 10_000

    /// Reads and parses the file at `path`. `display` is the name used in error messages (default: path).
    public static func load(path: String, display: String? = nil) throws -> Routine {
        let name = display ?? path
        let url = URL(fileURLWithPath: path)
        // The size alone, from stat: FileManager's attributes would also look up the owner's and group's names.
        var info = stat()
        if stat(path, &info) == 0, info.st_size > maxFileBytes {
            throw RoutineFileError(file: name, line: 1, column: 1,
                                   message: "file is \(info.st_size) bytes; routine files are limited to 1 MiB")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw RoutineFileError(file: name, line: 1, column: 1, message: "cannot read the file: \(reason)")
        }
        let id = url.deletingPathExtension().lastPathComponent
        return try parse(data, file: name, defaultID: id)
    }

    /// Yams' parser as runcore uses it: the basic resolver (runcore reads scalars itself), no constructors
    /// (nothing is turned into Swift values by Yams; the tree is walked here), and UTF-8 said outright (else
    /// Yams looks for an encoding in the environment). Building Yams' defaults cost a third of a millisecond.
    static func yamlParser(_ text: String) throws -> Parser {
        try Parser(yaml: text, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
    }

    public static func parse(_ data: Data, file: String, defaultID: String) throws -> Routine {
        if data.count > maxFileBytes {
            throw RoutineFileError(file: file, line: 1, column: 1,
                                   message: "file is \(data.count) bytes; routine files are limited to 1 MiB")
        }
        let text = try decodeUTF8(data, file: file)
        try precheck(text, file: file)
        let node: Node?
        // The parser stays alive until the tree has been walked: Yams holds each node's anchor weakly, and
        // the walk refuses anchored nodes.
        let parser: Parser
        do {
            parser = try yamlParser(text)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw convert(error, file: file)
        } catch {
            throw RoutineFileError(file: file, line: 1, column: 1, message: "cannot parse: \(error)")
        }
        guard let node else {
            throw RoutineFileError(file: file, line: 1, column: 1,
                                   message: "the file is empty; a routine needs at least a title and steps")
        }
        var reader = NodeReader(file: file)
        let routine = try withExtendedLifetime(parser) { try reader.routine(node, defaultID: defaultID) }
        // Flatten once with the defaults, so that problems only visible in the whole (too many blocks)
        // are found when the file is checked, not in the middle of a session.
        do {
            _ = try Timeline(routine)
        } catch let error as TimelineError {
            let mark = reader.stepsMark
            throw RoutineFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                   message: error.description)
        }
        return routine
    }

    static func decodeUTF8(_ data: Data, file: String) throws -> String {
        if let s = String(data: data, encoding: .utf8) {
            return s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s
        }
        // Find where the invalid sequence starts, to point at it.
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            switch b {
            case 0x00...0x7F: len = 1
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: len = 0
            }
            if len == 0 || i + len > bytes.count
                || String(bytes: bytes[i..<(i + len)], encoding: .utf8) == nil {
                break
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += len
        }
        throw RoutineFileError(file: file, line: line, column: column, message: "the file is not valid UTF-8 text")
    }

    /// Cheap checks before the YAML parser sees the text: tabs used as indentation (which YAML forbids and
    /// reports obscurely), and nesting so deep that a recursive parser could exhaust its stack.
    static func precheck(_ text: String, file: String) throws {
        var lineNo = 0
        var flowDepth = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var column = 0
            var depth = 0
            var leading = true
            var quote: Character? = nil
            for ch in line {
                column += 1
                if leading {
                    if ch == " " || ch == "-" {
                        depth += ch == "-" ? 2 : 1
                        if depth > maxIndent {
                            throw RoutineFileError(file: file, line: lineNo, column: column,
                                                   message: "nested too deeply (more than \(maxIndent) columns of indentation)")
                        }
                        continue
                    }
                    if ch == "\t" {
                        throw RoutineFileError(file: file, line: lineNo, column: column,
                                               message: "tab used for indentation; indent with spaces")
                    }
                    leading = false
                }
                if let q = quote {
                    if ch == q { quote = nil }
                    continue
                }
                switch ch {
                case "\"", "'": quote = ch
                case "#": break
                case "[", "{":
                    flowDepth += 1
                    if flowDepth > maxFlowDepth {
                        throw RoutineFileError(file: file, line: lineNo, column: column,
                                               message: "nested too deeply (more than \(maxFlowDepth) brackets)")
                    }
                case "]", "}": flowDepth = max(0, flowDepth - 1)
                default: break
                }
                if ch == "#" { break }
            }
        }
    }

    static func convert(_ error: YamlError, file: String) -> RoutineFileError {
        func make(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> RoutineFileError {
            var message = "YAML syntax: " + sanitized(problem)
            if let context, !context.text.isEmpty {
                message += " (" + sanitized(context.text) + " at \(context.mark.line):\(context.mark.column))"
            }
            return RoutineFileError(file: file, line: mark.line, column: mark.column, message: message)
        }
        switch error {
        case let .scanner(context, problem, mark, _): return make(mark, problem, context)
        case let .parser(context, problem, mark, _): return make(mark, problem, context)
        case let .composer(context, problem, mark, _): return make(mark, problem, context)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\(sanitized($0))'" }.joined(separator: ", ")
            return RoutineFileError(file: file, line: context.mark.line, column: context.mark.column,
                                    message: "duplicate key \(keys)")
        case let .reader(problem, offset, _, yaml):
            var line = 1, column = 1
            if let offset {
                for (i, u) in yaml.unicodeScalars.enumerated() {
                    if i >= offset { break }
                    if u == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return RoutineFileError(file: file, line: line, column: column, message: "unreadable text: " + sanitized(problem))
        default:
            return RoutineFileError(file: file, line: 1, column: 1, message: "cannot parse: " + sanitized("\(error)"))
        }
    }
}
