import Foundation
import History
import RoutineKit
import RunnerLog
import TerminalUI

/// The day verdict's questions as the menu's forms, and what an answer writes to the log. Which questions
/// are due is the verdict's to say (`DayVerdict.questions`); this only asks them and keeps the answers.
package enum QuestionForms {
    static let backFields = [
        FormField(label: "Back", kind: .choice((0...10).map(String.init), selected: 0)),
        FormField(label: "Where", kind: .choice(["–"] + CheckIn.places, selected: 0)),
        FormField(label: "Spreading", kind: .choice(["no", "yes"], selected: 0)),
        FormField(label: "Constant", kind: .choice(["no", "yes"], selected: 0)),
    ]
    static let backHelp = "0 is fine, 10 the worst. Pain that is constant or spreads means stop and see a healthcare provider."

    package static func form(_ q: Question, units: Units, today: String, calendar: Calendar, colour: Bool) -> FormView {
        switch q {
        case .existingPain:
            return FormView(question: "One question before you start: do you have low-back pain already?",
                            lines: ["Your answer stays on this computer. You can change it with runcore log existing-pain."],
                            fields: [FormField(label: "Low-back pain", kind: .choice(["no", "yes"], selected: 0))], colour: colour)
        case .cleared:
            return FormView(question: "Your back has eased, but constant or spreading pain means no training until a healthcare provider has seen you. Have you talked to one?",
                            lines: ["Yes lifts the stop (like runcore log cleared)."],
                            fields: [FormField(label: "Seen a provider", kind: .choice(["no", "yes"], selected: 0))], colour: colour)
        case .backAfterPainStop(_, let title):
            return FormView(question: "You stopped \(title) for pain. How is your back now?", lines: [backHelp], fields: backFields, colour: colour)
        case .runAfterWarmup(let day, let at):
            return FormView(question: "You warmed up at \(DayVerdict.clock(at, calendar))\(day == today ? "" : " yesterday"). How far did you run?",
                            lines: ["Like 8.2km or 5mi; a bare number is in \(units.rawValue)."],
                            fields: [FormField(label: "Distance", kind: .text("", placeholder: "8.2\(units.rawValue)")),
                                     FormField(label: "Time", kind: .text("", placeholder: "45m (optional)"))], colour: colour)
        case .backAfterRun(_, let nextDay):
            return FormView(question: nextDay ? "How is your back today, the day after your run?" : "How is your back after the run?",
                            lines: [backHelp], fields: backFields, colour: colour)
        }
    }

    /// Saves the answer. Returns a problem with what was typed (the form stays), or lines to show after.
    package static func save(_ q: Question, _ fields: [FormField], context: Context, units: Units) -> (problem: String?, after: [String]) {
        let now = context.now
        do {
            switch q {
            case .existingPain:
                let yes = fields[0].value == "yes"
                try context.withWriter { try $0.setExistingPain(yes, at: now) }
                return (nil, yes ? [BackRules.existingPainAnswer] : [])
            case .cleared:
                if fields[0].value == "yes" {
                    try context.withWriter { store in
                        try store.add(Clearance(at: now, day: context.today, note: "said in the menu"), at: now)
                    }
                    return (nil, ["Noted: a healthcare provider has seen you. Stop again at once if pain is constant or spreads."])
                }
                try context.withWriter { try $0.markAsked(q.key, at: now) }
                return (nil, ["Then please rest, and talk to a healthcare provider before you train again."])
            case .runAfterWarmup(let day, _):
                // The same limits as `log run` (RunBounds), and the pair in use on the day.
                let entry: (meters: Double, seconds: Double?)
                switch RunBounds.entry(distance: fields[0].value, time: fields[1].value, day: day, today: context.today, units: units) {
                case .success(let e): entry = e
                case .failure(let p): return (p.message, [])
                }
                let (meters, seconds) = entry
                try context.withWriter { store in
                    let shoe = try store.shoesInUse(calendar: context.calendar).pair(on: day)
                    let at = day == context.today ? now : (CalendarDay.date(day, context.calendar) ?? now).addingTimeInterval(12 * 3600)
                    // The write that may be repeated first, the one that must not be last (see `withWriter`).
                    try store.markAsked(q.key, at: now)
                    try store.add(Run(startedAt: at, day: day, meters: meters, seconds: seconds, shoe: shoe), at: now)
                }
                return (nil, [])
            case .backAfterRun, .backAfterPainStop:
                let place = fields[1].value == "–" ? nil : fields[1].value
                let checkIn = CheckIn(at: now, day: context.today, level: Int(fields[0].value) ?? 0, place: place,
                                      spreading: fields[2].value == "yes", constant: fields[3].value == "yes")
                try context.withWriter { try $0.add(checkIn) }
                return (nil, [])
            }
        } catch {
            return (nil, ["Not saved: \(error)"])
        }
    }

    /// Esc: not asked again (but the first-use question, which is asked until answered).
    package static func skip(_ q: Question, context: Context) {
        if case .existingPain = q { return }
        _ = try? context.withWriter { try $0.markAsked(q.key, at: context.now) }
    }
}
