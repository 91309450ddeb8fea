import ArgumentParser
import Foundation
import History

/// `runcore today`: what to do today and why, from the log.
struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", abstract: "What to do today and why: warm up before a run, core on a day off, and any warning.")
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        for p in settings.problems { Out.error(p.description) }
        let store = try context.openHistoryForReport()
        let log = try context.runnerLog(store, settings: settings)
        let advice = Advice.today(log, limits: context.limits(settings), now: context.now, calendar: context.calendar)
        Out.line(TodayText.today(advice, now: context.now, calendar: context.calendar).joined(separator: "\n"))
        try reportProblems(store)
    }
}
