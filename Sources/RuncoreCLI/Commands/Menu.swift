import ArgumentParser
import Foundation
import History
import NcursesTerminal
import RoutineFiles
import RoutineKit
import TerminalUI

/// Bare `runcore`: pick a routine from a menu, then run it in the same full screen. A routine with a list of
/// choices (the warm-up's muscle groups to roll) asks for today's pick first, which becomes the default.
struct Menu {
    let launcher: Launcher

    enum Page {
        case list
        case history(lines: [String], offset: Int)
        case checklist(routine: Routine, param: String, choices: [String], ticked: Set<String>, cursor: Int)
        case question(MenuQuestion, FormView)
        case message([String])
    }

    func run() throws {
        let settings = launcher.settings()
        let (entries, errors) = launcher.context.catalog.all()
        let items = entries.map { e -> MenuItem in
            MenuItem(id: e.routine.id, title: e.routine.title, total: launcher.plannedTotal(e.routine, settings: settings),
                     summary: e.routine.summary, safety: e.routine.safety)
        }
        if launcher.plain {
            // No terminal to draw a menu on: say what there is and how to start it.
            for item in items { Out.line("\(item.id.padding(toLength: 8, withPad: " ", startingAt: 0)) \(item.total.leftPadded(6))  \(item.title)") }
            Out.line("Start one with: runcore run NAME (or runcore warmup, core, hold)")
            for e in errors { Out.error(e.description) }
            return
        }
        let signals = SignalPipe()
        let terminal: Terminal
        do {
            terminal = try Terminal(colour: launcher.colour(settings), environment: launcher.environment,
                                    theme: launcher.theme(settings))
        } catch let e as TerminalUnavailable {
            Out.error("runcore: \(e.description); try 'runcore list' and 'runcore run NAME --plain'")
            throw ExitCode(Exit.ioError)
        }
        var notes = settings.problems.map(\.description)
        if !errors.isEmpty { notes.append("\(errors.count) routine file\(errors.count == 1 ? " has" : "s have") errors: see runcore list") }
        var selected = 0
        var chosen: (Routine, DoseOptions)?
        var exitCode: Int32 = 0
        let units = launcher.context.limits(settings).units
        var today = todayLines(settings: settings)
        var asked: Set<String> = []
        /// The next question (an answer may raise one: a logged run asks about the back), or the list with
        /// today's advice read again. Each question is asked once a launch.
        func next() -> Page {
            today = todayLines(settings: settings)
            guard let q = today.questions.first(where: { !asked.contains($0.key) }) else { return .list }
            asked.insert(q.key)
            return .question(q, q.form(units: units, today: launcher.context.today, calendar: launcher.context.calendar, colour: terminal.hasColour))
        }
        var page = next()
        menu: while true {
            let (w, h) = terminal.size
            switch page {
            case .list:
                terminal.draw(renderMenu(MenuView(items: items, selected: selected, colour: terminal.hasColour, note: notes.first,
                                                  today: today.lines), width: w, height: h))
            case .question(_, let form):
                terminal.draw(renderForm(form, width: w, height: h))
            case .message(let lines):
                terminal.draw(renderTextPage(title: "runcore", lines: lines.flatMap { wrap($0, width: max(1, w - 2), maxLines: 8) } + ["", "Any key: on to the menu."],
                                             width: w, height: h, colour: terminal.hasColour))
            case .history(let lines, let offset):
                terminal.draw(renderTextPage(title: "runcore · your history", lines: lines, width: w, height: h,
                                             colour: terminal.hasColour, offset: offset))
            case .checklist(let routine, _, let choices, let ticked, let cursor):
                terminal.draw(renderChecklist(ChecklistView(title: "\(routine.title): what feels tight today?", choices: choices,
                                                            ticked: ticked, cursor: cursor, colour: terminal.hasColour), width: w, height: h))
            }
            for event in terminal.waitForInput(timeout: nil, watchFD: signals.readFD) {
                switch event {
                case .resize: terminal.redrawAll(); continue
                case .hangup: exitCode = Exit.sigHUP; break menu
                case .watched:
                    for sig in signals.drain() {
                        switch sig {
                        case SIGINT: exitCode = Exit.sigINT; break menu
                        case SIGTERM: exitCode = Exit.sigTERM; break menu
                        case SIGHUP: exitCode = Exit.sigHUP; break menu
                        case SIGTSTP: terminal.suspend(); SignalPipe.stopSelf(); terminal.resume()
                        case SIGCONT: terminal.redrawAll()
                        default: break
                        }
                    }
                    continue
                case .key(let key):
                    switch page {
                    case .message:
                        page = next()
                    case .question(let q, var form):
                        switch key {
                        case .escape:
                            q.skip(context: launcher.context)
                            page = next()
                            continue
                        case .up: form.cursor = max(0, form.cursor - 1)
                        case .down, .char("\t"): form.cursor = min(form.fields.count - 1, form.cursor + 1)
                        case .enter:
                            let (problem, after) = q.save(form.fields, context: launcher.context, units: units)
                            if let problem {
                                form.problem = problem
                            } else {
                                page = after.isEmpty ? next() : .message(after)
                                continue
                            }
                        default:
                            let formKey: FormKey?
                            switch key {
                            case .char(let c): formKey = .char(c)
                            case .backspace: formKey = .backspace
                            case .left: formKey = .left
                            case .right: formKey = .right
                            default: formKey = nil
                            }
                            if let formKey, let changed = form.fields[form.cursor].handling(formKey) {
                                form.fields[form.cursor] = changed
                                form.problem = nil
                            }
                        }
                        page = .question(q, form)
                    case .history(let lines, let offset):
                        let rows = textPageRows(height: h)
                        let moved: Int?
                        switch key {
                        case .up, .char("k"): moved = offset - 1
                        case .down, .char("j"): moved = offset + 1
                        case .pageUp, .char("b"): moved = offset - max(1, rows - 1)
                        case .pageDown, .char(" "): moved = offset + max(1, rows - 1)
                        default: moved = nil
                        }
                        if let moved { page = .history(lines: lines, offset: clampedOffset(moved, lines: lines.count, height: h)) } else { page = .list }
                    case .checklist(let routine, let param, let choices, var ticked, var cursor):
                        switch key {
                        case .up, .char("k"): cursor = max(0, cursor - 1)
                        case .down, .char("j"): cursor = min(choices.count - 1, cursor + 1)
                        case .char(" "), .char("x"):
                            let c = choices[cursor]
                            if ticked.contains(c) { ticked.remove(c) } else { ticked.insert(c) }
                        case .enter:
                            let items = choices.filter { ticked.contains($0) }
                            if let problem = MenuPicks.save(routine: routine, param: param, items: items, context: launcher.context) {
                                notes.insert(problem, at: 0)
                            }
                            chosen = (routine, DoseOptions.setting(["\(param)=\(items.joined(separator: ","))"]))
                            break menu
                        case .escape, .char("q"), .left:
                            page = .list
                            continue
                        default: break
                        }
                        page = .checklist(routine: routine, param: param, choices: choices, ticked: ticked, cursor: cursor)
                    case .list:
                        switch key {
                        case .char("h"): page = .history(lines: historyPage(), offset: 0)
                        case .up, .char("k"): selected = max(0, selected - 1)
                        case .down, .char("j"): selected = min(items.count - 1, selected + 1)
                        case .enter, .char(" "), .right:
                            if entries.indices.contains(selected) { page = choose(entries[selected].routine, settings: settings, chosen: &chosen) }
                        case .char("q"), .escape: break menu
                        case .char(let c) where c.isNumber:
                            if let n = Int(String(c)), entries.indices.contains(n - 1) { page = choose(entries[n - 1].routine, settings: settings, chosen: &chosen) }
                        default: break
                        }
                        if chosen != nil { break menu }
                    }
                }
            }
        }
        guard let (routine, doses) = chosen else {
            terminal.stop()
            if exitCode != 0 { throw ExitCode(exitCode) }
            return
        }
        let planned: Launcher.Planned
        do {
            planned = try launcher.timeline(for: routine, doses: doses, settings: settings, quiet: true)
        } catch {
            terminal.stop()
            throw error
        }
        let status = launcher.runFullScreen(planned.timeline, routine: routine, settings: settings, terminal: terminal, signals: signals,
                                            startAt: nil, notices: launcher.coachNotices(for: routine, settings: settings) + planned.notices)
        if status != 0 { throw ExitCode(status) }
    }

