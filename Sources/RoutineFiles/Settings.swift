import Foundation
import Yams

/// The runner's defaults, from `config.yaml`. Flags on the command line override them.
///
/// ```yaml
/// sound: true          # beeps and flashes
/// voice: false         # speak step names (espeak-ng)
/// color: true
/// on-event: notify-send "runcore $RUNCORE_EVENT" "$RUNCORE_STEP"
/// params:
///   warmup: {plank: 45s, roll: [calves, glutes]}
///   core: {sets: 2}
/// ```
public struct Settings: Sendable, Equatable {
    public var sound: Bool?
    public var voice: Bool?
    public var color: Bool?
    public var onEvent: String?
    /// `auto`, `dark` or `light`: which colours suit the terminal's background.
    public var theme: String?
    /// `km` or `mi`: how distances are typed and shown.
    public var units: String?
    /// The first shoe warning, in miles (300–500, as the article says).
    public var shoeLimitMiles: Double?
    /// A pair older than this many years gets a warning.
    public var shoeAgeYears: Double?
    /// The weekdays the runner plans to run, 1 Monday … 7 Sunday.
    public var runDays: Set<Int>?
    /// Doses by routine id: (name, value as typed, where it was written).
    public var params: [String: [Dose]] = [:]
    /// What was wrong in the file, one `FILE:LINE:COLUMN: message` each. What was wrong is left at its
    /// default and the rest is used: a mistake in config.yaml never keeps a runner from their session.
    public var problems: [RoutineFileError] = []

    public struct Dose: Sendable, Equatable {
        public var name: String
        public var value: String
        public var location: String
    }

    public init() {}

    static let keys = ["sound", "voice", "color", "theme", "on-event", "params", "units", "shoe-limit", "shoe-age", "run-days"]
    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let themes = ["auto", "dark", "light"]

    /// Reads `path`; a missing file is no settings. Problems are gathered in `problems`
    /// (`FILE:LINE:COLUMN: message`), each costing only the setting it is in.
    public static func load(path: String) -> Settings {
        guard FileManager.default.fileExists(atPath: path) else { return Settings() }
        do {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RoutineFileError(file: path, line: 1, column: 1, message: "cannot read the file")
            }
            let text = try RoutineParser.decodeUTF8(data, file: path)
            try RoutineParser.precheck(text, file: path)
            let parser: Parser
            let root: Node?
            do {
                parser = try RoutineParser.yamlParser(text)
                root = try parser.singleRoot()
            } catch let e as YamlError {
                throw RoutineParser.convert(e, file: path)
            }
            guard let root else { return Settings() }
            var reader = NodeReader(file: path)
            return withExtendedLifetime(parser) { read(root, &reader, path: path) }
        } catch let e as RoutineFileError {
            var s = Settings()
            s.problems = [RoutineFileError(file: e.file, line: e.line, column: e.column,
                                           message: e.message + "; using the defaults until it is fixed")]
            return s
        } catch {
            var s = Settings()
            s.problems = [RoutineFileError(file: path, line: 1, column: 1, message: "\(error)")]
            return s
        }
    }

    static func read(_ root: Node, _ reader: inout NodeReader, path: String) -> Settings {
        var s = Settings()
        guard case .mapping(let map) = root else {
            s.problems.append(reader.fail(root, "the settings must be a mapping of keys such as 'sound: false'; using the defaults"))
            return s
        }
        for (keyNode, value) in map {
            do {
                let key = try reader.string(keyNode, what: "a setting's name")
                guard keys.contains(key) else {
                    throw reader.fail(keyNode, reader.unknownKeyMessage(key, known: keys, what: "the settings, ignored"))
                }
                switch key {
                case "sound": s.sound = try bool(value, &reader, key)
                case "voice": s.voice = try bool(value, &reader, key)
                case "color": s.color = try bool(value, &reader, key)
                case "on-event": s.onEvent = try reader.string(value, what: "on-event")
                case "theme":
                    let t = try reader.string(value, what: "theme")
                    guard themes.contains(t) else { throw reader.fail(value, "theme must be auto, dark or light; using auto") }
                    s.theme = t
                case "units":
                    let u = try reader.string(value, what: "units")
                    guard ["km", "mi"].contains(u) else { throw reader.fail(value, "units must be km or mi; using km") }
                    s.units = u
                case "shoe-limit":
                    let t = try reader.string(value, what: "shoe-limit").lowercased().replacingOccurrences(of: " ", with: "")
                    let miles: Double?
                    if t.hasSuffix("km") { miles = Double(t.dropLast(2)).map { $0 * 1000 / 1609.344 } }
                    else if t.hasSuffix("mi") { miles = Double(t.dropLast(2)) }
                    else { miles = Double(t) }
                    guard let miles, (299.5...500.5).contains(miles) else {
                        throw reader.fail(value, "shoe-limit must be between 300mi and 500mi (483km to 805km), like 400mi; using 300mi")
                    }
                    s.shoeLimitMiles = min(500, max(300, miles))
                case "shoe-age":
                    let t = try reader.string(value, what: "shoe-age").lowercased().replacingOccurrences(of: " ", with: "")
                    let n = Double(t.hasSuffix("y") ? String(t.dropLast()) : t.hasSuffix("years") ? String(t.dropLast(5)) : t)
                    guard let n, n >= 0.5, n <= 10 else { throw reader.fail(value, "shoe-age must be a number of years, like 2y; using 2y") }
                    s.shoeAgeYears = n
                case "run-days":
                    let days = try reader.strings(value, what: "run-days")
                    var set = Set<Int>()
                    for d in days {
                        guard let i = weekdays.firstIndex(of: String(d.lowercased().prefix(3))) else {
                            throw reader.fail(value, "run-days takes weekdays, like [mon, wed, sat] (got '\(d)')")
                        }
                        set.insert(i + 1)
                    }
                    s.runDays = set
                default:
                    try readParams(value, &reader, path: path, into: &s)
                }
            } catch let e as RoutineFileError {
                s.problems.append(e)
            } catch {
                s.problems.append(reader.fail(keyNode, "\(error)"))
            }
        }
        return s
    }

    static func readParams(_ value: Node, _ reader: inout NodeReader, path: String, into s: inout Settings) throws {
        try reader.visit(value)
        guard case .mapping(let routines) = value else {
            throw reader.fail(value, "params must map routine ids to doses, like warmup: {plank: 45s}")
        }
        for (idNode, dosesNode) in routines {
            do {
                let id = try reader.string(idNode, what: "routine id")
                try reader.visit(dosesNode)
                guard case .mapping(let doses) = dosesNode else {
                    throw reader.fail(dosesNode, "doses for \(id) must be a mapping, like {plank: 45s}")
                }
                for (nameNode, valueNode) in doses {
                    do {
                        let name = try reader.string(nameNode, what: "dose name")
                        let text = try reader.strings(valueNode, what: name).joined(separator: ",")
                        let mark = valueNode.mark
                        s.params[id, default: []].append(Dose(name: name, value: text,
                                                              location: "\(path):\(mark?.line ?? 1):\(mark?.column ?? 1)"))
                    } catch let e as RoutineFileError {
                        s.problems.append(e)
                    }
                }
            } catch let e as RoutineFileError {
                s.problems.append(e)
            }
        }
    }

    static func bool(_ node: Node, _ reader: inout NodeReader, _ key: String) throws -> Bool {
        try reader.visit(node)
        guard case .scalar(let s) = node, ["true", "false"].contains(s.string) else {
            throw reader.fail(node, "\(key) must be true or false; using the default")
        }
        return s.string == "true"
    }
}
