import Foundation
import RoutineKit

/// The article's rules, and only here: when a pair of shoes is worn out, which back pain is past normal, and
/// what to do today. Pure: the log, the day and the calendar come in; sentences come out.
public struct Limits: Sendable, Equatable {
    /// The first warning (the article: replace shoes after 300 to 500 miles), in miles, 300–500.
    public var shoeMiles: Double = 300
    /// The second warning: the top of the article's range.
    public static let shoeTopMiles = 500.0
    /// A pair older than this many years is worth replacing however far it has gone.
    public var shoeYears: Double = 2
    public var units: Units = .km

    public init(shoeMiles: Double = 300, shoeYears: Double = 2, units: Units = .km) {
        self.shoeMiles = shoeMiles
        self.shoeYears = shoeYears
        self.units = units
    }
}

/// A warning for the runner, worded to be shown as it is.
public struct Warning: Sendable, Equatable {
    /// In the order warnings are shown: a stop for pain first, shoes last.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case stopPain, painStopped, existingPain, pastNormal, rising, shoeLimit, shoeTop, shoeAge

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }
    public var kind: Kind
    public var text: String
    /// The pair of shoes a shoe warning is about.
    public var shoe: String? = nil

    public init(kind: Kind, text: String, shoe: String? = nil) {
        self.kind = kind
        self.text = text
        self.shoe = shoe
    }

    /// Pain that means stop, or a session stopped for pain: said before anything else.
    public var isStop: Bool { kind == .stopPain || kind == .painStopped }

    /// Before which sessions the get-ready screen shows it: shoes and low-back pain the runner already had
    /// matter before a run (the warm-up); the back's warnings before every session.
    public func applies(before role: Role?) -> Bool {
        switch kind {
        case .shoeLimit, .shoeTop, .shoeAge, .existingPain: return role == .warmup
        default: return true
        }
    }
}

public enum ShoeRules {
    /// Warnings for the pairs in use: at the runner's limit, at the article's upper figure (500 mi), and when a
    /// pair is older than `shoeYears`. A retired pair never warns.
    public static func warnings(_ log: RunnerLog, limits: Limits, today: Date, calendar: Calendar) -> [Warning] {
        var out: [Warning] = []
        for shoe in log.shoes where shoe.retired == nil {
            let meters = log.meters(on: shoe)
            let miles = meters / Units.metersPerMile
            let distance = distanceText(meters, limits.units)
            if miles >= Limits.shoeTopMiles {
                out.append(Warning(kind: .shoeTop, text: "Shoes \"\(Escape.shown(shoe.name))\" have \(distance): past 500 mi, the top of the 300–500 mi a pair lasts. Replace them, then: runcore shoes retire \"\(Escape.shown(shoe.name))\"", shoe: shoe.name))
            } else if miles >= limits.shoeMiles {
                out.append(Warning(kind: .shoeLimit, text: "Shoes \"\(Escape.shown(shoe.name))\" have \(distance): past your \(Int(limits.shoeMiles)) mi limit (shoes last 300–500 mi). Time to look for a new pair.", shoe: shoe.name))
            }
            if let bought = shoe.bought, let date = CalendarDay.date(bought, calendar),
               let years = ageYears(from: date, to: today, calendar: calendar), years >= limits.shoeYears {
                let whole = Int(years)
                out.append(Warning(kind: .shoeAge, text: "Shoes \"\(Escape.shown(shoe.name))\" were bought \(whole == 1 ? "a year" : "\(whole) years") ago (\(bought)): shoes wear out with age too, however far they have gone.", shoe: shoe.name))
            }
        }
        return out
    }

    /// `483 km (300 mi)` in km; `300 mi` in miles.
    public static func distanceText(_ meters: Double, _ units: Units) -> String {
        units == .mi ? Units.mi.whole(meters) : "\(Units.km.whole(meters)) (\(Units.mi.whole(meters)))"
    }

    /// A figure in miles (the article's, and the limits') in the runner's units, as `distanceText` writes it.
    public static func milesText(_ miles: Double, _ units: Units) -> String {
        distanceText(miles * Units.metersPerMile, units)
    }

    static func ageYears(from: Date, to: Date, calendar: Calendar) -> Double? {
        let c = calendar.dateComponents([.year, .day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: to))
        guard let years = c.year, years >= 0 else { return nil }
        return Double(years)
    }
}

public enum BackRules {
    /// A check-in at this level or above is soreness (below it, a back that is fine).
    public static let sore = 3

    /// The check-in that stops training: the latest one with constant or spreading pain that no clearance has
    /// followed. A later, milder check-in does not lift it; only a healthcare provider's go-ahead does.
    public static func stop(_ log: RunnerLog) -> CheckIn? {
        guard let last = log.checkIns.last(where: { $0.spreading || $0.constant }), log.cleared(after: last.at) == nil else { return nil }
        return last
    }

    /// A session stopped for pain (`!`) that no back check-in (or clearance) has followed yet.
    public static func painStop(_ log: RunnerLog) -> LoggedSession? {
        guard let s = log.sessions.last(where: { $0.outcome == .pain }) else { return nil }
        if log.checkIns.contains(where: { $0.at >= s.startedAt }) || log.cleared(after: s.startedAt) != nil { return nil }
        return s
    }

