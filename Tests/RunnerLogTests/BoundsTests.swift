import Foundation
import Testing
@testable import RunnerLog

/// The one set of limits, walked edge by edge; days as numbers, across midnights the clocks skip; which pair
/// a run goes to; names compared as the runner means them; text shown escaped; form against the runner's usual.
@Suite("Limits, days, pairs and form")
struct BoundsTests {
    /// Each limit just inside (nil) and just outside (the limit it breaks).
    @Test(arguments: [
        (1.0, nil, "2026-11-10", nil), (0.999, nil, "2026-11-10", RunBounds.Limit.distance),
        (1_000_000, nil, "2026-11-10", nil), (1_000_000.01, nil, "2026-11-10", .distance),
        (10.0, 1, "2026-11-10", nil), (10.0, 0.999, "2026-11-10", .time),
        (200_000, 604_800, "2026-11-10", nil), (200_000, 604_801, "2026-11-10", .time),
        (1000, 90, "2026-11-10", nil), (1000, 89.99, "2026-11-10", .pace),
        (1000, 3600, "2026-11-10", nil), (1000, 3600.01, "2026-11-10", .pace),
        (5000, 1500, "1989-01-01", nil), (5000, 1500, "1988-12-31", .before1989),
        (5000, 1500, "2026-11-29", nil), (5000, 1500, "2026-11-30", .future),
        (5000, 1500, "2026-02-30", .notADay),
    ] as [(Double, Double?, String, RunBounds.Limit?)])
    func eachLimitHasTwoSides(meters: Double, seconds: Double?, day: String, broken: RunBounds.Limit?) {
        #expect(RunBounds.problem(meters: meters, seconds: seconds, day: day, today: "2026-11-29")?.limit == broken)
    }

    @Test func readersNeverRefuseADayForBeingAhead() {
        // A reader has no "today": what was in range when written stays readable.
        #expect(RunBounds.problem(meters: 5000, seconds: 1500, day: "2099-01-01") == nil)
    }

