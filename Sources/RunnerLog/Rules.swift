import Foundation

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
    public enum Kind: String, Sendable { case stopPain, pastNormal, rising, existingPain, shoeLimit, shoeTop, shoeAge, firstQuestion }
    public var kind: Kind
    public var text: String
    /// The pair of shoes a shoe warning is about.
    public var shoe: String? = nil
    /// Pain that means stop: shown first, before anything else.
    public var isStop: Bool { kind == .stopPain }
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
            if let bought = shoe.bought, let date = Stats.dayDate(bought, calendar),
               let years = ageYears(from: date, to: today, calendar: calendar), years >= limits.shoeYears {
                let whole = Int(years)
                out.append(Warning(kind: .shoeAge, text: "Shoes \"\(Escape.shown(shoe.name))\" were bought \(whole == 1 ? "a year" : "\(whole) years") ago (\(bought)): shoes wear out with age too, however far they have gone.", shoe: shoe.name))
            }
        }
        return out
    }

    /// `483 km (300 mi)` in km; `300 mi` in miles.
    static func distanceText(_ meters: Double, _ units: Units) -> String {
        units == .mi ? Units.mi.whole(meters) : "\(Units.km.whole(meters)) (\(Units.mi.whole(meters)))"
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

    /// The flags the latest check-in raises; a later check-in clears what an earlier one said.
    ///  - constant or spreading pain: stop running and talk to a healthcare provider;
    ///  - soreness still there two days or more after the last run: more than normal soreness;
    ///  - three check-ins in a row, each higher: look at the causes, with the runner's own figures.
    public static func warnings(_ log: RunnerLog, today: Date, calendar: Calendar) -> [Warning] {
        var out: [Warning] = []
        if log.existingBackPain == nil {
            out.append(Warning(kind: .firstQuestion, text: "One question before you start: do you have low-back pain already? Answer in the menu, or with: runcore log existing-pain yes (or no)"))
        }
        guard let last = log.checkIns.last else { return out }
        let when = dayWord(last.day, today: today, calendar: calendar)
        if last.spreading || last.constant {
            let what = last.spreading && last.constant ? "constant and spreading" : last.spreading ? "spreading" : "constant"
            out.append(Warning(kind: .stopPain, text: "STOP: you said \(when) that your back pain is \(what). Do not run; talk to a healthcare provider before you train again."))
            return out
        }
        if last.level >= sore, let run = log.runs.last(where: { $0.day <= last.day }),
           let gap = days(run.day, last.day, calendar), gap >= 2 {
            out.append(Warning(kind: .pastNormal, text: "Your back is still sore (\(last.level)/10 \(when)) \(gap) days after your run of \(run.day). Soreness after a run and the next day is normal; longer may be a sign of a bigger problem, so see a healthcare provider if it stays."))
        }
        let three = log.checkIns.suffix(3)
        if three.count == 3, zip(three, three.dropFirst()).allSatisfy({ $0.level < $1.level }) {
            let levels = three.map { "\($0.level)" }.joined(separator: " → ")
            out.append(Warning(kind: .rising, text: "Your back has got worse three check-ins in a row (\(levels)). Look at the usual causes: \(causes(log, today: today, calendar: calendar))."))
        }
        return out
    }

    /// The causes the article names, each with the runner's own figure from the last two weeks.
    static func causes(_ log: RunnerLog, today: Date, calendar: Calendar) -> String {
        let from = Stats.dayString(calendar.date(byAdding: .day, value: -13, to: calendar.startOfDay(for: today))!, calendar)
        let to = Stats.dayString(today, calendar)
        let runs = log.runs.filter { $0.day >= from && $0.day <= to }
        let runDays = Set(runs.map(\.day))
        let core = log.coreDays.filter { $0 >= from && $0 <= to && !runDays.contains($0) }.count
        let warmed = runs.filter(log.warmedUp).count
        var parts = ["core work on \(core) day\(core == 1 ? "" : "s") off running in two weeks",
                     "a warm-up before \(warmed) of \(runs.count) run\(runs.count == 1 ? "" : "s")"]
        if let shoe = log.defaultShoe ?? log.shoes.first(where: { $0.retired == nil }) {
            parts.append("shoes \"\(Escape.shown(shoe.name))\" at \(Units.mi.whole(log.meters(on: shoe)))")
        } else {
            parts.append("shoes (none logged)")
        }
        parts.append("and " + FormFigures.cause(log, today: today, calendar: calendar))
        return parts.joined(separator: ", ")
    }

    /// The advice for a runner who already has low-back pain, shown once.
    public static let existingPainAdvice = "You said you already have low-back pain: see a doctor before you take up running, and ask which exercises suit you."

    static func dayWord(_ day: String, today: Date, calendar: Calendar) -> String {
        switch days(day, Stats.dayString(today, calendar), calendar) {
        case 0: return "today"
        case 1: return "yesterday"
        default: return "on \(day)"
        }
    }

    /// Whole days from one `yyyy-MM-dd` to another.
    public static func days(_ from: String, _ to: String, _ calendar: Calendar) -> Int? {
        CivilDay.days(from, to)   // day numbers: right across a midnight the clocks skip
    }
}

