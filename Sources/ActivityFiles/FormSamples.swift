/// Running-form figures gathered record by record, then averaged into an `Activity.Form`.
///
/// Cadence is averaged over the records taken while moving (cadence above zero: a watch writes 0 while the
/// runner stands); the other figures over the records that have them (above zero). The cadence drop splits the
/// moving records by time at two thirds of the way from the first to the last (by position when records carry
/// no time) and takes the first part's average minus the last part's.
struct FormSamples {
    var cadence: [(t: Double?, spm: Double)] = []
    var step = Mean(), contact = Mean(), oscillation = Mean()

    struct Mean {
        var sum = 0.0, n = 0
        mutating func add(_ v: Double?) { if let v, v > 0, v.isFinite { sum += v; n += 1 } }
        var value: Double? { n > 0 ? sum / Double(n) : nil }
    }

    /// One record: `spm` in steps a minute, `stepMM`, `stanceMS`, `oscillationMM` as the file gives them.
    mutating func add(time: Double?, spm: Double?, stepMM: Double? = nil, stanceMS: Double? = nil, oscillationMM: Double? = nil) {
        if let spm, spm > 0, spm.isFinite { cadence.append((time, spm)) }
        step.add(stepMM)
        contact.add(stanceMS)
        oscillation.add(oscillationMM)
    }

    var form: Activity.Form {
        var f = Activity.Form(stepLength: step.value.map { $0 / 1000 }, groundContact: contact.value, verticalOscillation: oscillation.value)
        guard !cadence.isEmpty else { return f }
        f.cadence = cadence.reduce(0) { $0 + $1.spm } / Double(cadence.count)
        var early: [Double] = [], late: [Double] = []
        if cadence.allSatisfy({ $0.t != nil }), let t0 = cadence.first?.t, let t1 = cadence.last?.t, t1 > t0 {
            let boundary = t0 + (t1 - t0) * 2 / 3
            for c in cadence { if c.t! < boundary { early.append(c.spm) } else { late.append(c.spm) } }
        } else {
            let cut = cadence.count * 2 / 3
            early = cadence[..<cut].map(\.spm)
            late = cadence[cut...].map(\.spm)
        }
        if !early.isEmpty && !late.isEmpty {
            f.cadenceDrop = early.reduce(0, +) / Double(early.count) - late.reduce(0, +) / Double(late.count)
        }
        return f
    }
}
