import Foundation
import RoutineKit
import Testing
@testable import RunnerLog

/// The article's rules on a fixed calendar (UTC, Monday-first weeks): November 2026, "today" a Sunday.
@Suite("The runner's rules")
struct RulesTests {
    let cal: Calendar = {
        var c = Calendar(identifier: .iso8601)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    func at(_ day: Int, _ hour: Int = 7, _ minute: Int = 0) -> Date {
        cal.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }
    func d(_ day: Int) -> String { String(format: "2026-11-%02d", day) }
    func run(_ day: Int, km: Double, shoe: String? = nil, hour: Int = 8, source: String = "import") -> Run {
        Run(startedAt: at(day, hour), day: d(day), meters: km * 1000, seconds: km * 330, shoe: shoe, source: source)
    }
    func back(_ day: Int, _ level: Int, spreading: Bool = false, constant: Bool = false) -> CheckIn {
        CheckIn(at: at(day, 19), day: d(day), level: level, spreading: spreading, constant: constant)
    }

    @Test func distancesAreTypedInEitherUnit() {
        #expect(Units.km.parse("8.2km") == 8200)
        #expect(Units.km.parse("8.2 km") == 8200)
        #expect(Units.km.parse("8.2") == 8200)
        #expect(Units.mi.parse("5") == 5 * 1609.344)
        #expect(Units.km.parse("5 miles") == 5 * 1609.344)
        #expect(Units.km.parse("800m") == 800)
        for bad in ["", "km", "-3km", "8.2 parsecs", "1e9", "inf km"] { #expect(Units.km.parse(bad) == nil, "\(bad)") }
        // How far a run may be is RunBounds' to say (BoundsTests): parsing only reads the figure.
        #expect(Units.km.parse("2000km") == 2_000_000)
        #expect(Units.km.format(8200) == "8.2 km")
        #expect(Units.mi.format(8046.72) == "5.0 mi")
    }

    /// 300 mi is 482.8 km: the warning comes with the run that passes it, the top one at 500 mi, and none
    /// once the pair is retired.
    @Test func shoesWarnAtTheLimitAndAtTheTop() {
        let limits = Limits(units: .km)
        let shoe = Shoe(name: "Pegasus", bought: "2026-06-01", startMeters: 470_000, isDefault: true)
        var log = RunnerLog(runs: [run(2, km: 12.0, shoe: "Pegasus")], shoes: [shoe])
        #expect(ShoeRules.warnings(log, limits: limits, today: at(2), calendar: cal).isEmpty)   // 482.0 km: 299.5 mi
        log = RunnerLog(runs: [run(2, km: 12.0, shoe: "Pegasus"), run(4, km: 1.0, shoe: "Pegasus")], shoes: [shoe])
        let w = ShoeRules.warnings(log, limits: limits, today: at(4), calendar: cal)
        #expect(w.map(\.kind) == [.shoeLimit])
        #expect(w[0].shoe == "Pegasus")
        #expect(w[0].text == "Shoes \"Pegasus\" have 483 km (300 mi): past your 300 mi limit (shoes last 300–500 mi). Time to look for a new pair.")
        // A higher limit from config.yaml waits longer; 500 mi always warns.
        #expect(ShoeRules.warnings(log, limits: Limits(shoeMiles: 400), today: at(4), calendar: cal).isEmpty)
        log.shoes[0].startMeters = 805_000
        #expect(ShoeRules.warnings(log, limits: Limits(shoeMiles: 400), today: at(4), calendar: cal).map(\.kind) == [.shoeTop])
        log.shoes[0].retired = "2026-11-05"
        #expect(ShoeRules.warnings(log, limits: limits, today: at(6), calendar: cal).isEmpty)
    }

    @Test func oldShoesWarnWhateverTheirDistance() {
        let log = RunnerLog(shoes: [Shoe(name: "Old", bought: "2024-11-29")])
        #expect(ShoeRules.warnings(log, limits: Limits(), today: at(28), calendar: cal).isEmpty)
        let w = ShoeRules.warnings(log, limits: Limits(), today: at(29), calendar: cal)
        #expect(w.map(\.kind) == [.shoeAge])
        #expect(w[0].text.hasPrefix("Shoes \"Old\" were bought 2 years ago (2024-11-29)"))
    }

    func session(_ day: Int, _ role: Role, hour: Int = 7, counts: Bool = true, outcome: Outcome = .finished, id: String? = nil) -> LoggedSession {
        LoggedSession(startedAt: at(day, hour), day: d(day), routineID: id ?? role.rawValue, role: role, outcome: outcome,
                      count: SessionCount(counts: counts, counted: counts ? 60 : 0, planned: 60))
    }
    let answered = PainAnswer(yes: false, at: nil)

    /// Spreading or constant pain: a stop, said first, until a healthcare provider has cleared the runner; a
    /// later, milder check-in does not lift it.
    @Test func spreadingPainStopsUntilAProviderClearsIt() {
        var log = RunnerLog(runs: [run(20, km: 8)], checkIns: [back(20, 3), back(21, 5, spreading: true)], existingPain: answered)
        var w = BackRules.warnings(log, on: at(21, 20), calendar: cal)
        #expect(w.first?.kind == .stopPain)
        #expect(w.first?.text == "STOP: you said today that your back pain is spreading. Do not run or train; talk to a healthcare provider.")
        #expect(BackRules.warnings(log, on: at(22), calendar: cal).first?.text.contains("you said yesterday") == true)
        log.checkIns.append(back(23, 2))
        w = BackRules.warnings(log, on: at(23, 20), calendar: cal)
        #expect(w.first?.kind == .stopPain)
        #expect(w.first?.text == "STOP: you said on 2026-11-21 that your back pain is spreading. Do not run or train; talk to a healthcare provider.")
        log.clearances.append(Clearance(at: at(24, 9), day: d(24)))
        #expect(BackRules.warnings(log, on: at(24, 20), calendar: cal).isEmpty)
        log.checkIns.append(CheckIn(at: at(25, 19), day: d(25), level: 4, constant: true))
        #expect(BackRules.warnings(log, on: at(25, 20), calendar: cal).first?.text.contains("is constant") == true)
    }

    /// Sore after a run and the next day is normal; still sore two days after is more than that.
    @Test func sorenessTwoDaysAfterARunIsPastNormal() {
        let runs = [run(10, km: 10)]
        let nextDay = RunnerLog(runs: runs, checkIns: [back(10, 4), back(11, 4)], existingPain: answered)
        #expect(BackRules.warnings(nextDay, on: at(11, 20), calendar: cal).isEmpty)
        let twoDays = RunnerLog(runs: runs, checkIns: [back(10, 4), back(11, 4), back(12, 4)], existingPain: answered)
        let w = BackRules.warnings(twoDays, on: at(12, 20), calendar: cal)
        #expect(w.map(\.kind) == [.pastNormal])
        #expect(w[0].text.hasPrefix("Your back is still sore (4/10 today) 2 days after your run of 2026-11-10."))
        // A back that is fine (below 3) two days on is not soreness.
        let fine = RunnerLog(runs: runs, checkIns: [back(12, 2)], existingPain: answered)
        #expect(BackRules.warnings(fine, on: at(12, 20), calendar: cal).isEmpty)
    }

    /// Three check-ins in a row, each higher: the causes, with the runner's own figures.
    @Test func threeRisingCheckInsPointAtTheCauses() {
        let log = RunnerLog(runs: [run(16, km: 8, shoe: "Pegasus"), run(18, km: 6, shoe: "Pegasus")],
                            shoes: [Shoe(name: "Pegasus", startMeters: 400_000, isDefault: true)],
                            checkIns: [back(16, 1), back(17, 2), back(18, 3)],
                            sessions: [session(18, .warmup, hour: 7), session(17, .core)], existingPain: answered)
        let w = BackRules.warnings(log, on: at(18, 20), calendar: cal)
        #expect(w.map(\.kind) == [.rising])
        #expect(w[0].text == "Your back has got worse three check-ins in a row (1 → 2 → 3). Look at the usual causes: core work on 1 day off running in two weeks, a warm-up before 1 of 2 runs, shoes \"Pegasus\" at 414 km (257 mi), and your running form (have a running coach watch your form and stride).")
        let flat = RunnerLog(checkIns: [back(16, 1), back(17, 3), back(18, 3)], existingPain: answered)
        #expect(BackRules.warnings(flat, on: at(18, 20), calendar: cal).isEmpty)
    }

    /// Core work counts only on a day without a run, and only a session that counts; a warm-up counts for a
    /// run when it began before it. A week with a stop is marked, and the week a provider cleared the runner.
    @Test func weeksLineUpRunsWarmupsCoreAndTheBack() {
        let log = RunnerLog(runs: [run(23, km: 5, hour: 8), run(25, km: 7, hour: 8), run(29, km: 8, hour: 8)],
                            checkIns: [back(23, 5), back(26, 2, spreading: true)], clearances: [Clearance(at: at(17), day: d(17))],
                            sessions: [session(25, .warmup, hour: 7), session(29, .warmup, hour: 9), session(24, .core),
                                       session(25, .core, id: "planks"), session(27, .core), session(28, .core, counts: false)])
        let weeks = WeekSummary.weeks(log, count: 2, today: at(29), calendar: cal)
        #expect(weeks.map(\.monday) == ["2026-11-16", "2026-11-23"])
        #expect(weeks[1].runs == 3)
        #expect(weeks[1].meters == 20_000)
        #expect(weeks[1].warmedUp == 1)          // the warm-up on the 29th began after that run
        #expect(weeks[1].coreDays == 2)          // the 25th was a run day; the 28th's session did not count
        #expect(weeks[1].worstBack == 5)
        #expect(weeks[1].stopped && !weeks[1].cleared)
        #expect(weeks[0].worstBack == nil && weeks[0].cleared && !weeks[0].stopped)
    }

    /// Day arithmetic is done on day numbers: a day on which the clocks change at midnight (Santiago, 2026-09-06)
    /// is one day like any other, and weekdays and Mondays come out right across years.
    @Test func daysAreCountedWithoutTheClock() {
        #expect(CalendarDay.number("1970-01-01") == 0)
        #expect(CalendarDay.string(number: 20_787) == "2026-11-30")
        #expect(CalendarDay.adding(1, to: "2024-02-28") == "2024-02-29")
        #expect(CalendarDay.adding(1, to: "2026-12-31") == "2027-01-01")
        #expect(CalendarDay.weekday("2026-11-30") == 1)   // a Monday
        #expect(CalendarDay.weekday("2026-11-29") == 7)
        #expect(CalendarDay.monday(of: "2027-01-03") == "2026-12-28")
        #expect(CalendarDay.parts("2026-11-31") == nil)
        var santiago = Calendar(identifier: .iso8601)
        santiago.timeZone = TimeZone(identifier: "America/Santiago")!
        let days = ["2026-09-05", "2026-09-06", "2026-09-07"]
        let stats = Stats.compute(activeDays: Set(days), sessions: 3, best: nil, last: [],
                                  today: CalendarDay.date("2026-09-07", santiago)!.addingTimeInterval(3600 * 10), calendar: santiago)
        #expect(stats.currentStreak == 3 && stats.longestStreak == 3)
    }
}
