import Foundation

/// Running form as the watch measured it over one run: averages over the records taken while moving. Absent
/// figures are nil (a phone app writes none of them): absent is never zero.
public struct RunForm: Sendable, Equatable {
    /// Steps a minute (both feet).
    public var cadence: Double?
    /// Metres a step.
    public var stepLength: Double?
    /// Ground contact (stance) time a step, milliseconds.
    public var groundContact: Double?
    /// Vertical oscillation, millimetres.
    public var verticalOscillation: Double?
    /// How far cadence fell in the run's last third: the first two thirds' average minus the last third's,
    /// steps a minute (negative when it rose).
    public var cadenceDrop: Double?

    public init(cadence: Double? = nil, stepLength: Double? = nil, groundContact: Double? = nil, verticalOscillation: Double? = nil,
                cadenceDrop: Double? = nil) {
        self.cadence = cadence
        self.stepLength = stepLength
        self.groundContact = groundContact
        self.verticalOscillation = verticalOscillation
        self.cadenceDrop = cadenceDrop
    }

    public var isEmpty: Bool { self == RunForm() }

    /// `172 steps/min (4 fewer in the last third), step 1.05 m, ground contact 248 ms, vertical oscillation 8.5 cm`;
    /// nil when the run has no figures.
    public var summary: String? {
        var parts: [String] = []
        if let c = cadence {
            var s = "\(Int(c.rounded())) steps/min"
            if let d = cadenceDrop {
                let n = Int(d.rounded())
                s += n == 0 ? " (steady to the end)" : n > 0 ? " (\(n) fewer in the last third)" : " (\(-n) more in the last third)"
            }
            parts.append(s)
        }
        if let l = stepLength { parts.append(String(format: "step %.2f m", l)) }
        if let g = groundContact { parts.append("ground contact \(Int(g.rounded())) ms") }
        if let v = verticalOscillation { parts.append(String(format: "vertical oscillation %.1f cm", v / 10)) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

/// The runner's form figures against their own usual: no thresholds, only their numbers side by side.
public enum FormFigures {
    /// The average of each figure over `runs` that have it.
    public static func average(_ runs: [Run]) -> RunForm {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        return RunForm(cadence: mean(runs.compactMap(\.form.cadence)), stepLength: mean(runs.compactMap(\.form.stepLength)),
                       groundContact: mean(runs.compactMap(\.form.groundContact)),
                       verticalOscillation: mean(runs.compactMap(\.form.verticalOscillation)),
                       cadenceDrop: mean(runs.compactMap(\.form.cadenceDrop)))
    }

    /// The form part of the causes of a rising back: the last two weeks against the eight weeks before them,
    /// each figure the watch gave in both, then the article's advice to have a running coach watch the stride.
    public static func cause(_ log: RunnerLog, today: Date, calendar: Calendar) -> String {
        let advice = "have a running coach watch your form and stride"
        guard let t = CalendarDay.number(CalendarDay.string(today, calendar)) else { return "your running form (\(advice))" }
        let recentFrom = CalendarDay.string(number: t - 13), usualFrom = CalendarDay.string(number: t - 13 - 56), end = CalendarDay.string(number: t)
        let recent = average(log.runs.filter { $0.day >= recentFrom && $0.day <= end })
        let usual = average(log.runs.filter { $0.day >= usualFrom && $0.day < recentFrom })
        var pairs: [String] = []
        func add(_ name: String, _ now: Double?, _ then: Double?, _ text: (Double) -> String) {
            guard let now, let then else { return }
            pairs.append("\(name) \(text(now)) against \(text(then))")
        }
        add("cadence", recent.cadence, usual.cadence) { "\(Int($0.rounded())) steps/min" }
        add("step", recent.stepLength, usual.stepLength) { String(format: "%.2f m", $0) }
        add("ground contact", recent.groundContact, usual.groundContact) { "\(Int($0.rounded())) ms" }
        add("vertical oscillation", recent.verticalOscillation, usual.verticalOscillation) { String(format: "%.1f cm", $0 / 10) }
        add("cadence drop in a run's last third", recent.cadenceDrop, usual.cadenceDrop) { "\(Int($0.rounded())) steps/min" }
        guard !pairs.isEmpty else { return "your running form (\(advice))" }
        return "your running form (the last two weeks against the eight before: " + pairs.joined(separator: "; ")
            + "): \(advice)"
    }
}
