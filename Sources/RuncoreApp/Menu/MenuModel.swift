import Foundation
import RoutineKit
import RunnerLog
import TerminalUI

/// The menu as a value: its state, a reducer (a key in, the new state and what must be done out), and what it
/// looks like at a size. It reads no files and no clock; `MenuRunner` carries out its effects and feeds the
/// results back.
package struct MenuModel: Equatable {
    /// A routine on the list, and the list of choices it asks about before it starts (the muscle groups to
    /// roll), if any.
    package struct Entry: Equatable {
        package var item: MenuItem
        package var checklist: (param: String, choices: [String], ticked: [String])?

        package init(item: MenuItem, checklist: (param: String, choices: [String], ticked: [String])? = nil) {
            self.item = item
            self.checklist = checklist
        }

        package static func == (a: Entry, b: Entry) -> Bool {
            a.item == b.item && a.checklist?.param == b.checklist?.param && a.checklist?.choices == b.checklist?.choices
                && a.checklist?.ticked == b.checklist?.ticked
        }
    }

    package enum Page: Equatable {
        case list
        case history(lines: [String], offset: Int)
        case checklist(entry: Int, ticked: Set<String>, cursor: Int)
        case question(Question, FormView)
        case message([String])
        case help
        /// Today's advice is to rest: start this routine anyway? (y starts it; no is the default.)
        case confirmStart(entry: Int, question: String)
    }

    /// What the runner must do for the model.
    package enum Effect: Equatable {
        /// Save the answer to a question; then `answered`.
        case answer(Question, [FormField])
        /// Note that a question was passed over (Esc); then `reload`.
        case skip(Question)
        /// Read the history page's lines; then `showHistory`.
        case loadHistory
        /// Keep today's picks for next time.
        case savePick(routineID: String, param: String, items: [String])
        /// Leave the menu and start this routine with these doses.
        case start(routineID: String, overrides: [String: String])
        case quit
    }

    package var entries: [Entry]
    package var selected = 0
    package var page: Page = .list
    /// Today's verdict, or nil when the history cannot be read (then `problem` says why).
    package var verdict: DayVerdict?
    package var problem: String?
    /// A line kept at the bottom of the list (a broken routine file, a pick not saved).
    package var notes: [String]
    package var colour: Bool
    package var units: Units
    /// Questions asked this launch: each at most once, even if it is still due.
    package var asked: Set<String> = []
    /// The runner moved the cursor: a verdict read again no longer moves it.
    package var cursorMoved = false
    /// The day (`yyyy-MM-dd`) and calendar the questions' forms are worded for.
    package var today: String
    package var calendar: Calendar

    package init(entries: [Entry], verdict: DayVerdict?, problem: String? = nil, notes: [String] = [], colour: Bool, units: Units,
                 today: String, calendar: Calendar) {
        self.entries = entries
        self.verdict = verdict
        self.problem = problem
        self.notes = notes
        self.colour = colour
        self.units = units
        self.today = today
        self.calendar = calendar
        followVerdict()
        page = nextPage()
    }

    /// The cursor on the routine the day's verdict names (the first when it names none), until the runner moves it.
    mutating func followVerdict() {
        guard !cursorMoved else { return }
        selected = verdict?.routine.flatMap { r in entries.firstIndex { $0.item.id == r.id } } ?? 0
    }

    /// The next question due and not yet asked this launch, or the list.
    mutating func nextPage() -> Page {
        guard let q = verdict?.questions.first(where: { !asked.contains($0.key) }) else { return .list }
        asked.insert(q.key)
        return .question(q, QuestionForms.form(q, units: units, today: today, calendar: calendar, colour: colour))
    }

    /// The log changed (an answer saved, a question passed over): the verdict is read again, and the next
    /// question comes, or the list with the new advice.
    package mutating func reload(_ verdict: DayVerdict?, problem: String?) {
        self.verdict = verdict
        self.problem = problem
        followVerdict()
        page = nextPage()
    }

    /// An answer was saved (or not: `problem` says what to fix, and the form stays), with lines to show.
    package mutating func answered(problem: String?, after: [String], verdict: DayVerdict?, verdictProblem: String?) {
        if let problem, case .question(let q, var form) = page {
            form.problem = problem
            page = .question(q, form)
            return
        }
        self.verdict = verdict
        self.problem = verdictProblem
        followVerdict()
        page = after.isEmpty ? nextPage() : .message(after)
    }

    package mutating func showHistory(_ lines: [String]) { page = .history(lines: lines, offset: 0) }

    /// A key: the new state, and what must be done.
    package mutating func handle(_ key: Key, height: Int) -> [Effect] {
        switch page {
        case .message, .help:
            page = nextPage()
            return []
        case .confirmStart(let i, _):
            switch key {
            case .char("y"), .char("Y"):
                page = .list
                return proceed(i)
            case .char("n"), .char("N"), .escape, .enter, .char("q"), .char("Q"), .left:
                page = .list
            default: break
            }
            return []
        case .question(let q, var form):
            switch key {
            case .escape:
                return [.skip(q)]
            case .up: form.cursor = max(0, form.cursor - 1)
            case .down, .char("\t"): form.cursor = min(form.fields.count - 1, form.cursor + 1)
            case .enter:
                return [.answer(q, form.fields)]
            default:
                if let changed = form.fields[form.cursor].handling(key) {
                    form.fields[form.cursor] = changed
                    form.problem = nil
                }
            }
            page = .question(q, form)
            return []
        case .history(let lines, let offset):
            let rows = textPageRows(height: height)
            let moved: Int?
            switch key {
            case .up, .char("k"): moved = offset - 1
            case .down, .char("j"): moved = offset + 1
            case .pageUp, .char("b"): moved = offset - max(1, rows - 1)
            case .pageDown, .char(" "): moved = offset + max(1, rows - 1)
            default: moved = nil
            }
            page = moved.map { .history(lines: lines, offset: clampedOffset($0, lines: lines.count, height: height)) } ?? .list
            return []
        case .checklist(let i, var ticked, var cursor):
            guard let list = entries[i].checklist else { page = .list; return [] }
            switch key {
            case .up, .char("k"): cursor = max(0, cursor - 1)
            case .down, .char("j"): cursor = min(list.choices.count - 1, cursor + 1)
            case .char(" "), .char("x"):
                let c = list.choices[cursor]
                if ticked.contains(c) { ticked.remove(c) } else { ticked.insert(c) }
            case .enter:
                let items = list.choices.filter { ticked.contains($0) }
                let id = entries[i].item.id
                return [.savePick(routineID: id, param: list.param, items: items),
                        .start(routineID: id, overrides: [list.param: items.joined(separator: ",")])]
            case .escape, .char("q"), .left:
                page = .list
                return []
            default: break
            }
            page = .checklist(entry: i, ticked: ticked, cursor: cursor)
            return []
        case .list:
            if case .char(let c) = key, let n = Int(String(c)), entries.indices.contains(n - 1) { return choose(n - 1) }
            switch Keymap.menu[key] {
            case .up?:
                selected = max(0, selected - 1)
                cursorMoved = true
            case .down?:
                selected = min(entries.count - 1, selected + 1)
                cursorMoved = true
            case .choose?: return entries.indices.contains(selected) ? choose(selected) : []
            case .history?: return [.loadHistory]
            case .help?: page = .help
            case .quit?: return [.quit]
            case nil: break
            }
            return []
        }
    }

    /// On a day whose advice is to rest, the menu asks first, naming why; then a routine with a list of choices
    /// asks what to pick (ticked: what it would use now); others start at once.
    mutating func choose(_ i: Int) -> [Effect] {
        selected = i
        if let reason = verdict?.restReason {
            page = .confirmStart(entry: i, question: "Today's advice is to rest: \(reason). Start anyway? y/N")
            return []
        }
        return proceed(i)
    }

    /// The routine chosen (and, on a day to rest, confirmed): its list of choices, or the start.
    mutating func proceed(_ i: Int) -> [Effect] {
        if let list = entries[i].checklist {
            page = .checklist(entry: i, ticked: Set(list.ticked), cursor: 0)
            return []
        }
        return [.start(routineID: entries[i].item.id, overrides: [:])]
    }

    /// The top of the list: the day's verdict as its lines (stops first, what to do, the warnings; the reasons
    /// are in `runcore today`), or why there is none.
    package var todayLines: [MenuLine] {
        guard let verdict else {
            return [MenuLine(problem ?? "The history cannot be read: runcore today says why.", style: .stop)]
        }
        return (problem.map { [MenuLine($0, style: .stop)] } ?? []) + verdict.lines.compactMap { line in
            switch line.style {
            case .stop: return MenuLine(line.text, style: .stop)
            case .headline: return MenuLine(line.text, style: .advice)
            case .warning: return MenuLine(line.text, style: .warning)
            case .reason: return nil
            }
        }
    }

    /// What the menu looks like at this size.
    package func screen(width: Int, height: Int) -> Screen {
        switch page {
        case .list:
            return renderMenu(MenuView(items: entries.map(\.item), selected: selected, colour: colour, note: notes.first, today: todayLines),
                              width: width, height: height)
        case .question(_, let form):
            return renderForm(form, width: width, height: height)
        case .message(let lines):
            return renderTextPage(title: "runcore", lines: lines.flatMap { wrap($0, width: max(1, width - 2)) } + ["", "Any key: on to the menu."],
                                  width: width, height: height, colour: colour)
        case .help:
            return renderTextPage(title: "runcore · keys", lines: MenuModel.helpLines.flatMap { $0.isEmpty ? [""] : wrap($0, width: max(1, width - 2), indent: "  ") },
                                  width: width, height: height, colour: colour)
        case .confirmStart(let i, let question):
            return renderConfirm(title: "runcore · \(entries[i].item.title)", question: question,
                                 keys: width >= 36 ? " y start · n or Esc back to the menu" : " y start · n back", width: width, height: height,
                                 colour: colour)
        case .history(let lines, let offset):
            return renderTextPage(title: "runcore · your history", lines: lines, width: width, height: height, colour: colour, offset: offset)
        case .checklist(let i, let ticked, let cursor):
            let entry = entries[i]
            return renderChecklist(ChecklistView(title: "\(entry.item.title): what feels tight today?", choices: entry.checklist?.choices ?? [],
                                                 ticked: ticked, cursor: cursor, colour: colour), width: width, height: height)
        }
    }

    static let helpLines = [
        "↑ ↓ (or k j)   choose a routine",
        "Enter, space   start it (1-9: the routine at that place in the list)",
        "h              your history and the weeks",
        "q, Esc         leave",
        "",
        "In a session: " + Keymap.session.map(\.hint).joined(separator: " · "),
        "",
        "Stop at once if pain is constant or spreads, and talk to a healthcare provider.",
    ]
}
