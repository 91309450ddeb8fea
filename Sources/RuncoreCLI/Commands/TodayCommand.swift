import ArgumentParser
import Foundation
import RoutineKit
import RunnerLog
import RuncoreApp

/// `runcore today`: the day's verdict, as the menu and the calendar have it.
struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", abstract: "What to do today and why: warm up before a run, core on a day off, and any warning.")
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        for p in settings.problems { Out.error(p.description) }
        let store = try context.openHistoryForReport()
        let log = try context.runnerLog(store)
        let verdict = DayVerdict.today(log, context.coachSettings(settings, routines: context.catalog.all().entries.map(\.routine)),
                                       now: context.now, calendar: context.calendar)
        Out.line(TodayText.today(verdict, now: context.now, calendar: context.calendar).joined(separator: "\n"))
        try reportProblems(store)
    }
}
