import Foundation
import RunnerLog
import RoutineKit
import TerminalUI

/// `runcore show`: a routine as a printed sheet. Each exercise once, in order, with its figure on the left and
/// its dose and cue on the right; what to bring and the safety notes at the top.
package enum SheetText {
    /// One exercise of the sheet: the blocks of one step, merged.
    struct Entry {
        var name: String
        var item: String?
        var cue: String
        var figure: String?
        var sides: [String] = []
        var sets = 1
        var kind: Block.Kind
        var duration: Nanos?
        var rest: Nanos?
        /// The group (circuit) it belongs to, by its place among the routine's groups.
        var group: Int?
    }

    /// A group of steps repeated as a circuit: its name, rounds, the rest between rounds, and its exercises.
    struct Circuit {
        var name: String
        var rounds: Int
        var rest: Int
        var members: [String]
    }

    /// The routine's groups, with their doses as this session has them.
    static func circuits(_ routine: Routine, params: ParamValues) -> [Circuit] {
        func names(_ steps: [Step]) -> [String] {
            steps.flatMap { step -> [String] in
                switch step {
                case .exercise(let e): return [e.name]
                case .group(let g): return names(g.steps)
                default: return []
                }
            }
        }
        return routine.steps.compactMap { step in
            guard case .group(let g) = step else { return nil }
            return Circuit(name: g.name, rounds: params.number(g.sets), rest: params.number(g.rest),
                           members: names(g.steps))
        }
    }

    static func entries(_ t: Timeline, circuits: [Circuit] = []) -> [Entry] {
        var out: [Entry] = []
        for (i, b) in t.blocks.enumerated() where b.kind.isExercise {
            let group = circuits.firstIndex { $0.members.contains(b.name) }
            if let j = out.lastIndex(where: { $0.name == b.name && $0.item == b.item }) {
                if let side = b.side, !out[j].sides.contains(side) { out[j].sides.append(side) }
                out[j].sets = max(out[j].sets, b.set?.count ?? 1)
                continue
            }
            var e = Entry(name: b.name, item: b.item, cue: b.cue, figure: b.figure, sides: b.side.map { [$0] } ?? [],
                          sets: group == nil ? b.set?.count ?? 1 : 1, kind: b.kind, duration: b.duration, group: group)
            // The rest after a set (in a circuit, the rest before the next exercise of the round; the last one's
            // is the rest between rounds, which the circuit's line gives).
            if let r = t.blocks.dropFirst(i + 1).first(where: { $0.kind != .switchSides && $0.name != b.name }), r.kind == .rest,
               group.map({ circuits[$0].members.last != b.name }) ?? true {
                e.rest = r.duration
            }
            out.append(e)
        }
        return out
    }

    /// "2 sets of 0:30, rest 0:20", "0:30 each side", "12 reps", "hold (target 0:30)".
    static func dose(_ e: Entry) -> String {
        var what: String
        switch e.kind {
        case .reps(let n): what = "\(n) reps"
        case .hold(let target): what = "hold as long as good form lasts" + (target.map { " (target \(DurationText.clock(Int($0 / nanosPerSecond))))" } ?? "")
        default: what = e.duration.map { DurationText.clock(Int($0 / nanosPerSecond)) } ?? ""
        }
        if e.sides.count > 1 { what += " each side (\(e.sides.joined(separator: ", ")))" }
        if e.group != nil {
            if let r = e.rest { what += ", then rest \(DurationText.clock(Int(r / nanosPerSecond)))" }
            return what
        }
        if e.sets > 1 {
            what = "\(e.sets) sets: " + what
            if let r = e.rest { what += ", rest \(DurationText.clock(Int(r / nanosPerSecond))) between" }
        }
        return what
    }

    package static func render(_ t: Timeline, routine: Routine, figures: (String) -> Figure?, width: Int = 80) -> [String] {
        var out: [String] = []
        let total = DurationText.clock(Int(t.total / nanosPerSecond))
        out.append(routine.title.uppercased() + String(repeating: " ", count: max(2, width - routine.title.count - total.count - 6)) + "about " + total)
        if !routine.summary.isEmpty { out += wrap(routine.summary, width: width) }
        if !routine.bring.isEmpty { out.append("Bring: " + routine.bring.joined(separator: ", ")) }
        if !routine.safety.isEmpty {
            out.append("")
            for s in routine.safety { out += wrap("! " + s, width: width, indent: "  ") }
        }
        let figureColumn = 24
        let circuits = circuits(routine, params: t.params)
        var lastGroup: Int?
        for (n, e) in entries(t, circuits: circuits).enumerated() {
            out.append("")
            // A circuit is said once, as it runs: its rounds, then each exercise of a round in order.
            if let g = e.group, g != lastGroup {
                let c = circuits[g]
                out.append(c.rounds > 1 ? "\(c.name.uppercased()) · \(c.rounds) rounds of the \(plural(c.members.count, "exercise")) below"
                           + (c.rest > 0 ? ", rest \(DurationText.clock(c.rest)) between rounds" : "") : c.name.uppercased())
                out.append("")
            }
            lastGroup = e.group
            let title = "\(n + 1). \(e.item.map { "\(e.name): \($0)" } ?? e.name)"
            out.append(title + " · " + dose(e))
            let figure = e.figure.flatMap(figures)?.frames.first ?? []
            let text = wrap(e.cue, width: width - figureColumn - 2)
            let rows = max(figure.count, text.count)
            for r in 0..<rows {
                let left = r < figure.count ? "  " + figure[r] : ""
                let right = r < text.count ? text[r] : ""
                let pad = String(repeating: " ", count: max(1, figureColumn - left.count))
                out.append(right.isEmpty ? left : (figure.isEmpty ? "   " + right : left + pad + right))
            }
            if let f = e.figure.flatMap(figures), f.isAnimated {
                out.append(String(repeating: " ", count: figureColumn) + "(moves: \(f.title.lowercased()))")
            }
        }
        return out.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }
}
