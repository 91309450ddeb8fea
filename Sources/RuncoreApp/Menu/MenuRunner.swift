import Foundation
import History
import NcursesTerminal
import RoutineFiles
import RoutineKit
import RunnerLog
import TerminalUI

/// Bare `runcore`: the menu (`MenuModel`) on the terminal, its effects carried out (answers saved, the
/// history read, picks kept), then the chosen routine in the same full screen.
package struct MenuRunner {
    let launcher: Launcher

    package init(launcher: Launcher) { self.launcher = launcher }

    var context: Context { launcher.context }

    /// The model as the menu opens: the routines, today's verdict (the cursor on the routine it names), and the
    /// first question due.
    package func model(settings: Settings, colour: Bool) -> MenuModel {
        let (entries, errors) = context.catalog.all()
        let routines = entries.map(\.routine)
        let (verdict, problem) = context.verdictOrProblem(settings: settings, routines: routines)
        var notes = settings.problems.map(\.description) + entries.compactMap(\.droppedRoleNote)
        if !errors.isEmpty { notes.append("\(plural(errors.count, "routine file")) \(errors.count == 1 ? "has" : "have") errors: see runcore list") }
        return MenuModel(entries: routines.map { entry($0, settings: settings) }, verdict: verdict, problem: problem, notes: notes,
                         colour: colour, units: context.limits(settings).units, today: context.today, calendar: context.calendar)
    }

    /// A routine on the list, with what it would use today for its list of choices (the last pick, or its
    /// default).
    func entry(_ routine: Routine, settings: Settings) -> MenuModel.Entry {
        let item = MenuItem(id: routine.id, title: routine.title, total: launcher.plannedTotal(routine, settings: settings),
                            summary: routine.summary, safety: routine.safety)
        for p in routine.params {
            guard case .list(_, let choices) = p.kind, !choices.isEmpty else { continue }
            let current = (try? launcher.timeline(for: routine, overrides: [], settings: settings, quiet: true))?.timeline.params[p.name]
            var ticked: [String] = []
            if case .list(let l)? = current { ticked = l }
            return MenuModel.Entry(item: item, checklist: (p.name, choices, ticked))
        }
        return MenuModel.Entry(item: item)
    }

    package func run() throws {
        let settings = launcher.settings()
        if launcher.plain {
            // No terminal to draw a menu on: the list as `runcore list` prints it, and how to start one.
            let (entries, errors) = context.catalog.all()
            for line in ListText.lines(entries, total: { launcher.plannedTotal($0, settings: settings) }) { Out.line(line) }
            Out.line("Start one with: runcore run NAME (or runcore warmup, core, hold)")
            for e in errors { Out.error(e.description) }
            return
        }
        let signals = SignalPipe()
        let terminal: Terminal
        do {
            terminal = try Terminal(colour: launcher.colour(settings), environment: launcher.environment,
                                    theme: launcher.theme(settings), now: MonotonicClock.now)
        } catch let e as TerminalUnavailable {
            Out.error("runcore: \(e.description); try 'runcore list' and 'runcore run NAME --plain'")
            throw ExitStatus(Exit.ioError)
        }
        var model = model(settings: settings, colour: terminal.hasColour)
        var chosen: (String, [(String, String)])?
        var exitCode: Int32 = 0
        let units = model.units
        func reread() -> (DayVerdict?, String?) {
            context.rereadHistory()
            return context.verdictOrProblem(settings: settings, routines: context.catalog.all().entries.map(\.routine))
        }
        menu: while true {
            let (w, h) = terminal.size
            terminal.draw(model.screen(width: w, height: h))
            for event in terminal.waitForInput(timeout: nil, watchFD: signals.readFD) {
                switch event {
                case .resize: terminal.redrawAll()
                case .hangup: exitCode = Exit.sigHUP; break menu
                case .watched:
                    for meaning in signals.drain().compactMap(SignalMeaning.init) {
                        switch meaning {
                        case .end(let status): exitCode = status; break menu
                        case .suspend: terminal.suspend(); signals.stopSelf(); terminal.resume()
                        case .resumed: terminal.redrawAll()
                        case .childEnded: break
                        }
                    }
                case .key(let key):
                    for effect in model.handle(key, height: terminal.size.height) {
                        switch effect {
                        case .answer(let q, let fields):
                            let (problem, after) = QuestionForms.save(q, fields, context: context, units: units)
                            let (verdict, verdictProblem) = reread()
                            model.answered(problem: problem, after: after, verdict: verdict, verdictProblem: verdictProblem)
                        case .skip(let q):
                            QuestionForms.skip(q, context: context)
                            let (verdict, problem) = reread()
                            model.reload(verdict, problem: problem)
                        case .loadHistory:
                            model.showHistory(historyPage())
                        case .savePick(let id, let param, let items):
                            if let routine = try? context.catalog.find(id).routine,
                               let problem = MenuPicks.save(routine: routine, param: param, items: items, context: context) {
                                model.notes.insert(problem, at: 0)
                            }
                        case .start(let id, let overrides):
                            chosen = (id, overrides.map { ($0.key, $0.value) })
                            break menu
                        case .quit:
                            break menu
                        }
                    }
                }
            }
        }
        guard let (id, overrides) = chosen else {
            terminal.stop()
            if exitCode != 0 { throw ExitStatus(exitCode) }
            return
        }
        let setup: SessionSetup
        do {
            setup = try launcher.prepare(try context.routine(id), overrides: overrides, settings: settings, quiet: true)
        } catch {
            terminal.stop()
            throw error
        }
        let status = launcher.runFullScreen(setup, settings: settings, terminal: terminal, signals: signals, startAt: nil)
        if status != 0 { throw ExitStatus(status) }
    }

    /// Stats, then the last sessions, as in `runcore stats` and `runcore history`.
    func historyPage() -> [String] {
        guard FileManager.default.fileExists(atPath: context.paths.historyFile.path) else {
            return ["No sessions yet. Pick a routine and your sessions will show here."]
        }
        do {
            guard let store = try context.historyOpenedToRead() else {
                return ["No sessions yet. Pick a routine and your sessions will show here."]
            }
            let sessions = try store.sessions(limit: 200)
            let report = try StatsText.report(store, context: context)
            let width = HistoryText.routineColumn(store)
            let table = sessions.map { "  " + HistoryText.tableRow($0, routineWidth: width, calendar: context.calendar) }
            let unreadable = store.problems.isEmpty ? [] : [""] + store.problems.map { "Left out: \($0)" }
            return ["Last sessions, newest first"] + table + [""] + report + unreadable
        } catch {
            return ["History cannot be read: \(error)"]
        }
    }
}