    /// A routine with a list of choices asks first (ticked: what it would use now, e.g. the last pick);
    /// others start at once.
    func choose(_ routine: Routine, settings: Settings, chosen: inout (Routine, DoseOptions)?) -> Page {
        for p in routine.params {
            guard case .list(_, let choices) = p.kind, !choices.isEmpty else { continue }
            let current = (try? launcher.timeline(for: routine, doses: DoseOptions.setting(), settings: settings, quiet: true))?
                .timeline.params[p.name]
            let ticked: Set<String>
            if case .list(let l)? = current { ticked = Set(l) } else { ticked = [] }
            return .checklist(routine: routine, param: p.name, choices: choices, ticked: ticked, cursor: 0)
        }
        chosen = (routine, DoseOptions.setting())
        return .list
    }
}

extension Menu {
    /// The top of the menu: a stop for pain first, then what to do today, then the other warnings; and the
    /// questions to ask before the list.
    func todayLines(settings: Settings) -> (lines: [MenuLine], questions: [MenuQuestion]) {
        let context = launcher.context
        let store = FileManager.default.fileExists(atPath: context.paths.historyFile.path)
            ? try? HistoryStore.forReading(path: context.paths.historyFile.path) : nil
        if let store { context.readCache.kept.append(store) }
        guard let log = (try? store?.runnerLog(runDays: settings.runDays ?? [], within: context.logWindow)) ?? (store == nil ? RunnerLog(runDays: settings.runDays ?? []) : nil) else {
            return ([MenuLine("The history cannot be read: runcore today says why.", alert: true)], [])
        }
        let advice = Advice.today(log, limits: context.limits(settings), now: context.now, calendar: context.calendar)
        let warnings = advice.warnings.filter { $0.kind != .firstQuestion }
        let lines = warnings.filter(\.isStop).map { MenuLine($0.text, alert: true) } + [MenuLine(advice.headline)]
            + warnings.filter { !$0.isStop }.map { MenuLine($0.text, alert: true) }
        return (lines, MenuQuestion.pending(log, store: store, now: context.now, calendar: context.calendar))
    }

    /// Stats, then the last sessions, as in `runcore stats` and `runcore history`.
    func historyPage() -> [String] {
        let context = launcher.context
        guard FileManager.default.fileExists(atPath: context.paths.historyFile.path) else {
            return ["No sessions yet. Pick a routine and your sessions will show here."]
        }
        do {
            let store = try HistoryStore.forReading(path: context.paths.historyFile.path)
            context.readCache.kept.append(store)   // closed at exit, not in the middle of the menu's run
            let sessions = try store.sessions(limit: 200)
            let report = try StatsCommand.report(store, context: context)
            let table = sessions.map { "  " + HistoryText.tableRow($0, calendar: context.calendar) }
            let unreadable = store.problems.isEmpty ? [] : [""] + store.problems.map { "Left out: \($0)" }
            return ["Last sessions, newest first"] + table + [""] + report + unreadable
        } catch {
            return ["History cannot be read: \(error)"]
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