/// What to do today, and why.
public struct Advice: Sendable, Equatable {
    /// What to do: one line.
    public var headline: String
    /// Why, and the facts it comes from.
    public var reasons: [String]
    /// Warnings, the stop-pain one first.
    public var warnings: [Warning]
    /// The routine to start: `warmup`, `core` or nil (rest).
    public var routine: String?

    public static func today(_ log: RunnerLog, limits: Limits, now: Date, calendar: Calendar) -> Advice {
        let coreRoutine = log.nextCoreRoutine
        let day = Stats.dayString(now, calendar)
        let yesterday = Stats.dayString(calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now))!, calendar)
        var warnings = BackRules.warnings(log, today: now, calendar: calendar) + ShoeRules.warnings(log, limits: limits, today: now, calendar: calendar)
        warnings.sort { $0.isStop && !$1.isStop }
        let runsToday = log.runs.filter { $0.day == day }
        let warmupToday = log.warmups.last { $0.day == day }
        var reasons: [String] = []
        let headline: String
        var routine: String?
        let stop = warnings.contains(where: \.isStop)

        if !runsToday.isEmpty {
            let total = runsToday.reduce(0) { $0 + $1.meters }
            if runsToday.allSatisfy(log.warmedUp) {
                headline = "Run done today (\(limits.units.format(total))), with a warm-up first. Rest; core work waits for a day off running."
            } else {
                headline = "You ran today (\(limits.units.format(total))) without warming up first. Next time, start with: runcore warmup"
            }
        } else if let w = warmupToday {
            headline = "You warmed up at \(clock(w.at, calendar)): have a good run, then log it: runcore log run 8km"
            reasons.append("A finished warm-up marks today as a run day until a run is logged.")
        } else if stop {
            headline = "Rest today: no running and no core session until you have seen a healthcare provider."
        } else if log.runDays.contains(calendar.component(.weekday, from: now) == 1 ? 7 : calendar.component(.weekday, from: now) - 1) {
            headline = "Run day: warm up first with runcore warmup."
            routine = "warmup"
            reasons.append("Today is one of your run days (run-days in config.yaml). A warm-up before a run readies the muscles that hold your back.")
        } else if log.coreDays.contains(day) {
            headline = "Core done today. Rest, or warm up first if you go for a run."
        } else if log.coreDays.contains(yesterday) && !log.runDaySet.contains(yesterday) {
            headline = "Core work was done yesterday: rest today, or run (warm up first: runcore warmup)."
            routine = "warmup"
        } else {
            headline = coreRoutine == "core" ? "A day off running: do the core session (runcore core)."
                : "A day off running: do the plank variations (runcore run planks)."
            routine = coreRoutine
            reasons.append("No run today and no core work since yesterday. Core work on days off running builds the muscles that protect your lower back.")
            if log.lastCoreRoutine != nil {
                reasons.append(coreRoutine == "core" ? "Side planks today: plank variations were last time." : "Plank variations today: side planks were last time.")
            }
        }
        // Runs this week without a warm-up.
        let monday = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? now
        let weekStart = Stats.dayString(monday, calendar)
        let cold = log.runs.filter { $0.day >= weekStart && $0.day <= day && !log.warmedUp($0) }.count
        if cold > 0 {
            reasons.append("You ran without warming up \(cold == 1 ? "once" : "\(cold) times") this week.")
        }
        return Advice(headline: headline, reasons: reasons, warnings: warnings, routine: stop ? nil : routine)
    }

    public static func clock(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
