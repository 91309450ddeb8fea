/// A drawing of the body in position, in terminal characters: one frame for a still figure, two or three for
/// a movement (a squat down and up). Frames change every `every` while the step runs, never faster than
/// twice a second.
public struct Figure: Sendable, Equatable {
    public var name: String
    public var title: String
    /// Each frame's rows; every frame has the same number of rows.
    public var frames: [[String]]
    public var every: Nanos

    /// The fastest a figure may change: twice a second.
    public static let fastest: Nanos = 500_000_000
    public static let maxFrames = 3
    public static let maxRows = 7
    public static let maxColumns = 24

    public init(name: String, title: String = "", frames: [[String]], every: Nanos = 500_000_000) {
        self.name = name
        self.title = title
        self.frames = frames
        self.every = max(Self.fastest, every)
    }

    public var isAnimated: Bool { frames.count > 1 }
    public var rows: Int { frames.first?.count ?? 0 }

    /// The frame shown after `elapsed` of active time in the step (paused time does not move it).
    public func frame(at elapsed: Nanos) -> [String] {
        guard isAnimated else { return frames.first ?? [] }
        return frames[Int((max(0, elapsed) / every) % Nanos(frames.count))]
    }

    /// How long after `elapsed` the frame changes; nil for a still figure.
    public func nextChange(after elapsed: Nanos) -> Nanos? {
        guard isAnimated else { return nil }
        return every - max(0, elapsed) % every
    }

    /// The name a step's `figure:` resolves to, with `{side}` and `{item}` filled in as lower-case words
    /// joined by hyphens (`side-plank-{side}` → `side-plank-left`, `roll-{item}` → `roll-hip-flexors`).
    public static func resolve(_ pattern: String, side: String?, item: String?) -> String {
        func slug(_ s: String) -> String {
            s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
        }
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[open...]
            if after.hasPrefix("{side}") {
                out += side.map(slug) ?? ""
                rest = after.dropFirst(6)
            } else if after.hasPrefix("{item}") {
                out += item.map(slug) ?? ""
                rest = after.dropFirst(6)
            } else {
                out += "{"
                rest = after.dropFirst()
            }
        }
        return out + rest
    }
}
