import ArgumentParser
import Foundation
import History
import NcursesTerminal
import RoutineFiles
import RoutineKit
import TerminalUI

/// Bare `runcore`: pick a routine from a menu, then run it in the same full screen.
struct Menu {
    let launcher: Launcher

    func run() throws {
        let settings = try launcher.settings()
        let (entries, errors) = launcher.context.catalog.all()
        let items = entries.map { e -> MenuItem in
            let total = (try? Timeline(e.routine)).map { DurationText.clock(Int($0.total / nanosPerSecond)) } ?? "?"
            return MenuItem(id: e.routine.id, title: e.routine.title, total: total, summary: e.routine.summary)
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
            terminal = try Terminal(colour: launcher.colour(settings), environment: launcher.environment)
        } catch let e as TerminalUnavailable {
            Out.error("runcore: \(e.description); try 'runcore list' and 'runcore run NAME --plain'")
            throw ExitCode(Exit.ioError)
        }
        let note = errors.isEmpty ? nil : "\(errors.count) routine file\(errors.count == 1 ? " has" : "s have") errors: see runcore list"
        var selected = 0
        var chosen: Routine?
        var exitCode: Int32 = 0
        var page: [String]?
        menu: while true {
            let (w, h) = terminal.size
            if let page {
                terminal.draw(renderTextPage(title: "runcore · your history", lines: page, width: w, height: h, colour: terminal.hasColour))
            } else {
                terminal.draw(renderMenu(MenuView(items: items, selected: selected, colour: terminal.hasColour, note: note), width: w, height: h))
            }
            for event in terminal.waitForInput(timeout: nil, watchFD: signals.readFD) {
                if page != nil, case .key = event {
                    page = nil
                    continue
                }
                switch event {
                case .key(.char("h")): page = historyPage()
                case .key(.up), .key(.char("k")): selected = max(0, selected - 1)
                case .key(.down), .key(.char("j")): selected = min(items.count - 1, selected + 1)
                case .key(.enter), .key(.char(" ")), .key(.right):
                    if entries.indices.contains(selected) { chosen = entries[selected].routine; break menu }
                case .key(.char("q")), .key(.escape): break menu
                case .key(.char(let c)) where c.isNumber:
                    if let n = Int(String(c)), entries.indices.contains(n - 1) { chosen = entries[n - 1].routine; break menu }
                case .resize: terminal.redrawAll()
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
                default: break
                }
            }
        }
        guard let routine = chosen else {
            terminal.stop()
            if exitCode != 0 { throw ExitCode(exitCode) }
            return
        }
        let timeline: Timeline
        do {
            timeline = try launcher.timeline(for: routine, doses: try DoseOptions.parse([]), settings: settings)
        } catch {
            terminal.stop()
            throw error
        }
        let status = launcher.runFullScreen(timeline, routine: routine, settings: settings, terminal: terminal, signals: signals,
                                            startAt: nil)
        if status != 0 { throw ExitCode(status) }
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
            let store = try HistoryStore(path: context.paths.historyFile.path, create: false)
            let sessions = try store.sessions()
            let stats = Stats.compute(sessions: sessions, holds: try store.holds(), today: context.now, calendar: context.calendar)
            return HistoryText.stats(stats, calendar: context.calendar) + ["", "Last sessions"]
                + HistoryText.table(Array(sessions.prefix(5)), calendar: context.calendar).split(separator: "\n").map { "  " + $0 }
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
