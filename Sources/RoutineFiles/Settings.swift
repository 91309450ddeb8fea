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
    /// Doses by routine id: (name, value as typed, where it was written).
    public var params: [String: [Dose]] = [:]

    public struct Dose: Sendable, Equatable {
        public var name: String
        public var value: String
        public var location: String
    }

    public init() {}

    static let keys = ["sound", "voice", "color", "on-event", "params"]

    /// Reads `path`; a missing file is no settings. Problems are `FILE:LINE:COLUMN: message`.
    public static func load(path: String) throws -> Settings {
        guard FileManager.default.fileExists(atPath: path) else { return Settings() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoutineFileError(file: path, line: 1, column: 1, message: "cannot read the file")
        }
        let text = try RoutineParser.decodeUTF8(data, file: path)
        try RoutineParser.precheck(text, file: path)
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text)
            root = try parser.singleRoot()
        } catch let e as YamlError {
            throw RoutineParser.convert(e, file: path)
        }
        guard let root else { return Settings() }
        var reader = NodeReader(file: path)
        return try withExtendedLifetime(parser) { try read(root, &reader, path: path) }
    }

    static func read(_ root: Node, _ reader: inout NodeReader, path: String) throws -> Settings {
        var s = Settings()
        for (key, _, value) in try reader.mapping(root, what: "the settings", known: keys) {
            switch key {
            case "sound": s.sound = try bool(value, &reader, key)
            case "voice": s.voice = try bool(value, &reader, key)
            case "color": s.color = try bool(value, &reader, key)
            case "on-event": s.onEvent = try reader.string(value, what: "on-event")
            default:
                try reader.visit(value)
                guard case .mapping(let routines) = value else {
                    throw reader.fail(value, "params must map routine ids to doses, like warmup: {plank: 45s}")
                }
                for (idNode, dosesNode) in routines {
                    let id = try reader.string(idNode, what: "routine id")
                    try reader.visit(dosesNode)
                    guard case .mapping(let doses) = dosesNode else {
                        throw reader.fail(dosesNode, "doses for \(id) must be a mapping, like {plank: 45s}")
                    }
                    for (nameNode, valueNode) in doses {
                        let name = try reader.string(nameNode, what: "dose name")
                        let text = try reader.strings(valueNode, what: name).joined(separator: ",")
                        let mark = valueNode.mark
                        s.params[id, default: []].append(Dose(name: name, value: text,
                                                              location: "\(path):\(mark?.line ?? 1):\(mark?.column ?? 1)"))
                    }
                }
            }
        }
        return s
    }

    static func bool(_ node: Node, _ reader: inout NodeReader, _ key: String) throws -> Bool {
        try reader.visit(node)
        guard case .scalar(let s) = node, ["true", "false"].contains(s.string) else {
            throw reader.fail(node, "\(key) must be true or false")
        }
        return s.string == "true"
    }
}
