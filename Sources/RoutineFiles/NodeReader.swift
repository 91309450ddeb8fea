import RoutineKit
import Yams

/// Walks a composed YAML tree into a `Routine`, keeping the mark of every node so each error names its
/// line and column.
struct NodeReader {
    let file: String
    var params: [String: Param] = [:]
    var paramOrder: [String] = []
    var visited = 0
    var stepsMark: Mark?

    init(file: String) { self.file = file }

    func fail(_ node: Node?, _ message: String) -> RoutineFileError {
        let mark = node?.mark
        return RoutineFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// Every node passes here once: anchors and aliases are refused (they are the tool of expansion
    /// bombs and no routine needs them), and the number of nodes is bounded.
    mutating func visit(_ node: Node) throws {
        visited += 1
        if visited > RoutineParser.maxNodes {
            throw fail(node, "the file has more than \(RoutineParser.maxNodes) values; a routine needs far fewer")
        }
        if node.anchor != nil {
            throw fail(node, "anchors and aliases (&name, *name) are not supported in routine files")
        }
        if case .alias = node {
            throw fail(node, "anchors and aliases (&name, *name) are not supported in routine files")
        }
    }

    // MARK: Shapes

    /// The pairs of a mapping whose keys are plain strings, in file order, rejecting keys not in `known`.
    mutating func mapping(_ node: Node, what: String, known: [String]) throws -> [(key: String, keyNode: Node, value: Node)] {
        try visit(node)
        guard case .mapping(let m) = node else { throw fail(node, "\(what) must be a mapping of keys to values") }
        var out: [(String, Node, Node)] = []
        for (k, v) in m {
            try visit(k)
            guard case .scalar(let s) = k else { throw fail(k, "keys must be plain words") }
            let key = s.string
            guard known.contains(key) else {
                throw fail(k, unknownKeyMessage(key, known: known, what: what))
            }
            out.append((key, k, v))
        }
        return out
    }

    func unknownKeyMessage(_ key: String, known: [String], what: String) -> String {
        let shown = sanitized(key)
        if let close = known.min(by: { editDistance($0, key) < editDistance($1, key) }),
           editDistance(close, key) <= (key.count >= 4 ? 2 : 1) {
            return "unknown key '\(shown)' in \(what); did you mean '\(close)'?"
        }
        return "unknown key '\(shown)' in \(what) (known keys: \(known.joined(separator: ", ")))"
    }

    mutating func string(_ node: Node, what: String) throws -> String {
        try visit(node)
        guard case .scalar(let s) = node else { throw fail(node, "\(what) must be text") }
        let text = sanitized(s.string)
        guard !text.isEmpty else { throw fail(node, "\(what) must not be empty") }
        return text
    }

    mutating func strings(_ node: Node, what: String) throws -> [String] {
        try visit(node)
        switch node {
        case .sequence(let seq):
            var out: [String] = []
            for item in seq { out.append(try string(item, what: "each item of \(what)")) }
            guard !out.isEmpty else { throw fail(node, "\(what) must list at least one item") }
            return out
        case .scalar:
            return [try string(node, what: what)]
        default:
            throw fail(node, "\(what) must be a list like [a, b]")
        }
    }

    // MARK: Values

    func reference(_ node: Node) -> String? {
        guard case .scalar(let s) = node, s.string.hasPrefix("$") else { return nil }
        return String(s.string.dropFirst())
    }

    func param(_ node: Node, _ name: String, expected: String) throws -> Param {
        guard let p = params[name] else {
            let defined = paramOrder.isEmpty ? "this routine defines none" : "defined: " + paramOrder.joined(separator: ", ")
            throw fail(node, "undefined parameter $\(sanitized(name)) (\(defined))")
        }
        let kind: String
        switch p.kind {
        case .duration: kind = "duration"
        case .count: kind = "count"
        case .list: kind = "list"
        }
        guard kind == expected else {
            throw fail(node, "parameter $\(name) is a \(kind), but a \(expected) is needed here")
        }
        return p
    }

    mutating func duration(_ node: Node, what: String, zeroAllowed: Bool = false) throws -> Value<Int> {
        try visit(node)
        if let name = reference(node) {
            _ = try param(node, name, expected: "duration")
            return .param(name)
        }
        return .literal(try literalDuration(node, what: what, zeroAllowed: zeroAllowed))
    }

    func literalDuration(_ node: Node, what: String, zeroAllowed: Bool = false) throws -> Int {
        guard case .scalar(let s) = node else { throw fail(node, "duration must be like 30s or 1m30s") }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("-") { throw fail(node, "duration must be more than zero") }
        guard let secs = DurationText.parse(text) else {
            throw fail(node, "duration must be like 30s or 1m30s")
        }
        guard secs > 0 || zeroAllowed else { throw fail(node, "duration must be more than zero") }
        guard secs <= RoutineParser.maxSeconds else { throw fail(node, "duration must be at most 24h") }
        return secs
    }

    mutating func count(_ node: Node, what: String, max limit: Int) throws -> Value<Int> {
        try visit(node)
        if let name = reference(node) {
            _ = try param(node, name, expected: "count")
            return .param(name)
        }
        return .literal(try literalCount(node, what: what, max: limit))
    }

    func literalCount(_ node: Node, what: String, max limit: Int) throws -> Int {
        guard case .scalar(let s) = node, let n = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            throw fail(node, "\(what) must be a whole number")
        }
        guard n > 0 else { throw fail(node, "\(what) must be more than zero") }
        guard n <= limit else { throw fail(node, "\(what) must be at most \(limit)") }
        return n
    }

