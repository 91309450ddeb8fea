import Foundation
import RoutineKit
import Testing
import TestSupport
@testable import RunnerLog

/// The day verdict on the scenario table (TestSupport/Scenarios.swift): the log built by hand, the verdict
/// checked for its kind, routine, headline, first warning, questions and the calendar's plan for the day.
/// EndToEndTests runs the same table through the binary.
@Suite("The day's verdict, scenario by scenario")
struct ScenarioTests {
    static let cal = utcCalendar
    static func at(_ day: Int, _ hour: Int) -> Date { november(day, hour) }
    static func d(_ day: Int) -> String { String(format: "2026-11-%02d", day) }

    static let refs: [String: RoutineRef] = [
        "warmup": RoutineRef(id: "warmup", title: "Pre-run warm-up", role: .warmup, command: "runcore warmup"),
        "core": RoutineRef(id: "core", title: "Off-day core", role: .core, command: "runcore core"),
        "hold": RoutineRef(id: "hold", title: "Plank hold", role: .hold, command: "runcore hold"),
        "planks": RoutineRef(id: "planks", title: "Plank variations", role: .core, command: "runcore run planks"),
        "my-core": RoutineRef(id: "my-core", title: "My core", role: .core, command: "runcore run my-core"),
    ]

    /// The log the happenings leave, as the binary would record it.
    static func log(_ s: Scenario) -> (RunnerLog, CoachSettings) {
        var log = RunnerLog()
        var usesOwn = false
        for h in s.happenings {
            switch h {
            case .existingPain(let yes, let day, let hour): log.existingPain = PainAnswer(yes: yes, at: at(day, hour))
            case .run(let day, let hour, let km): log.runs.append(Run(startedAt: at(day, hour), day: d(day), meters: km * 1000, source: "manual"))
            case .back(let day, let hour, let level, let spreading, let constant):
                log.checkIns.append(CheckIn(at: at(day, hour), day: d(day), level: level, spreading: spreading, constant: constant))
            case .cleared(let day, let hour): log.clearances.append(Clearance(at: at(day, hour), day: d(day)))
            case .session(let id, let day, let hour, let how):
                usesOwn = usesOwn || id == "my-core"
                let ref = refs[id]!
                let outcome: Outcome = how == .pain ? .pain : how == .zero ? .stopped : .finished
                log.sessions.append(LoggedSession(startedAt: at(day, hour), day: d(day), routineID: id, title: ref.title, role: ref.role,
                                                  outcome: outcome, count: how == .full ? .done : SessionCount(counts: false, counted: 0, planned: 4)))
            case .shoes(let name, let km, _): log.shoes.append(Shoe(name: name, startMeters: km * 1000, isDefault: true))
            }
        }
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let order = ["warmup", "core", "hold", "planks"] + (usesOwn ? ["my-core"] : [])
        return (RunnerLog(runs: log.runs, shoes: log.shoes, checkIns: log.checkIns, clearances: log.clearances, sessions: log.sessions,
                          existingPain: log.existingPain),
                CoachSettings(runDays: s.runDays.map { Set($0.compactMap { weekdays.firstIndex(of: $0).map { $0 + 1 } }) },
                              routines: order.map { refs[$0]! }))
    }

    static func name(_ q: Question) -> String {
        switch q {
        case .existingPain: return "existingPain"
        case .cleared: return "cleared"
        case .backAfterPainStop: return "backAfterPainStop"
        case .runAfterWarmup: return "runAfterWarmup"
        case .backAfterRun: return "backAfterRun"
        }
    }

    /// The calendar's summary for a plan, as the calendar writes it (its first words).
    static func calendar(_ plan: DayVerdict.Plan) -> String? {
        switch plan {
        case .warmupAndRun: return "Warm up, then run"
        case .run: return "Run (warmed up already)"
        case .core(let r): return "Core: \(r.title)"
        case .rest: return nil
        case .hold(let text): return text
        }
    }

    @Test(arguments: Scenario.all)
    func theVerdict(_ s: Scenario) {
        let (log, settings) = Self.log(s)
        let now = Self.at(s.day, s.hour)
        let v = DayVerdict.today(log, settings, now: now, calendar: Self.cal)
        let e = s.expected
        #expect(v.kind.rawValue == e.kind)
        #expect(v.routine?.id == e.routine)
        #expect(v.headline.hasPrefix(e.headline), "\(v.headline)")
        #expect(v.warnings.first?.kind.rawValue == e.firstWarning)
        #expect(v.questions.map(Self.name) == e.questions)
        let planned = Self.calendar(v.plan)
        #expect(e.calendar.map { planned?.hasPrefix($0) == true } ?? (planned == nil), "\(String(describing: planned))")
        // The calendar's first day is today's verdict, decided by the same function.
        #expect(DayVerdict.week(log, settings, now: now, calendar: Self.cal).first == v)
        // A day that holds training back says why on the get-ready screen of every session, once, first.
        for role in [Role.warmup, .core, .hold, nil] {
            let notices = v.notices(before: role)
            #expect(Set(notices).count == notices.count)
            if v.holdsTraining {
                let why = v.warnings.filter { $0.isStop || $0.kind == .existingPain }.map(\.text) + [v.headline]
                #expect(notices.first.map(why.contains) == true, "\(s.name), \(String(describing: role)): \(notices)")
            } else {
                #expect(!notices.contains(v.headline))
            }
        }
    }

