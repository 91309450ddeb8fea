import Foundation
import RoutineKit
@testable import RuncoreApp
import RunnerLog
import TerminalUI
import Testing
import TestSupport

/// The menu as a reducer (state + key → state + effects) and as pictures, with the day's verdict in it.
@Suite("The menu as a model")
struct MenuModelTests {
    static let cal = utcCalendar
    static func at(_ day: Int, _ hour: Int = 9) -> Date { november(day, hour) }

    static let refs = [RoutineRef(id: "warmup", title: "Pre-run warm-up", role: .warmup, command: "runcore warmup"),
                       RoutineRef(id: "core", title: "Off-day core", role: .core, command: "runcore core"),
                       RoutineRef(id: "hold", title: "Plank hold", role: .hold, command: "runcore hold"),
                       RoutineRef(id: "planks", title: "Plank variations", role: .core, command: "runcore run planks")]
    static let entries: [MenuModel.Entry] = [
        .init(item: MenuItem(id: "warmup", title: "Pre-run warm-up", total: "12:46", summary: "Readies your body."),
              checklist: ("roll", ["calves", "quads", "upper back"], ["calves", "quads"])),
        .init(item: MenuItem(id: "core", title: "Off-day core", total: "4:40", summary: "Side planks.")),
        .init(item: MenuItem(id: "hold", title: "Plank hold", total: "0:35", summary: "One plank.")),
        .init(item: MenuItem(id: "planks", title: "Plank variations", total: "7:00", summary: "Four planks.")),
    ]

    func model(_ log: RunnerLog, now: Date, runDays: Set<Int>? = nil) -> MenuModel {
        let verdict = DayVerdict.today(log, CoachSettings(runDays: runDays, routines: Self.refs), now: now, calendar: Self.cal)
        return MenuModel(entries: Self.entries, verdict: verdict, colour: false, units: .km, today: CalendarDay.string(now, Self.cal),
                         calendar: Self.cal)
    }

    static let answered = PainAnswer(yes: false, at: nil)

    /// The cursor starts on the routine the day's verdict names: core on a day off, the warm-up on a run day.
    @Test func theCursorStartsOnTodaysRoutine() {
        let dayOff = model(RunnerLog(existingPain: Self.answered), now: Self.at(30))
        #expect(dayOff.selected == 1 && dayOff.page == .list)
        let runDay = model(RunnerLog(existingPain: Self.answered), now: Self.at(30), runDays: [1])
        #expect(runDay.selected == 0)
        // After side planks last time, the plank variations.
        let log = RunnerLog(sessions: [LoggedSession(startedAt: Self.at(28), day: "2026-11-28", routineID: "core", role: .core, outcome: .finished,
                                                     count: .done)], existingPain: Self.answered)
        #expect(model(log, now: Self.at(30)).selected == 3)
    }

    /// Questions first, one at a time: Esc passes one over (an effect the runner carries out), Enter answers.
    @Test func questionsComeOneAtATime() {
        var m = model(RunnerLog(runs: [Run(id: 7, startedAt: Self.at(30, 7), day: "2026-11-30", meters: 8200)]), now: Self.at(30))
        guard case .question(.existingPain, _) = m.page else { Issue.record("\(m.page)"); return }
        #expect(m.handle(.right, height: 24).isEmpty)
        guard case .question(_, let form) = m.page else { Issue.record("\(m.page)"); return }
        #expect(form.fields[0].value == "yes")
        #expect(m.handle(.enter, height: 24) == [.answer(.existingPain, form.fields)])
        // The runner saved it; the verdict read again still has the run question due.
        let after = DayVerdict.today(RunnerLog(runs: [Run(id: 7, startedAt: Self.at(30, 7), day: "2026-11-30", meters: 8200)],
                                               existingPain: PainAnswer(yes: true, at: Self.at(30))),
                                     CoachSettings(routines: Self.refs), now: Self.at(30), calendar: Self.cal)
        m.answered(problem: nil, after: [BackRules.existingPainAnswer], verdict: after, verdictProblem: nil)
        #expect(m.page == .message([BackRules.existingPainAnswer]))
        _ = m.handle(.char(" "), height: 24)
        guard case .question(.backAfterRun(let run, false), _) = m.page else { Issue.record("\(m.page)"); return }
        #expect(run.id == 7)
        #expect(m.handle(.escape, height: 24) == [.skip(.backAfterRun(run: run, nextDay: false))])
        m.reload(after, problem: nil)   // still due in the log read again, but asked once this launch
        #expect(m.page == .list)
        #expect(m.todayLines.first == MenuLine("No runs planned until a doctor has seen you (then: runcore log cleared)."))
    }