    // MARK: Routine

    static let routineKeys = ["title", "id", "role", "summary", "safety", "bring", "params", "steps"]

    mutating func routine(_ root: Node, defaultID: String) throws -> Routine {
        let pairs = try mapping(root, what: "the routine", known: Self.routineKeys)
        var title: String?
        var id = sanitized(defaultID)
        var summary = ""
        var role: Role?
        var safety: [String] = []
        var bring: [String] = []
        // Parameters first: steps may refer to them wherever they stand in the file.
        if let p = pairs.first(where: { $0.key == "params" }) { try readParams(p.value) }
        var stepsNode: Node?
        for (key, keyNode, value) in pairs {
            switch key {
            case "title": title = try string(value, what: "title")
            case "id":
                id = try string(value, what: "id")
                guard id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                    throw fail(value, "id may use letters, digits, '-', '_' and '.' only")
                }
            case "summary": summary = try string(value, what: "summary")
            case "role":
                let text = try string(value, what: "role")
                guard let r = Role(rawValue: text) else {
                    throw fail(value, "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
                }
                role = r
            case "safety": safety = try strings(value, what: "safety")
            case "bring": bring = try strings(value, what: "bring")
            case "steps":
                stepsNode = value
                stepsMark = keyNode.mark
            default: break
            }
        }
        guard let title else { throw fail(root, "missing required key 'title'") }
        guard let stepsNode else { throw fail(root, "missing required key 'steps'") }
        let steps = try stepList(stepsNode, what: "steps", depth: 0)
        return Routine(id: id, title: title, role: role, summary: summary, safety: safety,
                       params: paramOrder.compactMap { params[$0] }, steps: steps, bring: bring)
    }

    // MARK: Params