    /// With `RUNCORE_SCENARIO_TABLE` set, the table as run, in Markdown (for the closing note).
    @Test func theTableAsRun() throws {
        guard let path = ProcessInfo.processInfo.environment["RUNCORE_SCENARIO_TABLE"] else { return }
        var out = ["| scenario | the log (November 2026) | asked at | kind | routine | first warning | questions | calendar |",
                   "|---|---|---|---|---|---|---|---|"]
        for s in Scenario.all {
            let (log, settings) = Self.log(s)
            let v = DayVerdict.today(log, settings, now: Self.at(s.day, s.hour), calendar: Self.cal)
            let logText = (s.happenings.map(\.description) + (s.runDays.map { ["run-days \($0.joined(separator: ","))"] } ?? []))
                .joined(separator: "; ")
            out.append("| \(s.name) | \(logText.isEmpty ? "nothing" : logText) | \(s.day) Nov \(s.hour):00 | \(v.kind.rawValue) | "
                       + "\(v.routine?.id ?? "–") | \(v.warnings.first?.kind.rawValue ?? "–") | \(v.questions.map(Self.name).joined(separator: ", ")) | "
                       + "\(Self.calendar(v.plan) ?? "–") |")
        }
        try out.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A week with spreading pain on day 2 and a provider's go-ahead on day 5: `today` each morning, and the
    /// calendar seen each morning, agree every day.
    @Test func aWeekWithAStopAndAClearance() {
        var log = RunnerLog(existingPain: PainAnswer(yes: false, at: nil))
        let settings = CoachSettings(runDays: [2, 4, 6], routines: ["warmup", "core", "hold", "planks"].map { Self.refs[$0]! })
        var kinds: [String] = []
        for day in 23...29 {
            if day == 24 { log.checkIns.append(CheckIn(at: Self.at(24, 7), day: Self.d(24), level: 6, spreading: true)) }
            if day == 26 { log.checkIns.append(CheckIn(at: Self.at(26, 7), day: Self.d(26), level: 2)) }
            if day == 27 { log.clearances.append(Clearance(at: Self.at(27, 8), day: Self.d(27))) }
            let v = DayVerdict.today(log, settings, now: Self.at(day, 9), calendar: Self.cal)
            let week = DayVerdict.week(log, settings, now: Self.at(day, 9), calendar: Self.cal)
            #expect(week.first == v)
            kinds.append(v.kind.rawValue)
            if v.kind == .stopForPain { #expect(week.allSatisfy { $0.kind == .stopForPain }) }
        }
        #expect(kinds == ["dayOff", "stopForPain", "stopForPain", "stopForPain", "dayOff", "runDay", "dayOff"])
    }

    /// Whether pain was there before running is asked on days that can train, not beside a stop for pain: the
    /// one question then is whether a provider has seen the runner.
    @Test func aStopForPainAsksOneQuestion() {
        var log = RunnerLog()
        let settings = CoachSettings(runDays: [2, 4, 6], routines: ["warmup", "core", "hold", "planks"].map { Self.refs[$0]! })
        func questions(_ day: Int) -> [String] { DayVerdict.today(log, settings, now: Self.at(day, 9), calendar: Self.cal).questions.map(Self.name) }
        #expect(questions(23) == ["existingPain"])
        #expect(DayVerdict.today(log, settings, now: Self.at(23, 9), calendar: Self.cal).nextAfterPainStop.contains("runcore log back 0-10"))
        log.checkIns.append(CheckIn(at: Self.at(24, 7), day: Self.d(24), level: 6, spreading: true))
        #expect(questions(24) == [])
        // Stopping a session for pain while the stop stands: a check-in would lift nothing, a provider does.
        #expect(DayVerdict.today(log, settings, now: Self.at(24, 9), calendar: Self.cal).nextAfterPainStop
            == "Your stop for pain stands: rest, and see a healthcare provider (then: runcore log cleared).")
        log.checkIns.append(CheckIn(at: Self.at(26, 7), day: Self.d(26), level: 2))
        #expect(questions(26) == ["cleared"])
        log.clearances.append(Clearance(at: Self.at(27, 8), day: Self.d(27)))
        #expect(questions(27) == ["existingPain"])
    }
}