    @Test func theMessagesSayTheFigures() {
        #expect(RunBounds.problem(meters: 50_000, seconds: 169 * 3600, day: "2026-11-10")?.text
                == "a time of 169:00:00 is longer than a week (168:00:00), the longest run runcore keeps")
        #expect(RunBounds.problem(meters: 50_000, seconds: 1800, day: "2026-11-10")?.text
                == "50.0 km in 30:00 is 0:36 per km: faster than 1:30 per km, beyond any runner")
        #expect(RunBounds.problem(meters: 8046.72, seconds: 600, day: "2026-11-10", units: .mi)?.text
                == "5.0 mi in 10:00 is 2:00 per mi: faster than 2:25 per mi, beyond any runner")
    }

    @Test func timesAreTypedAsDurationsOrClocks() {
        for (text, seconds) in [("45m", 2700.0), ("1h5m", 3900), ("30s", 30), ("25:30", 1530), ("1:05:00", 3900), ("90:00", 5400), (" 5:07 ", 307)] {
            #expect(RunBounds.parseTime(text) == seconds, "\(text)")
        }
        for bad in ["45", "1:5", "1:60", "25:30:", ":30", "1:05:60", "-5:00", "1:2:3:4", "5:0a", ""] {
            #expect(RunBounds.parseTime(bad) == nil, "\(bad)")
        }
    }

    @Test func anEntryIsCheckedAsALineForTheRunner() {
        switch RunBounds.entry(distance: "50km", time: "169h", day: "2026-11-10", today: "2026-11-29", units: .km) {
        case .failure(let p): #expect(p.message.hasPrefix("not logged: a time of 169:00:00 is longer than a week"))
        case .success: Issue.record("169 h accepted")
        }
        #expect((try? RunBounds.entry(distance: "5", time: "25:30", day: "2026-11-10", today: "2026-11-29", units: .km).get())?.seconds == 1530)
        #expect((try? RunBounds.entry(distance: "5", time: "", day: "2026-11-10", today: "2026-11-29", units: .mi).get())?.meters == 5 * 1609.344)
    }

    @Test func daysAreNumbersWithoutATimeZone() {
        #expect(CalendarDay.number("1970-01-01") == 0)
        #expect(CalendarDay.weekday("2026-11-30") == 1)
        #expect(CalendarDay.weekday("2026-11-29") == 7)
        for n in stride(from: -719_000, to: 2_900_000, by: 997) { #expect(CalendarDay.number(CalendarDay.string(number: n)) == n) }
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "20261101", "2026-11-00"] { #expect(CalendarDay.number(bad) == nil, "\(bad)") }
        #expect(CalendarDay.between("2026-02-28", "2028-03-01") == 732)
    }

    /// Clocks that go forward at midnight leave the day without a 00:00; it still joins a streak and its week.
    @Test(arguments: [("America/Santiago", "2026-09-06"), ("America/Havana", "2026-03-08"), ("America/Asuncion", "2023-10-01")])
    func aDayWhoseMidnightIsSkippedStillCounts(zone: String, day: String) throws {
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = try #require(TimeZone(identifier: zone))
        let date = try #require(CalendarDay.date(day, cal))
        // The premise: this day starts at 01:00.
        #expect(cal.component(.hour, from: cal.startOfDay(for: date)) == 1, "\(zone) \(day)")
        let days = [-2, -1, 0, 1].map { CalendarDay.adding($0, to: day) }
        let noon = try #require(cal.date(byAdding: .hour, value: 12, to: CalendarDay.date(days[3], cal)!))
        let stats = Stats.compute(activeDays: Set(days), sessions: 4, best: nil, last: [], today: noon, calendar: cal)
        #expect(stats.currentStreak == 4)
        #expect(stats.longestStreak == 4)
        #expect(BackRules.days(days[0], days[3], cal) == 3)
        let log = RunnerLog(runs: days.map { Run(startedAt: noon, day: $0, meters: 5000) })
        let weeks = WeekSummary.weeks(log, count: 2, today: noon, calendar: cal)
        #expect(weeks.map(\.runs).reduce(0, +) == 4)
        #expect(weeks.allSatisfy { CalendarDay.weekday($0.monday) == 1 })
    }

    /// The article's scenario: a new pair bought in June, then years of old runs imported.
    @Test func aRunGoesToThePairInUseOnItsDay() {
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let added = cal.date(from: DateComponents(year: 2026, month: 11, day: 1))!
        let shoes = [Shoe(name: "Old", bought: "2024-01-10", retired: "2025-05-31", addedAt: added),
                     Shoe(name: "Pegasus 40", bought: "2025-06-01", startMeters: 450_000, isDefault: true, addedAt: added),
                     Shoe(name: "Trail", addedAt: added)]
        let inUse = ShoesInUse(shoes: shoes, firstRuns: [Shoe.key("Trail"): "2026-03-02"], calendar: cal)
        #expect(inUse.pair(on: "1990-06-01") == nil)
        #expect(inUse.pair(on: "2024-01-09") == nil)
        #expect(inUse.pair(on: "2024-01-10") == "Old")
        #expect(inUse.pair(on: "2025-05-31") == "Old")
        #expect(inUse.pair(on: "2025-06-01") == "Pegasus 40")
        // Both in use: the default.
        #expect(inUse.pair(on: "2026-11-20") == "Pegasus 40")
        #expect(inUse.earliest == "2024-01-10")
        // Without a day bought, a pair is in use from its first run (or the day it was added).
        let noDefault = ShoesInUse(shoes: [shoes[2]], firstRuns: [Shoe.key("trail"): "2026-03-02"], calendar: cal)
        #expect(noDefault.pair(on: "2026-03-01") == nil)
        #expect(noDefault.pair(on: "2026-03-02") == "Trail")
        let fresh = ShoesInUse(shoes: [shoes[2]], firstRuns: [:], calendar: cal)
        #expect(fresh.pair(on: "2026-10-31") == nil)
        #expect(fresh.pair(on: "2026-11-01") == "Trail")
    }

    @Test func namesMatchAsTheRunnerMeansThem() {
        let nfc = "Caf\u{E9}", nfd = "Cafe\u{301}"
        #expect(Shoe.key(nfc) == Shoe.key(nfd))
        #expect(Shoe.key("CAF\u{C9}") == Shoe.key(nfd))
        #expect(Shoe.key("Stra\u{DF}e") == Shoe.key("STRASSE"))
        #expect(Shoe.stored("  \(nfd) ").unicodeScalars.count == 4)
        // A run on one spelling counts once, under the one pair.
        let log = RunnerLog(runs: [Run(startedAt: Date(), day: "2026-11-10", meters: 5000, shoe: nfd)],
                            shoes: [Shoe(name: nfc, isDefault: true), Shoe(name: "Other")])
        #expect(log.meters(on: log.shoes[0]) == 5000)
        #expect(log.meters(on: log.shoes[1]) == 0)
    }

    @Test func textIsShownEscaped() {
        #expect(Escape.shown("Peg\nasus") == "Peg\\nasus")
        #expect(Escape.shown("a\r\tb\u{1B}[31mc\u{7F}\u{85}") == "a\\r\\tb\\x1B[31mc\\x7F\\x85")
        #expect(Escape.shown("Café ✓") == "Café ✓")
    }

    /// The runner's own figures against their usual: the last two weeks against the eight before.
    @Test func formIsTheRunnersOwnAgainstTheirUsual() {
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = TimeZone(identifier: "UTC")!
        func run(_ day: String, cadence: Double, contact: Double?) -> Run {
            Run(startedAt: Date(), day: day, meters: 8000, form: RunForm(cadence: cadence, groundContact: contact))
        }
        let today = cal.date(from: DateComponents(year: 2026, month: 11, day: 29, hour: 9))!
        let log = RunnerLog(runs: [run("2026-09-20", cadence: 150, contact: 300),   // older than ten weeks: not the usual
                                   run("2026-10-01", cadence: 170, contact: 250), run("2026-10-20", cadence: 174, contact: 246),
                                   run("2026-11-20", cadence: 163, contact: 262), run("2026-11-27", cadence: 165, contact: nil)])
        #expect(FormFigures.cause(log, today: today, calendar: cal)
                == "your running form (the last two weeks against the eight before: cadence 164 steps/min against 172 steps/min; ground contact 262 ms against 248 ms): have a running coach watch your form and stride")
        #expect(FormFigures.cause(RunnerLog(), today: today, calendar: cal) == "your running form (have a running coach watch your form and stride)")
        #expect(RunForm(cadence: 171.6, stepLength: 1.054, groundContact: 247.6, verticalOscillation: 85.3, cadenceDrop: 4.4).summary
                == "172 steps/min (4 fewer in the last third), step 1.05 m, ground contact 248 ms, vertical oscillation 8.5 cm")
    }
}