    mutating func readParams(_ node: Node) throws {
        try visit(node)
        guard case .mapping(let m) = node else { throw fail(node, "params must map names to {default: …}") }
        for (k, v) in m {
            try visit(k)
            guard case .scalar(let s) = k else { throw fail(k, "parameter names must be plain words") }
            let name = s.string
            guard let first = name.first, first.isLetter,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw fail(k, "parameter name '\(sanitized(name))' must be a word (letters, digits, - and _)")
            }
            params[name] = try readParam(name, v)
            paramOrder.append(name)
        }
    }

    mutating func readParam(_ name: String, _ node: Node) throws -> Param {
        let pairs = try mapping(node, what: "parameter '\(name)'", known: ["default", "min", "max", "choices", "help", "progress"])
        guard let def = pairs.first(where: { $0.key == "default" }) else {
            throw fail(node, "parameter '\(name)' needs a default")
        }
        let help = try pairs.first(where: { $0.key == "help" }).map { try string($0.value, what: "help") } ?? ""
        let minNode = pairs.first(where: { $0.key == "min" })
        let maxNode = pairs.first(where: { $0.key == "max" })
        let choicesNode = pairs.first(where: { $0.key == "choices" })
        let progressNode = pairs.first(where: { $0.key == "progress" })
        var progresses = false
        if let p = progressNode {
            guard case .scalar(let s) = p.value, ["true", "false"].contains(s.string) else {
                throw fail(p.value, "progress must be true or false")
            }
            progresses = s.string == "true"
        }
        try visit(def.value)

        if case .sequence = def.value {
            if let m = minNode ?? maxNode ?? progressNode { throw fail(m.keyNode, "'\(m.key)' does not apply to a list parameter") }
            let choices = try choicesNode.map { try strings($0.value, what: "choices") } ?? []
            var items: [String] = []
            if case .sequence(let seq) = def.value {
                for item in seq {
                    let text = try string(item, what: "each default item")
                    if !choices.isEmpty && !choices.contains(text) {
                        throw fail(item, "default item '\(text)' is not one of the choices")
                    }
                    items.append(text)
                }
            }
            return Param(name: name, kind: .list(default: items, choices: choices), help: help)
        }
        if let c = choicesNode { throw fail(c.keyNode, "'choices' applies only to a list parameter") }
        if case .scalar(let s) = def.value, Int(s.string.trimmingCharacters(in: .whitespaces)) != nil {
            let d = try literalCount(def.value, what: "default", max: RoutineParser.maxReps)
            let lo = try minNode.map { try literalCount($0.value, what: "min", max: RoutineParser.maxReps) }
            let hi = try maxNode.map { try literalCount($0.value, what: "max", max: RoutineParser.maxReps) }
            if let p = progressNode { throw fail(p.keyNode, "'progress' applies only to a duration parameter") }
            let p = Param(name: name, kind: .count(default: d, min: lo, max: hi), help: help)
            try checkBounds(p, d, lo, hi, def.value, minNode?.value)
            return p
        }
        // A duration parameter may be 0s only when its min says so (`get-ready: {default: 5s, min: 0s}`).
        let lo = try minNode.map { try literalDuration($0.value, what: "min", zeroAllowed: true) }
        let d = try literalDuration(def.value, what: "default", zeroAllowed: lo == 0)
        let hi = try maxNode.map { try literalDuration($0.value, what: "max") }
        let p = Param(name: name, kind: .duration(default: d, min: lo, max: hi), help: help, progresses: progresses)
        try checkBounds(p, d, lo, hi, def.value, minNode?.value)
        return p
    }

    func checkBounds(_ p: Param, _ d: Int, _ lo: Int?, _ hi: Int?, _ defNode: Node, _ minNode: Node?) throws {
        if let lo, let hi, lo > hi { throw fail(minNode, "min is above max") }
        if (lo.map { d < $0 } ?? false) || (hi.map { d > $0 } ?? false) {
            throw fail(defNode, "default \(p.defaultValue) is outside the allowed range (\(p.rangeDescription))")
        }
    }

    // MARK: Steps

    static let exerciseKeys = ["name", "cue", "time", "reps", "hold", "target", "get-ready", "sets", "rest", "sides", "switch",
                               "each", "one-sided", "move", "move-cue", "figure", "say"]
    static let groupKeys = ["group", "sets", "rest", "steps"]

    mutating func stepList(_ node: Node, what: String, depth: Int) throws -> [Step] {
        try visit(node)
        guard case .sequence(let seq) = node else { throw fail(node, "\(what) must be a list of steps (lines starting with '- ')") }
        guard !seq.isEmpty else { throw fail(node, "\(what) must list at least one step") }
        guard depth < 8 else { throw fail(node, "groups are nested too deeply (at most 8 levels)") }
        var out: [Step] = []
        for item in seq { out.append(try step(item, depth: depth)) }
        return out
    }

    mutating func step(_ node: Node, depth: Int) throws -> Step {
        guard case .mapping(let m) = node else {
            try visit(node)
            throw fail(node, "a step must be a mapping such as {name: Plank, time: 45s}")
        }
        let keys = m.compactMap { pair -> String? in
            if case .scalar(let s) = pair.key { return s.string }
            return nil
        }
        if keys.contains("group") { return try group(node, depth: depth) }
        if keys.contains("name") { return try exercise(node) }
        if keys == ["get-ready"] || keys == ["rest"] {
            let pairs = try mapping(node, what: "a step", known: ["get-ready", "rest"])
            let d = try duration(pairs[0].value, what: pairs[0].key)
            return pairs[0].key == "rest" ? .rest(d) : .getReady(d)
        }
        if keys.contains("get-ready") || (keys.contains("rest") && keys.count == 1) {
            throw fail(node, "'get-ready' and 'rest' steps take only a duration, like '- rest: 30s'")
        }
        try visit(node)
        throw fail(node, "a step needs a 'name' (an exercise), a 'group', or is '- rest: 30s' or '- get-ready: 10s'")
    }

    mutating func exercise(_ node: Node) throws -> Step {
        let pairs = try mapping(node, what: "a step", known: Self.exerciseKeys)
        func value(_ key: String) -> (key: String, keyNode: Node, value: Node)? { pairs.first { $0.key == key } }
        let name = try string(value("name")!.value, what: "name")
        let cue = try value("cue").map { try string($0.value, what: "cue") } ?? ""

        let workKeys = pairs.filter { ["time", "reps", "hold"].contains($0.key) }
        if workKeys.count > 1 {
            throw fail(workKeys[1].keyNode,
                       "a step has one of time, reps or hold, not both '\(workKeys[0].key)' and '\(workKeys[1].key)'")
        }
        guard let w = workKeys.first else {
            throw fail(node, "step '\(name)' needs one of time (45s), reps (12) or hold (true)")
        }
        let work: Exercise.Work
        switch w.key {
        case "time": work = .time(try duration(w.value, what: "time"))
        case "reps": work = .reps(try count(w.value, what: "reps", max: RoutineParser.maxReps))
        default:
            try visit(w.value)
            guard case .scalar(let s) = w.value, s.string == "true" else {
                throw fail(w.value, "hold must be true (the step counts up until you press Enter)")
            }
            work = .hold(target: try value("target").map { try duration($0.value, what: "target") })
        }
        if let t = value("target"), w.key != "hold" {
            throw fail(t.keyNode, "'target' applies only to a hold step")
        }
        if let g = value("get-ready"), w.key != "hold" {
            throw fail(g.keyNode, "'get-ready' on an exercise applies only to a hold step (a '- get-ready: 10s' step counts down before any step)")
        }
        let position = try value("get-ready").map { try duration($0.value, what: "get-ready", zeroAllowed: true) }
        let sets = try value("sets").map { try count($0.value, what: "sets", max: RoutineParser.maxSets) } ?? .literal(1)
        let rest = try value("rest").map { try duration($0.value, what: "rest") }
        let sides = try value("sides").map { try strings($0.value, what: "sides") } ?? []
        let switchTime = try value("switch").map { try duration($0.value, what: "switch") }
        if let s = value("switch"), sides.count < 2 {
            throw fail(s.keyNode, "'switch' needs at least two sides, like sides: [left, right]")
        }
        var each: Value<[String]>?
        if let e = value("each") {
            try visit(e.value)
            if let ref = reference(e.value) {
                _ = try param(e.value, ref, expected: "list")
                each = .param(ref)
            } else {
                each = .literal(try strings(e.value, what: "each"))
            }
        }
        let oneSided = try value("one-sided").map { try strings($0.value, what: "one-sided") } ?? []
        if let o = value("one-sided"), each == nil || sides.isEmpty {
            throw fail(o.keyNode, "'one-sided' names 'each' items done without sides; it needs both 'each' and 'sides'")
        }
        let move = try value("move").map { try duration($0.value, what: "move") }
        if let m = value("move"), each == nil {
            throw fail(m.keyNode, "'move' is a pause between 'each' items; it needs 'each'")
        }
        let moveCue = try value("move-cue").map { try string($0.value, what: "move-cue") } ?? ""
        let figure = try value("figure").map { f -> String in
            let name = try string(f.value, what: "figure")
            guard name.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || "-_{}".contains($0) }) else {
                throw fail(f.value, "a figure is named with letters, digits and '-', like side-plank-left or roll-{item}")
            }
            return name.lowercased()
        }
        let say = try value("say").map { try string($0.value, what: "say") }
        return .exercise(Exercise(name: name, cue: cue, work: work, sets: sets, rest: rest, sides: sides,
                                  switchTime: switchTime, each: each, oneSided: oneSided, move: move,
                                  moveCue: moveCue, position: position, figure: figure, say: say))
    }

    mutating func group(_ node: Node, depth: Int) throws -> Step {
        let pairs = try mapping(node, what: "a group", known: Self.groupKeys)
        func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let name = try string(value("group")!, what: "group")
        guard let stepsNode = value("steps") else { throw fail(node, "group '\(name)' needs steps") }
        let sets = try value("sets").map { try count($0, what: "sets", max: RoutineParser.maxSets) } ?? .literal(1)
        let rest = try value("rest").map { try duration($0, what: "rest") }
        let steps = try stepList(stepsNode, what: "steps of group '\(name)'", depth: depth + 1)
        return .group(Group(name: name, sets: sets, rest: rest, steps: steps))
    }
}

/// Levenshtein distance, for "did you mean" hints on short keys.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
