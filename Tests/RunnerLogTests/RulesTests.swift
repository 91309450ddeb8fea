import Foundation
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

    /// Spreading or constant pain: stop, said first, the day it is logged, until a later check-in clears it.
    @Test func spreadingPainMeansStopUntilALaterCheckIn() {
        var log = RunnerLog(runs: [run(20, km: 8)], checkIns: [back(20, 3), back(21, 5, spreading: true)], existingBackPain: false)
        let advice = Advice.today(log, limits: Limits(), now: at(21, 20), calendar: cal)
        #expect(advice.warnings.first?.kind == .stopPain)
        #expect(advice.warnings.first?.text == "STOP: you said today that your back pain is spreading. Do not run; talk to a healthcare provider before you train again.")
        #expect(advice.routine == nil)
        #expect(advice.headline.hasPrefix("Rest today: no running and no core session"))
        // Still there the next day.
        #expect(Advice.today(log, limits: Limits(), now: at(22), calendar: cal).warnings.first?.kind == .stopPain)
        // A later check-in without it clears the stop.
        log.checkIns.append(back(23, 2))
        #expect(!Advice.today(log, limits: Limits(), now: at(23, 20), calendar: cal).warnings.contains { $0.kind == .stopPain })
        log.checkIns.append(CheckIn(at: at(24, 19), day: d(24), level: 4, constant: true))
        #expect(Advice.today(log, limits: Limits(), now: at(24, 20), calendar: cal).warnings.first?.text.contains("is constant") == true)
    }

    /// Sore after a run and the next day is normal; still sore two days after is more than that.
    @Test func sorenessTwoDaysAfterARunIsPastNormal() {
        let runs = [run(10, km: 10)]
        let nextDay = RunnerLog(runs: runs, checkIns: [back(10, 4), back(11, 4)], existingBackPain: false)
        #expect(BackRules.warnings(nextDay, today: at(11, 20), calendar: cal).isEmpty)
        let twoDays = RunnerLog(runs: runs, checkIns: [back(10, 4), back(11, 4), back(12, 4)], existingBackPain: false)
        let w = BackRules.warnings(twoDays, today: at(12, 20), calendar: cal)
        #expect(w.map(\.kind) == [.pastNormal])
        #expect(w[0].text.hasPrefix("Your back is still sore (4/10 today) 2 days after your run of 2026-11-10."))
        // A back that is fine (below 3) two days on is not soreness.
        let fine = RunnerLog(runs: runs, checkIns: [back(12, 2)], existingBackPain: false)
        #expect(BackRules.warnings(fine, today: at(12, 20), calendar: cal).isEmpty)
    }

    /// Three check-ins in a row, each higher: the causes, with the runner's own figures.
    @Test func threeRisingCheckInsPointAtTheCauses() {
        let log = RunnerLog(runs: [run(16, km: 8, shoe: "Pegasus"), run(18, km: 6, shoe: "Pegasus")],
                            shoes: [Shoe(name: "Pegasus", startMeters: 400_000, isDefault: true)],
                            checkIns: [back(16, 1), back(17, 2), back(18, 3)],
                            warmups: [(day: d(18), at: at(18, 7, 40))], coreDays: [d(17)], existingBackPain: false)
        let w = BackRules.warnings(log, today: at(18, 20), calendar: cal)
        #expect(w.map(\.kind) == [.rising])
        #expect(w[0].text == "Your back has got worse three check-ins in a row (1 → 2 → 3). Look at the usual causes: core work on 1 day off running in two weeks, a warm-up before 1 of 2 runs, shoes \"Pegasus\" at 257 mi, and your running form (have a running coach watch your form and stride).")
        let flat = RunnerLog(checkIns: [back(16, 1), back(17, 3), back(18, 3)], existingBackPain: false)
        #expect(BackRules.warnings(flat, today: at(18, 20), calendar: cal).isEmpty)
    }

    @Test func theFirstQuestionIsAskedUntilAnswered() {
        #expect(BackRules.warnings(RunnerLog(), today: at(1), calendar: cal).map(\.kind) == [.firstQuestion])
        #expect(BackRules.warnings(RunnerLog(existingBackPain: true), today: at(1), calendar: cal).isEmpty)
    }

    @Test func todaySaysWhatToDo() {
        let base = RunnerLog(existingBackPain: false)
        // Nothing logged: a day off running, core.
        var a = Advice.today(base, limits: Limits(), now: at(29, 9), calendar: cal)
        #expect(a.routine == "core")
        #expect(a.headline.hasPrefix("A day off running: do the core session"))
        // Core yesterday on a day without a run: rest, or run after a warm-up.
        a = Advice.today(RunnerLog(coreDays: [d(28)], existingBackPain: false), limits: Limits(), now: at(29, 9), calendar: cal)
        #expect(a.headline.hasPrefix("Core work was done yesterday"))
        // A finished warm-up and no run yet: the day is a run day, log the run after.
        a = Advice.today(RunnerLog(warmups: [(day: d(29), at: at(29, 7, 2))], existingBackPain: false), limits: Limits(), now: at(29, 9), calendar: cal)
        #expect(a.headline.hasPrefix("You warmed up at 07:02"))
        // A run logged without a warm-up, and the week's count.
        let cold = RunnerLog(runs: [run(23, km: 5), run(25, km: 5), run(29, km: 8.2)], warmups: [(day: d(25), at: at(25, 7))], existingBackPain: false)
        a = Advice.today(cold, limits: Limits(), now: at(29, 12), calendar: cal)
        #expect(a.headline == "You ran today (8.2 km) without warming up first. Next time, start with: runcore warmup")
        #expect(a.reasons.contains("You ran without warming up 2 times this week."))
        // A planned run day from config.yaml (Sunday is 7).
        a = Advice.today(RunnerLog(existingBackPain: false, runDays: [7]), limits: Limits(), now: at(29, 6), calendar: cal)
        #expect(a.routine == "warmup")
        #expect(a.headline.hasPrefix("Run day: warm up first"))
    }

    /// Core work counts only on a day without a run; a warm-up counts for a run when it began before it.
    @Test func weeksLineUpRunsWarmupsCoreAndTheBack() {
        let log = RunnerLog(runs: [run(23, km: 5, hour: 8), run(25, km: 7, hour: 8), run(29, km: 8, hour: 8)],
                            checkIns: [back(23, 5), back(26, 2)],
                            warmups: [(day: d(25), at: at(25, 7)), (day: d(29), at: at(29, 9))],
                            coreDays: [d(24), d(25), d(27)])
        let weeks = WeekSummary.weeks(log, count: 2, today: at(29), calendar: cal)
        #expect(weeks.map(\.monday) == ["2026-11-16", "2026-11-23"])
        #expect(weeks[1].runs == 3)
        #expect(weeks[1].meters == 20_000)
        #expect(weeks[1].warmedUp == 1)          // the warm-up on the 29th began after that run
        #expect(weeks[1].coreDays == 2)          // the 25th was a run day
        #expect(weeks[1].worstBack == 5)
        #expect(weeks[0].worstBack == nil)
    }
}
