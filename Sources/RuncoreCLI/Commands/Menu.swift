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
        var page = Page.list
        menu: while true {
            let (w, h) = terminal.size
            switch page {
            case .list:
                terminal.draw(renderMenu(MenuView(items: items, selected: selected, colour: terminal.hasColour, note: notes.first), width: w, height: h))
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
                                            startAt: nil, notices: planned.notices)
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