    /// A problem with what was typed keeps the form, with the problem on it.
    @Test func aBadAnswerKeepsTheForm() {
        let warmup = LoggedSession(startedAt: Self.at(30, 7), day: "2026-11-30", routineID: "warmup", role: .warmup, outcome: .finished, count: .done)
        var m = model(RunnerLog(sessions: [warmup], existingPain: Self.answered), now: Self.at(30))
        guard case .question(.runAfterWarmup, _) = m.page else { Issue.record("\(m.page)"); return }
        for c in "far" { _ = m.handle(.char(c), height: 24) }
        let effects = m.handle(.enter, height: 24)
        guard case .answer(_, let fields)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(fields[0].value == "far")
        m.answered(problem: "Type a distance, like 8.2km or 5mi", after: [], verdict: m.verdict, verdictProblem: nil)
        guard case .question(_, let form) = m.page else { Issue.record("\(m.page)"); return }
        #expect(form.problem == "Type a distance, like 8.2km or 5mi")
    }

    /// The list: arrows move, Enter starts what is chosen; the warm-up asks what feels tight first and starts
    /// with the pick; h asks for the history; a number starts that routine; q quits.
    @Test func theListStartsRoutines() {
        var m = model(RunnerLog(existingPain: Self.answered), now: Self.at(30))
        #expect(m.handle(.down, height: 24).isEmpty && m.selected == 2)
        #expect(m.handle(.enter, height: 24) == [.start(routineID: "hold", overrides: [:])])
        #expect(m.handle(.char("h"), height: 24) == [.loadHistory])
        m.showHistory((1...40).map { "line \($0)" })
        _ = m.handle(.pageDown, height: 24)
        #expect(m.page == .history(lines: (1...40).map { "line \($0)" }, offset: 19))   // the last page ends on the last line
        _ = m.handle(.char("q"), height: 24)
        #expect(m.page == .list)
        #expect(m.handle(.char("1"), height: 24).isEmpty)
        #expect(m.page == .checklist(entry: 0, ticked: ["calves", "quads"], cursor: 0))
        _ = m.handle(.char(" "), height: 24)                  // untick calves
        _ = m.handle(.down, height: 24); _ = m.handle(.down, height: 24)
        _ = m.handle(.char(" "), height: 24)                  // tick upper back
        #expect(m.handle(.enter, height: 24) == [.savePick(routineID: "warmup", param: "roll", items: ["quads", "upper back"]),
                                                 .start(routineID: "warmup", overrides: ["roll": "quads,upper back"])])
        m.page = .list
        #expect(m.handle(.char("q"), height: 24) == [.quit])
    }

    /// With a stop, the menu at 40×12 and 40×8: the STOP whole under the title, the list after it, the cursor on
    /// the first routine (no training is planned).
    @Test func aStopAtFortyColumns() {
        let log = RunnerLog(checkIns: [CheckIn(at: Self.at(30, 7), day: "2026-11-30", level: 6, spreading: true)], existingPain: Self.answered)
        let m = model(log, now: Self.at(30))
        #expect(m.verdict?.kind == .stopForPain && m.selected == 0)
        #expect(m.screen(width: 40, height: 12).lines == [
            " runcore · warm-up and core for runners",
            "",
            " ! STOP: you said today that your back",
            "   pain is spreading. Do not run or",
            "   train; talk to a healthcare",
            "   provider.",
            " … the rest: runcore today",
            " ▶ Pre-run warm-up   12:46",
            "   Off-day core       4:40",
            "   Plank hold         0:35",
            "   Plank variations   7:00",
            " ↑↓ Enter start · h history · q quit",
        ])
        #expect(m.screen(width: 40, height: 8).lines == [
            " runcore · warm-up and core for runners",
            " ! STOP: you said today that your back",
            "   pain is spreading. Do not run or",
            "   train; talk to a healthcare",
            "   provider.",
            " … the rest: runcore today",
            " ▶ Pre-run warm-up   12:46",
            " ↑↓ Enter start · h history · q quit",
        ])
    }

    /// On a day whose advice is to rest, Enter on a routine asks first, naming why; no is the default (n, Esc,
    /// Enter go back to the list), y starts it (the warm-up's checklist first). Whole at 40×12 and 40×8.
    @Test func onADayToRestTheMenuAsksBeforeStarting() {
        let log = RunnerLog(checkIns: [CheckIn(at: Self.at(30, 7), day: "2026-11-30", level: 6, spreading: true)], existingPain: Self.answered)
        var m = model(log, now: Self.at(30))
        #expect(m.page == .list && m.verdict?.kind == .stopForPain)
        _ = m.handle(.down, height: 24)
        #expect(m.handle(.enter, height: 24).isEmpty)
        let question = "Today's advice is to rest: your back pain means a healthcare provider should see you first. Start anyway? y/N"
        #expect(m.page == .confirmStart(entry: 1, question: question))
        #expect(m.screen(width: 40, height: 12).lines == [
            " runcore · Off-day core",
            "",
            " Today's advice is to rest: your back",
            " pain means a healthcare provider",
            " should see you first. Start anyway?",
            " y/N",
            "",
            "",
            "",
            "",
            "",
            " y start · n or Esc back to the menu",
        ])
        #expect(m.screen(width: 40, height: 8).lines == [
            " runcore · Off-day core",
            "",
            " Today's advice is to rest: your back",
            " pain means a healthcare provider",
            " should see you first. Start anyway?",
            " y/N",
            "",
            " y start · n or Esc back to the menu",
        ])
        for no in [Key.char("n"), .escape, .enter] {
            #expect(m.handle(no, height: 24).isEmpty && m.page == .list, "\(no)")
            _ = m.handle(.enter, height: 24)
            #expect(m.page == .confirmStart(entry: 1, question: question))
        }
        #expect(m.handle(.char("x"), height: 24).isEmpty && m.page == .confirmStart(entry: 1, question: question))
        #expect(m.handle(.char("y"), height: 24) == [.start(routineID: "core", overrides: [:])])
        // The warm-up: yes, then what feels tight.
        m.page = .list
        #expect(m.handle(.char("1"), height: 24).isEmpty)
        #expect(m.handle(.char("y"), height: 24).isEmpty)
        #expect(m.page == .checklist(entry: 0, ticked: ["calves", "quads"], cursor: 0))
    }

    /// Each day that holds training back names its own reason, whole at 40×8; other days start at once.
    @Test func eachDayToRestSaysWhy() {
        let stopped = LoggedSession(startedAt: Self.at(29, 7), day: "2026-11-29", routineID: "core", title: "Off-day core", role: .core,
                                    outcome: .pain, count: SessionCount(counts: false, counted: 0, planned: 180))
        let cases: [(RunnerLog, DayVerdict.Kind, String)] = [
            (RunnerLog(sessions: [stopped], existingPain: Self.answered), .painStopped,
             "you stopped for pain and have not checked in on your back since"),
            (RunnerLog(existingPain: PainAnswer(yes: true, at: Self.at(20))), .seeDoctorFirst,
             "with the low-back pain you already have, see a doctor first"),
        ]
        for (log, kind, reason) in cases {
            var m = model(log, now: Self.at(30))
            m.page = .list
            #expect(m.verdict?.kind == kind)
            _ = m.handle(.char("2"), height: 8)
            #expect(m.page == .confirmStart(entry: 1, question: "Today's advice is to rest: \(reason). Start anyway? y/N"))
            let lines = m.screen(width: 40, height: 8).lines
            #expect(lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
                        .contains("Today's advice is to rest: \(reason). Start anyway? y/N"), "\(lines)")
            #expect(!lines.joined().contains("…") && lines.last == " y start · n or Esc back to the menu", "\(lines)")
        }
        var free = model(RunnerLog(existingPain: Self.answered), now: Self.at(30))
        #expect(free.verdict?.restReason == nil)
        #expect(free.handle(.char("2"), height: 24) == [.start(routineID: "core", overrides: [:])])
    }

    /// The menu's `?` page wraps its lines (the session's keys, every one of the keymap's, were cut at 80
    /// columns).
    @Test func theMenusHelpWrapsTheSessionsKeys() {
        var m = model(RunnerLog(existingPain: Self.answered), now: Self.at(30))
        _ = m.handle(.char("?"), height: 24)
        #expect(m.page == .help)
        let lines = m.screen(width: 80, height: 24).lines
        #expect(!lines.joined().contains("…"), "\(lines)")
        let words = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains("In a session: " + Keymap.session.map(\.hint).joined(separator: " · ")), "\(lines)")
    }

    /// Answering the question changes the day: the cursor follows the new verdict (unless the runner moved it).
    @Test func theCursorFollowsTheVerdictAfterAnAnswer() {
        let stop = CheckIn(at: Self.at(24, 7), day: "2026-11-24", level: 6, spreading: true)
        let milder = CheckIn(at: Self.at(25, 7), day: "2026-11-25", level: 2)
        var m = model(RunnerLog(checkIns: [stop, milder], existingPain: Self.answered), now: Self.at(30))
        guard case .question(.cleared, _) = m.page else { Issue.record("\(m.page)"); return }
        #expect(m.selected == 0)
        let cleared = RunnerLog(checkIns: [stop, milder], clearances: [Clearance(at: Self.at(30, 8), day: "2026-11-30")], existingPain: Self.answered)
        let after = DayVerdict.today(cleared, CoachSettings(routines: Self.refs), now: Self.at(30), calendar: Self.cal)
        m.answered(problem: nil, after: [], verdict: after, verdictProblem: nil)
        #expect(m.page == .list && m.selected == 1)   // core, as the advice now says
        // Once the runner has moved it, a verdict read again leaves the cursor where they put it.
        _ = m.handle(.down, height: 24)
        m.reload(after, problem: nil)
        #expect(m.selected == 2)
    }

    /// The longest stop the verdict writes (constant and spreading, on a day named by its date) and a session
    /// stopped for pain with it: whole at 40×8, the list still there.
    @Test func theLongestStopStaysWholeAtFortyByEight() {
        let stop = CheckIn(at: Self.at(24, 7), day: "2026-11-24", level: 8, spreading: true, constant: true)
        let pain = LoggedSession(startedAt: Self.at(30, 7), day: "2026-11-30", routineID: "core", role: .core, outcome: .pain,
                                 count: SessionCount(counts: false, counted: 0, planned: 180))
        let m = model(RunnerLog(checkIns: [stop, CheckIn(at: Self.at(26, 7), day: "2026-11-26", level: 3)], sessions: [pain],
                                existingPain: Self.answered), now: Self.at(30))
        var menu = m
        menu.page = .list
        let lines = menu.screen(width: 40, height: 8).lines
        let words = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains("STOP: you said on 2026-11-24 that your back pain is constant and spreading. Do not run or train; talk to a healthcare provider."), "\(lines)")
        #expect(lines.contains { $0.contains("▶ ") }, "\(lines)")
        #expect(lines.last == " ↑↓ Enter start · h history · q quit")
    }
}
