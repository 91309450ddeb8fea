/// A small form in the menu (a run's distance, a back check-in): a question, a few fields, one under the
/// cursor. Text fields take typing; choice fields change with ← →.
public struct FormField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(String, placeholder: String)
        case choice([String], selected: Int)
    }
    public var label: String
    public var kind: Kind
    public init(label: String, kind: Kind) {
        self.label = label
        self.kind = kind
    }

    public var value: String {
        switch kind {
        case .text(let t, _): return t
        case .choice(let options, let i): return options.indices.contains(i) ? options[i] : ""
        }
    }

    /// The field after a key: typing, backspace, ← →. Returns nil when the key is not the field's.
    public func handling(_ key: Key) -> FormField? {
        var f = self
        switch (kind, key) {
        case (.text(let t, let p), .char(let c)) where t.count < 24 && !c.isNewline:
            f.kind = .text(t + String(c), placeholder: p)
        case (.text(let t, let p), .backspace):
            f.kind = .text(String(t.dropLast()), placeholder: p)
        case (.choice(let o, let i), .left):
            f.kind = .choice(o, selected: max(0, i - 1))
        case (.choice(let o, let i), .right), (.choice(let o, let i), .char(" ")):
            f.kind = .choice(o, selected: min(o.count - 1, i + 1))
        case (.choice(let o, _), .char(let c)):
            guard let i = o.firstIndex(where: { $0.lowercased().hasPrefix(String(c).lowercased()) }) else { return nil }
            f.kind = .choice(o, selected: i)
        default:
            return nil
        }
        return f
    }
}

public struct FormView: Sendable, Equatable {
    public var question: String
    /// Lines under the question (why it is asked).
    public var lines: [String]
    public var fields: [FormField]
    public var cursor: Int
    /// A problem with what was typed, shown until it is fixed.
    public var problem: String?
    public var colour: Bool
    public init(question: String, lines: [String] = [], fields: [FormField], cursor: Int = 0, problem: String? = nil, colour: Bool = true) {
        self.question = question
        self.lines = lines
        self.fields = fields
        self.cursor = cursor
        self.problem = problem
        self.colour = colour
    }
}

public func renderForm(_ v: FormView, width: Int, height: Int) -> Screen {
    guard let (blank, accent, muted) = menuPage(width: width, height: height, colour: v.colour) else { return Screen(width: width, height: height) }
    var screen = blank
    let hint = width >= 48 ? " ↑↓ field · ←→ change · Enter save · Esc skip" : " Enter save · Esc skip · ↑↓ ←→"
    let bottom = height >= 3 ? height - 1 : height
    var y = 0
    for l in wrap(v.question, width: max(1, width - 2), maxLines: max(1, min(3, bottom - v.fields.count))) where y < bottom {
        screen.put(fit(" " + l, width), x: 0, y: y, style: accent)
        y += 1
    }
    if height >= 10 { y += 1 }
    for line in v.lines where y < bottom - v.fields.count - 1 {
        for l in wrap(line, width: max(1, width - 2), maxLines: max(1, bottom - v.fields.count - 1 - y)) where y < bottom - v.fields.count - 1 {
            screen.put(fit(" " + l, width), x: 0, y: y, style: muted)
            y += 1
        }
    }
    if !v.lines.isEmpty && height >= 12 { y += 1 }
    let labelWidth = min(max(v.fields.map(\.label.columns).max() ?? 0, 4), max(4, width / 3))
    for (i, field) in v.fields.enumerated() where y < bottom {
        let chosen = i == v.cursor
        let label = fit(field.label, labelWidth)
        var line = (chosen ? " ▶ " : "   ") + label + String(repeating: " ", count: max(1, labelWidth - label.columns + 2))
        switch field.kind {
        case .text(let t, let placeholder):
            line += t.isEmpty && !chosen ? placeholder : t + (chosen ? "▏" : "")
        case .choice(let options, let selected):
            // Spaced where they fit, else close together (a 0-10 scale at 40 columns), never cut.
            let spaced = options.enumerated().map { $0.offset == selected ? "[\($0.element)]" : " \($0.element) " }.joined()
            let close = options.enumerated().map { $0.offset == selected ? "[\($0.element)]" : $0.element }.joined(separator: " ")
            line += line.columns + spaced.columns <= width ? spaced : close
        }
        let style = chosen ? Style(v.colour ? .work : .normal, bold: true, reverse: !v.colour) : Style.plain
        screen.put(fit(line, width), x: 0, y: y, style: style)
        y += 1
    }
    if let problem = v.problem, y < bottom {
        // Wrapped onto the rows left above the key line, so that the reason shows whole where it can.
        let top = min(bottom - 1, y + (height >= 10 ? 1 : 0))
        for (i, l) in wrap(problem, width: max(1, width - 2), maxLines: max(1, bottom - top)).enumerated() {
            screen.put(fit(" " + l, width), x: 0, y: top + i, style: v.colour ? Style(.alert) : Style(bold: true))
        }
    }
    if height >= 3 { screen.put(fit(hint, width), x: 0, y: height - 1, style: muted) }
    return screen
}