    /// The runner said they have low-back pain already, and no clearance has come since.
    public static func existingPain(_ log: RunnerLog) -> Bool {
        guard let answer = log.existingPain, answer.yes else { return false }
        return log.cleared(after: answer.at) == nil
    }

    /// The back's warnings on `date`, in the order they are shown:
    ///  - constant or spreading pain: stop running and talk to a healthcare provider (until cleared);
    ///  - a session stopped for pain, with no check-in since;
    ///  - low-back pain the runner already had: see a doctor before taking up running (until cleared);
    ///  - soreness still there two days or more after the last run: more than normal soreness;
    ///  - three check-ins in a row, each higher: look at the causes, with the runner's own figures.
    public static func warnings(_ log: RunnerLog, on date: Date, units: Units = .km, calendar: Calendar) -> [Warning] {
        var out: [Warning] = []
        if let stop = stop(log) {
            let what = stop.spreading && stop.constant ? "constant and spreading" : stop.spreading ? "spreading" : "constant"
            // Short enough to stand whole on every screen from 40×8: what lifts it is said in the verdict's reasons.
            out.append(Warning(kind: .stopPain, text: "STOP: you said \(dayWord(stop.day, today: date, calendar: calendar)) that your back pain is \(what). Do not run or train; talk to a healthcare provider."))
        }
        // (A stop says all a pain stop would.)
        if stop(log) == nil, let s = painStop(log) {
            let when = dayWord(s.day, today: date, calendar: calendar)
            out.append(Warning(kind: .painStopped, text: "You stopped \(s.title) for pain \(when). Check in on your back before you train again: runcore log back 0-10 (with --where, --spreading, --constant)."))
        }
        if existingPain(log) {
            out.append(Warning(kind: .existingPain, text: existingPainAdvice))
        }
        guard stop(log) == nil, let last = log.checkIns.last else { return out }
        let when = dayWord(last.day, today: date, calendar: calendar)
        if last.level >= sore, let run = log.runs.last(where: { $0.day <= last.day }),
           let gap = days(run.day, last.day, calendar), gap >= 2 {
            out.append(Warning(kind: .pastNormal, text: "Your back is still sore (\(last.level)/10 \(when)) \(gap) days after your run of \(run.day). Soreness after a run and the next day is normal; longer may be a sign of a bigger problem, so see a healthcare provider if it stays."))
        }
        let three = log.checkIns.suffix(3)
        if three.count == 3, zip(three, three.dropFirst()).allSatisfy({ $0.level < $1.level }) {
            let levels = three.map { "\($0.level)" }.joined(separator: " → ")
            out.append(Warning(kind: .rising, text: "Your back has got worse three check-ins in a row (\(levels)). Look at the usual causes: \(causes(log, today: date, units: units, calendar: calendar))."))
        }
        return out
    }

    /// The causes the article names, each with the runner's own figure from the last two weeks.
    static func causes(_ log: RunnerLog, today: Date, units: Units, calendar: Calendar) -> String {
        let from = CalendarDay.string(CalendarDay.adding(-13, to: today, calendar), calendar)
        let to = CalendarDay.string(today, calendar)
        let runs = log.runs.filter { $0.day >= from && $0.day <= to }
        let runDays = Set(runs.map(\.day))
        let core = log.coreDays.filter { $0 >= from && $0 <= to && !runDays.contains($0) }.count
        let warmed = runs.filter(log.warmedUp).count
        var parts = ["core work on \(plural(core, "day")) off running in two weeks",
                     "a warm-up before \(warmed) of \(plural(runs.count, "run"))"]
        if let shoe = log.defaultShoe ?? log.shoes.first(where: { $0.retired == nil }) {
            parts.append("shoes \"\(Escape.shown(shoe.name))\" at \(ShoeRules.distanceText(log.meters(on: shoe), units))")
        } else {
            parts.append("shoes (none logged)")
        }
        parts.append("and " + FormFigures.cause(log, today: today, calendar: calendar))
        return parts.joined(separator: ", ")
    }

    /// The advice for a runner who already has low-back pain.
    public static let existingPainAdvice = "You said you already have low-back pain: ask a doctor which exercises suit you before you take up running."

    /// What a yes to "low-back pain already?" is told at once.
    public static let existingPainAnswer = existingPainAdvice + " runcore plans no runs until then; once a doctor has seen you: runcore log cleared"

    /// "today", "yesterday", "on 2026-11-20", seen from `today`.
    static func dayWord(_ day: String, today: Date, calendar: Calendar) -> String {
        switch days(day, CalendarDay.string(today, calendar), calendar) {
        case 0: return "today"
        case 1: return "yesterday"
        default: return "on \(day)"
        }
    }

    /// Whole days from one `yyyy-MM-dd` to another.
    public static func days(_ from: String, _ to: String, _ calendar: Calendar) -> Int? {
        CalendarDay.between(from, to)   // day numbers: right across a midnight the clocks skip
    }
}
