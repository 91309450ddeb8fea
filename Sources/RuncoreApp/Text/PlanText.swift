import RoutineKit

/// The printed timeline of `runcore plan`: every block with its start time and length, and the total.
package enum PlanText {
    package static func render(_ timeline: Timeline, routine: Routine) -> String {
        var lines: [String] = []
        lines.append("\(routine.title) (\(routine.id))")
        for note in routine.safety { lines.append("! " + note) }
        if !routine.params.isEmpty {
            let doses = routine.params.map { p -> String in
                let value = timeline.params[p.name]?.description ?? p.defaultValue.description
                var text = "\(p.name) \(value)"
                if let why = timeline.params.reasons[p.name] { text += " (\(why))" }
                return text
            }
            lines.append("Doses: " + doses.joined(separator: " · "))
        }
        lines.append("")
        lines.append("  start  length  step")
        for block in timeline.blocks {
            let start = DurationText.clock(Int(block.plannedStart / nanosPerSecond))
            let secs = Int(block.estimate / nanosPerSecond)
            var length = DurationText.clock(secs)
            var label = block.label
            switch block.kind {
            case .reps(let n):
                length = "~" + length
                label += " — \(n) reps, Enter when done"
            case .hold(let target):
                length = "~" + length
                label += target.map { " — hold, target \(DurationText.compact(Int($0 / nanosPerSecond))), Enter stops" }
                    ?? " — hold, Enter stops"
            case .switchSides:
                label = "Switch to \(block.side ?? "the other side")"
            default: break
            }
            lines.append(pad(start, 7) + " " + pad(length, 7) + "  " + label)
        }
        lines.append("")
        let total = Int(timeline.total / nanosPerSecond)
        let estimated = timeline.blocks.contains { $0.kind.countsUp }
        lines.append("Total \(DurationText.clock(total))\(estimated ? " (rep and hold steps estimated)" : "") in \(plural(timeline.blocks.count, "step"))")
        return lines.joined(separator: "\n")
    }

    package static func pad(_ s: String, _ width: Int) -> String { s.leftPadded(width) }
}

/// "1 step", "2 steps".


extension String {
    /// Right-aligned in `width` characters.
    package func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
