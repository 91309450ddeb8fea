import Foundation
import RoutineKit

/// The exercise figures: built-in ones (`Resources/figures`, compiled into runcore), and the runner's own from
/// the `figures` folder beside their routines (a file there wins over a built-in one of the same name).
///
/// A figure is a `.fig` text file: `#` comments and `key: value` lines (`title:`, and `every: 500ms` for a
/// movement), then each frame after a line `~~~~`, drawn in terminal characters:
///
/// ```
/// title: Forearm plank
/// ~~~~
///                  ●
///   ▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄█▖
/// ```
public final class FigureLibrary {
    public let builtIns: BuiltInFiles
    public let userDirectory: URL?
    private var cache: [String: Result<Figure, RoutineFileError>?] = [:]

    public init(builtIns: BuiltInFiles = .figures, userDirectory: URL?) {
        self.builtIns = builtIns
        self.userDirectory = userDirectory
    }

    /// The figure called `name`, or nil when there is none (or its file has a mistake: see `problem(for:)`).
    public func figure(_ name: String) -> Figure? {
        if case .success(let f)? = lookup(name) { return f }
        return nil
    }

    /// What is wrong with the figure `name`: its file's mistake, or that no file has that name.
    public func problem(for name: String) -> String? {
        switch lookup(name) {
        case .success?: return nil
        case .failure(let e)?: return e.description
        case nil:
            guard let dir = userDirectory else { return "no figure called '\(name)'" }
            return "no figure called '\(name)': none is built in, and there is no \(dir.appendingPathComponent(name + ".fig").path)"
        }
    }

    /// Every figure's name, built-in and the runner's.
    public var names: [String] {
        let own = userDirectory.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        let files = (own + builtIns.names).filter { $0.hasSuffix(".fig") }
        return Array(Set(files.map { String($0.dropLast(4)) })).sorted()
    }

    private func lookup(_ name: String) -> Result<Figure, RoutineFileError>? {
        if let hit = cache[name] { return hit }
        var found: Result<Figure, RoutineFileError>?
        if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            // The runner's file, when there is one: one they cannot read is said, not passed over for the
            // built-in figure of the same name.
            if let url = userDirectory?.appendingPathComponent(name + ".fig"), FileManager.default.fileExists(atPath: url.path) {
                found = Result {
                    guard let data = FileManager.default.contents(atPath: url.path) else {
                        throw RoutineFileError(file: url.path, line: 1, column: 1, message: "cannot read the file: not readable")
                    }
                    return try Self.parse(data, name: name, file: url.path)
                }.mapError { $0 as? RoutineFileError ?? RoutineFileError(file: url.path, line: 1, column: 1, message: "\($0)") }
            } else if let data = builtIns.contents(name + ".fig") {
                found = Result { try Self.parse(data, name: name, file: name + ".fig") }.mapError {
                    $0 as? RoutineFileError ?? RoutineFileError(file: name + ".fig", line: 1, column: 1, message: "\($0)")
                }
            }
        }
        cache[name] = .some(found)
        return found
    }

    /// Reads a `.fig` file; a mistake is `FILE:LINE:COLUMN: message`.
    public static func parse(_ data: Data, name: String, file: String) throws -> Figure {
        let text = try RoutineParser.decodeUTF8(data, file: file)
        var title = name
        var every: Nanos = Figure.fastest
        var frames: [[String]] = []
        var frameLine: [Int] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let n = i + 1
            if line == "~~~~" {
                guard frames.count < Figure.maxFrames else {
                    throw RoutineFileError(file: file, line: n, column: 1, message: "a figure has at most \(Figure.maxFrames) frames")
                }
                frames.append([])
                frameLine.append(n)
                continue
            }
            if frames.isEmpty {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t.hasPrefix("#") { continue }
                guard let colon = t.firstIndex(of: ":") else {
                    throw RoutineFileError(file: file, line: n, column: 1, message: "expected 'title: …', 'every: 500ms' or a line '~~~~' before the first frame")
                }
                let key = t[..<colon].trimmingCharacters(in: .whitespaces)
                let value = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "title": title = String(value.filter { !$0.isASCII || $0.asciiValue! >= 0x20 })
                case "every":
                    guard let ms = milliseconds(value), ms >= 500, ms <= 10_000 else {
                        throw RoutineFileError(file: file, line: n, column: t.distance(from: t.startIndex, to: colon) + 3,
                                               message: "every takes 500ms to 10s (a figure changes at most twice a second)")
                    }
                    every = Nanos(ms) * 1_000_000
                default:
                    throw RoutineFileError(file: file, line: n, column: 1, message: "unknown key '\(key)' (a figure has title and every)")
                }
                continue
            }
            if let bad = line.unicodeScalars.firstIndex(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                let col = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: bad) + 1
                throw RoutineFileError(file: file, line: n, column: col, message: "a control character cannot be drawn")
            }
            guard line.count <= Figure.maxColumns else {
                throw RoutineFileError(file: file, line: n, column: Figure.maxColumns + 1, message: "a figure is at most \(Figure.maxColumns) columns wide")
            }
            frames[frames.count - 1].append(line)
        }
        // Blank rows at the end of a frame are not part of it.
        frames = frames.map { f in
            var f = f
            while let last = f.last, last.trimmingCharacters(in: .whitespaces).isEmpty { f.removeLast() }
            return f
        }
        guard !frames.isEmpty, frames.allSatisfy({ !$0.isEmpty }) else {
            throw RoutineFileError(file: file, line: frameLine.first ?? 1, column: 1, message: "a figure needs at least one frame of drawing after a line '~~~~'")
        }
        let rows = frames.map(\.count).max()!
        guard rows <= Figure.maxRows else {
            throw RoutineFileError(file: file, line: frameLine[frames.firstIndex { $0.count == rows }!], column: 1,
                                   message: "a figure is at most \(Figure.maxRows) rows tall")
        }
        let width = frames.flatMap { $0 }.map(\.count).max()!
        // Every frame the same size, so a movement never jumps.
        let padded = frames.map { f in (f + Array(repeating: "", count: rows - f.count)).map { $0.padding(toLength: width, withPad: " ", startingAt: 0) } }
        return Figure(name: name, title: title, frames: padded, every: every)
    }

    static func milliseconds(_ text: String) -> Int? {
        if text.hasSuffix("ms") { return Int(text.dropLast(2)) }
        if text.hasSuffix("s"), let s = Double(text.dropLast()) { return Int((s * 1000).rounded()) }
        return nil
    }
}
