import Foundation
import History
import RoutineKit
import TerminalUI

/// The questions the menu asks before the list, one at a time, each skippable with Esc: on first use, whether
/// the runner has low-back pain already; after a finished warm-up, how far they ran; after a logged run, how
/// the back is (and again the next day). A skipped question is not asked again.
enum MenuQuestion {
    case existingPain
    case run(day: String, warmedUpAt: Date)
    case back(run: Run, nextDay: Bool)

    static let askedRunKey = "asked.run"
    static let askedBackKey = "asked.back"

    /// What to ask now, in order, from the log.
    static func pending(_ log: RunnerLog, store: HistoryStore?, now: Date, calendar: Calendar) -> [MenuQuestion] {
        var out: [MenuQuestion] = []
        if log.existingBackPain == nil { out.append(.existingPain) }
        let today = Stats.dayString(now, calendar)
        let yesterday = Stats.dayString(calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now))!, calendar)
        let askedRun = (try? store?.preference(askedRunKey)) ?? nil
        if let w = log.warmups.last, w.day == today || w.day == yesterday, !log.runs.contains(where: { $0.day == w.day }),
           askedRun != w.day {
            out.append(.run(day: w.day, warmedUpAt: w.at))
        }
        let askedBack = (try? store?.preference(askedBackKey)) ?? nil
        if let run = log.runs.last, run.day == today || run.day == yesterday {
            let nextDay = run.day == yesterday
            let key = backKey(run, nextDay: nextDay)
            let answered = log.checkIns.contains { nextDay ? $0.day == today : $0.at >= run.startedAt }
            if !answered && askedBack != key { out.append(.back(run: run, nextDay: nextDay)) }
        }
        return out
    }

    /// Which question this is, so one launch asks it once.
    var key: String {
        switch self {
        case .existingPain: return "pain"
        case .run(let day, _): return "run \(day)"
        case .back(let run, let nextDay): return "back " + Self.backKey(run, nextDay: nextDay)
        }
    }

    static func backKey(_ run: Run, nextDay: Bool) -> String { "\(run.id ?? 0)\(nextDay ? "+1" : "")" }

    func form(units: Units, today: String, calendar: Calendar, colour: Bool) -> FormView {
        switch self {
        case .existingPain:
            return FormView(question: "One question before you start: do you have low-back pain already?",
                            lines: ["Asked once. Your answer stays on this computer."],
                            fields: [FormField(label: "Low-back pain", kind: .choice(["no", "yes"], selected: 0))], colour: colour)
        case .run(let day, let at):
            return FormView(question: "You warmed up at \(Advice.clock(at, calendar))\(day == today ? "" : " yesterday"). How far did you run?",
                            lines: ["Like 8.2km or 5mi; a bare number is in \(units.rawValue)."],
                            fields: [FormField(label: "Distance", kind: .text("", placeholder: "8.2\(units.rawValue)")),
                                     FormField(label: "Time", kind: .text("", placeholder: "45m (optional)"))], colour: colour)
        case .back(_, let nextDay):
            return FormView(question: nextDay ? "…and today, the day after your run? How is your back?" : "How is your back after the run?",
                            lines: ["0 is fine, 10 the worst. Pain that is constant or spreads means stop and see a healthcare provider."],
                            fields: [FormField(label: "Back", kind: .choice((0...10).map(String.init), selected: 0)),
                                     FormField(label: "Where", kind: .choice(["–", "lower", "middle", "upper"], selected: 0)),
                                     FormField(label: "Spreading", kind: .choice(["no", "yes"], selected: 0)),
                                     FormField(label: "Constant", kind: .choice(["no", "yes"], selected: 0))], colour: colour)
        }
    }

    /// Saves the answer. Returns a problem with what was typed (the form stays), or lines to show after.
    func save(_ fields: [FormField], context: Context, units: Units) -> (problem: String?, after: [String]) {
        do {
            switch self {
            case .existingPain:
                let yes = fields[0].value == "yes"
                try ExistingPain.record(yes, context: context)
                return (nil, yes ? [BackRules.existingPainAdvice] : [])
            case .run(let day, _):
                // The same limits as `log run` (RunBounds), and the pair in use on the day.
                let entry: (meters: Double, seconds: Double?)
                switch RunBounds.entry(distance: fields[0].value, time: fields[1].value, day: day, today: context.today, units: units) {
                case .success(let e): entry = e
                case .failure(let p): return (p.message, [])
                }
                let (meters, seconds) = entry
                try context.withWriter { store in
                    let shoe = try store.shoesInUse(calendar: context.calendar).pair(on: day)
                    let at = day == context.today ? context.now : context.calendar.date(byAdding: .hour, value: 12, to: Stats.dayDate(day, context.calendar)!)!
                    try store.add(Run(startedAt: at, day: day, meters: meters, seconds: seconds, shoe: shoe), at: context.now)
                    try store.setPreference(Self.askedRunKey, day)
                }
                return (nil, [])
            case .back:
                let place = fields[1].value == "–" ? nil : fields[1].value
                _ = try context.withWriter { store in
                    try store.add(CheckIn(at: context.now, day: context.today, level: Int(fields[0].value) ?? 0, place: place,
                                          spreading: fields[2].value == "yes", constant: fields[3].value == "yes"))
                }
                return (nil, [])
            }
        } catch {
            return (nil, ["Not saved: \(error)"])
        }
    }

    /// Esc: not asked again.
    func skip(context: Context) {
        let key: String
        let value: String
        switch self {
        case .existingPain: return
        case .run(let day, _): (key, value) = (Self.askedRunKey, day)
        case .back(let run, let nextDay): (key, value) = (Self.askedBackKey, Self.backKey(run, nextDay: nextDay))
        }
        _ = try? context.withWriter { try $0.setPreference(key, value) }
    }
}
