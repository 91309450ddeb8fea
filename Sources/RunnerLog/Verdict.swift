import Foundation
import RoutineKit

/// A routine the coach can name: its id, title, role, and the command that starts it.
public struct RoutineRef: Sendable, Equatable {
    public var id: String
    public var title: String
    public var role: Role?
    /// `runcore warmup`, `runcore run planks`: what the runner types.
    public var command: String

    public init(id: String, title: String, role: Role?, command: String) {
        self.id = id
        self.title = title
        self.role = role
        self.command = command
    }
}

/// What the coach needs besides the log: the limits from config.yaml, the run days the runner set (nil to
/// learn them from the runs), and the routines there are, in the catalog's order.
public struct CoachSettings: Sendable, Equatable {
    public var limits: Limits
    /// 1 Monday … 7 Sunday, from `run-days` in config.yaml; nil when not set.
    public var runDays: Set<Int>?
    public var routines: [RoutineRef]

    public init(limits: Limits = Limits(), runDays: Set<Int>? = nil, routines: [RoutineRef] = []) {
        self.limits = limits
        self.runDays = runDays
        self.routines = routines
    }

    public func routines(_ role: Role) -> [RoutineRef] { routines.filter { $0.role == role } }
}

/// A question the menu asks before its list, one at a time (Esc passes it over; it is not asked again).
public enum Question: Sendable, Equatable {
    /// On first use: does the runner have low-back pain already?
    case existingPain
    /// A stop for pain stands and a milder check-in came since: has a healthcare provider seen them?
    case cleared(stopAt: Date, since: Date)
    /// A session was stopped for pain and no check-in came since.
    case backAfterPainStop(at: Date, title: String)
    /// A warm-up that counts, today or yesterday, and no run logged that day: how far did they run?
    case runAfterWarmup(day: String, warmedUpAt: Date)
    /// A run today or yesterday with no check-in since: how is the back (and again the next day)?
    case backAfterRun(run: Run, nextDay: Bool)

    /// Which question this is: answered or passed over, it is kept in the log's `asked` and not asked again.
    public var key: String {
        switch self {
        case .existingPain: return "pain"
        case .cleared(let stop, let since): return "cleared \(Int(stop.timeIntervalSince1970)) \(Int(since.timeIntervalSince1970))"
        case .backAfterPainStop(let at, _): return "pain-stop \(Int(at.timeIntervalSince1970))"
        case .runAfterWarmup(let day, _): return "run \(day)"
        case .backAfterRun(let run, let nextDay): return "back \(run.id.map(String.init) ?? "\(Int(run.startedAt.timeIntervalSince1970))")\(nextDay ? "+1" : "")"
        }
    }
}

/// What a line of the day's advice is, for the screens that show it.
public enum VerdictLineStyle: Sendable, Equatable {
    /// Stop: shown first, in the alert colour, on every surface.
    case stop
    /// What to do today.
    case headline
    /// Why, in plain words.
    case reason
    /// A warning after the advice (shoes, soreness, a back getting worse).
    case warning
}

/// A line of the day's advice, in the order to show it.
public struct VerdictLine: Sendable, Equatable {
    public var text: String
    public var style: VerdictLineStyle
    public init(_ text: String, _ style: VerdictLineStyle) {
        self.text = text
        self.style = style
    }
}

/// The one decision about a day: what kind of day it is, what to do, why, the warnings in the order to show
/// them, and the questions due. `today`, the menu, every get-ready screen, the calendar and `stats` render it;
/// none of them decides anything again.
public struct DayVerdict: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Constant or spreading pain, not yet cleared by a healthcare provider: no training.
        case stopForPain
        /// A session was stopped for pain and no check-in has come since: no more training until one does.
        case painStopped
        /// Low-back pain the runner already had: see a doctor before taking up running.
        case seeDoctorFirst
        /// A run day: warm up first (or, warmed up already, go and run).
        case runDay
        /// A day off running: a core session.
        case dayOff
        /// Today's work is done (a run, or a core session that counts).
        case doneForToday
        /// A rest day (core yesterday, or the week's core days done).
        case rest
    }

    /// What the calendar plans for the day.
    public enum Plan: Sendable, Equatable {
        case warmupAndRun(RoutineRef)
        /// Warmed up already: the run is left.
        case run
        case core(RoutineRef)
        case rest
        /// No training until something is done: see a healthcare provider, check in on the back, see a doctor.
        case hold(String)
    }

    public var day: String
    public var kind: Kind
    /// The routine to start (the menu's cursor starts on it), if any.
    public var routine: RoutineRef?
    /// What to do, in one line.
    public var headline: String
    public var reasons: [String]
    /// Every warning that stands, in the order to show them (a stop first).
    public var warnings: [Warning]
    public var questions: [Question]
    public var plan: Plan
    /// Whether the runner's run days are known (set, or learned from their runs).
    public var runDaysKnown: Bool
    /// Why today's advice is to rest, in a few words, on a day that holds training back (a stop for pain, a
    /// session stopped for pain, a doctor to see first); nil on other days. The menu asks before it starts a
    /// routine on such a day.
    public var restReason: String? = nil

    /// Everything to show, in order: stops, then what to do and why, then the other warnings.
    public var lines: [VerdictLine] {
        warnings.filter(\.isStop).map { VerdictLine($0.text, .stop) } + [VerdictLine(headline, .headline)]
            + reasons.map { VerdictLine($0, .reason) } + warnings.filter { !$0.isStop }.map { VerdictLine($0.text, .warning) }
    }

    /// What to do after stopping a session for pain: a back check-in decides the days after, unless a stop for
    /// pain or a doctor to see stands already (then a check-in lifts nothing).
    public var nextAfterPainStop: String {
        switch kind {
        case .stopForPain: return "Your stop for pain stands: rest, and see a healthcare provider (then: runcore log cleared)."
        case .seeDoctorFirst: return "See a doctor before you train again (then: runcore log cleared)."
        default: return "Then tell runcore how your back is: runcore log back 0-10."
        }
    }

    /// Whether the day holds all training back until something is done (a provider seen, a check-in, a doctor).
    public var holdsTraining: Bool {
        kind == .stopForPain || kind == .painStopped || kind == .seeDoctorFirst
    }

    /// What the get-ready screen of a session of this role shows (in plain mode, standard error): the
    /// warnings that apply before it, stops first; on a day that holds training back, what to do instead, when
    /// no warning says it (the rest of a day stopped for pain after its check-in, a doctor before core work).
    public func notices(before role: Role?) -> [String] {
        let shown = warnings.filter { $0.applies(before: role) }
        let saidByWarning = kind == .stopForPain || shown.contains { $0.kind == .painStopped || $0.kind == .existingPain }
        guard holdsTraining, !saidByWarning else { return shown.map(\.text) }
        let stops = shown.filter(\.isStop), others = shown.filter { !$0.isStop }
        return stops.map(\.text) + [headline] + others.map(\.text)
    }
}

extension DayVerdict {
    /// The verdict for `date` (today, or a day of the week ahead), seen at `now`.
    public static func decide(_ log: RunnerLog, _ settings: CoachSettings, on date: Date, now: Date, calendar: Calendar) -> DayVerdict {
        let runWeekdays = self.runWeekdays(log, settings, now: now, calendar: calendar)
        return decide(log, settings, on: date, now: now, runWeekdays: runWeekdays, calendar: calendar)
    }

    /// Today's verdict.
    public static func today(_ log: RunnerLog, _ settings: CoachSettings, now: Date, calendar: Calendar) -> DayVerdict {
        decide(log, settings, on: now, now: now, calendar: calendar)
    }

    /// The seven days from today, each decided by the same rules, on a log that takes each day's plan as done
    /// (a core day is followed by a rest, core routines alternate, the week's core days are counted).
    public static func week(_ log: RunnerLog, _ settings: CoachSettings, now: Date, calendar: Calendar) -> [DayVerdict] {
        let runWeekdays = self.runWeekdays(log, settings, now: now, calendar: calendar)
        var projected = log
        var out: [DayVerdict] = []
        let today = CalendarDay.string(now, calendar)
        for i in 0..<7 {
            let day = CalendarDay.adding(i, to: today)
            let date = i == 0 ? now : (CalendarDay.date(day, calendar).map { $0.addingTimeInterval(12 * 3600) } ?? now)
            let v = decide(projected, settings, on: date, now: now, runWeekdays: runWeekdays, calendar: calendar)
            out.append(v)
            func done(_ r: RoutineRef) {
                projected.sessions.append(LoggedSession(startedAt: date, day: day, routineID: r.id, title: r.title, role: r.role,
                                                        outcome: .finished, count: .done))
            }
            switch v.plan {
            case .warmupAndRun(let r):
                done(r)
                projected.runs.append(Run(startedAt: date.addingTimeInterval(1800), day: day, meters: 0, source: "plan"))
            case .run:
                projected.runs.append(Run(startedAt: date.addingTimeInterval(1800), day: day, meters: 0, source: "plan"))
            case .core(let r):
                done(r)
            case .rest, .hold:
                break
            }
        }
        return out
    }

    /// The weekdays (1 Monday … 7 Sunday) the runner runs: `run-days` from config.yaml, else the weekdays with
    /// two or more runs in the four weeks before today. One answer for `today` and the calendar alike.
    public static func runWeekdays(_ log: RunnerLog, _ settings: CoachSettings, now: Date, calendar: Calendar) -> Set<Int> {
        if let set = settings.runDays { return set }
        let today = CalendarDay.string(now, calendar)
        let from = CalendarDay.adding(-28, to: today)
        var counts: [Int: Int] = [:]
        for run in log.runs where run.day >= from && run.day < today {
            if let w = CalendarDay.weekday(run.day) { counts[w, default: 0] += 1 }
        }
        return Set(counts.filter { $0.value >= 2 }.keys)
    }

    static func decide(_ log: RunnerLog, _ settings: CoachSettings, on date: Date, now: Date, runWeekdays: Set<Int>,
                       calendar: Calendar) -> DayVerdict {
        let day = CalendarDay.string(date, calendar)
        let yesterday = CalendarDay.adding(-1, to: day)
        let isToday = day == CalendarDay.string(now, calendar)
        let warnings = (BackRules.warnings(log, on: date, units: settings.limits.units, calendar: calendar)
                        + ShoeRules.warnings(log, limits: settings.limits, today: date, calendar: calendar))
            .enumerated().sorted { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }.map(\.element)
        let warmup = settings.routines(.warmup).first
        let cores = settings.routines(.core)
        let runsToday = log.runs.filter { $0.day == day }
        let units = settings.limits.units
        var v = DayVerdict(day: day, kind: .rest, routine: nil, headline: "", reasons: [], warnings: warnings,
                           questions: isToday ? questions(log, day: day, now: now) : [], plan: .rest,
                           runDaysKnown: !runWeekdays.isEmpty)
        let warmupCommand = warmup?.command ?? "a warm-up"

        if let stop = BackRules.stop(log) {
            v.kind = .stopForPain
            v.headline = "Rest: no running and no core session until a healthcare provider has seen you. Once one has: runcore log cleared"
            if let later = log.checkIns.last, later.at > stop.at {
                v.reasons.append("Your check-in since (\(later.level)/10 on \(later.day)) does not lift the stop: a healthcare provider's go-ahead does.")
            }
            v.plan = .hold("Rest, and see a healthcare provider before you train again (then: runcore log cleared).")
            v.restReason = "your back pain means a healthcare provider should see you first"
        } else if let s = BackRules.painStop(log) {
            v.kind = .painStopped
            v.headline = s.day == day
                ? "No more running or core work today."
                : "No training until you have checked in on your back."
            v.reasons.append("A check-in that says the pain is constant or spreads means stop until a healthcare provider has seen you; otherwise the days after go on as planned.")
            v.plan = .hold("Check in on your back before you train again (runcore log back 0-10).")
            v.restReason = s.day == day ? "you stopped for pain today" : "you stopped for pain and have not checked in on your back since"
        } else if log.sessions.contains(where: { $0.outcome == .pain && $0.day == day }) {
            // A check-in after a pain stop decides the days after; the rest of the day stays free of training.
            v.kind = .painStopped
            v.headline = "You stopped for pain today: no more running or core work today. Your check-in decides the days after."
            v.plan = .hold("Rest today after stopping for pain.")
            v.restReason = "you stopped for pain today"
        } else if BackRules.existingPain(log) {
            v.kind = .seeDoctorFirst
            v.headline = "No runs planned until a doctor has seen you (then: runcore log cleared)."
            v.reasons.append("Running loads the lower spine again and again; with low-back pain already there, a doctor should say which exercises suit you first.")
            v.plan = .hold("See a doctor before you take up running (then: runcore log cleared).")
            v.restReason = "with the low-back pain you already have, see a doctor first"
        } else if !runsToday.isEmpty {
            v.kind = .doneForToday
            let total = units.format(runsToday.reduce(0) { $0 + $1.meters })
            v.headline = runsToday.allSatisfy(log.warmedUp)
                ? "Run done today (\(total)), with a warm-up first. Rest; core work waits for a day off running."
                : "You ran today (\(total)) without warming up first. Next time, start with: \(warmupCommand)"
        } else if let w = log.warmups.last(where: { $0.day == day }) {
            v.kind = .runDay
            v.headline = "You warmed up at \(clock(w.startedAt, calendar)): have a good run, then log it: runcore log run 8km"
            v.reasons.append("A warm-up that counts marks today as a run day until a run is logged.")
            v.plan = .run
        } else if let w = CalendarDay.weekday(day), runWeekdays.contains(w) {
            v.kind = .runDay
            v.routine = warmup
            v.headline = "Run day: warm up first with \(warmupCommand)."
            v.reasons.append(settings.runDays == nil
                ? "You ran on \(weekdayName(w))s in the last four weeks. A warm-up before a run readies the muscles that hold your back."
                : "Today is one of your run days (run-days in config.yaml). A warm-up before a run readies the muscles that hold your back.")
            if let warmup { v.plan = .warmupAndRun(warmup) }
        } else if log.sessions.contains(where: { $0.day == day && $0.role == .core && $0.counts }) {
            v.kind = .doneForToday
            v.headline = "Core done today. Rest, or warm up first if you go for a run."
        } else if log.coreDays.contains(yesterday) && !log.runDaySet.contains(yesterday) {
            v.kind = .rest
            v.routine = warmup
            v.headline = "Core work was done yesterday: rest today, or run (warm up first: \(warmupCommand))."
        } else if coreDaysThisWeek(log, before: day) >= 3 {
            v.kind = .rest
            v.headline = "Three core days this week already: rest today."
        } else if let core = nextCore(cores, after: log.lastCoreRoutine) {
            v.kind = .dayOff
            v.routine = core
            v.headline = "A day off running: time for \(core.title) (\(core.command))."
            v.reasons.append("Not a run day, and no core work yesterday. Core work on days off running builds the muscles that protect your lower back.")
            if cores.count > 1, let last = log.lastCoreRoutine, let lastRef = cores.first(where: { $0.id == last }) {
                v.reasons.append("\(core.title) today: \(lastRef.title) was last time.")
            }
            v.plan = .core(core)
        } else {
            v.kind = .rest
            v.headline = "A day off running. Rest, or add a routine with role: core for days like this."
        }
        if runWeekdays.isEmpty && !v.holdsTraining {
            v.reasons.append("No run days known yet: set run-days in config.yaml, or log a few runs.")
        }
        // Runs this week without a warm-up.
        let monday = CalendarDay.monday(of: day)
        let cold = log.runs.filter { $0.day >= monday && $0.day <= day && !log.warmedUp($0) }.count
        if cold > 0 {
            v.reasons.append("You ran without warming up \(cold == 1 ? "once" : "\(cold) times") this week.")
        }
        return v
    }

    /// The core routine after `last`, in turn (the first when there was none).
    static func nextCore(_ cores: [RoutineRef], after last: String?) -> RoutineRef? {
        guard let i = cores.firstIndex(where: { $0.id == last }) else { return cores.first }
        return cores[(i + 1) % cores.count]
    }

    /// Core days (off running) in the Monday-first week holding `day`, before it.
    static func coreDaysThisWeek(_ log: RunnerLog, before day: String) -> Int {
        let monday = CalendarDay.monday(of: day)
        let runDays = log.runDaySet
        return log.coreDays.filter { $0 >= monday && $0 < day && !runDays.contains($0) }.count
    }

    /// The questions due today, in the order to ask them.
    static func questions(_ log: RunnerLog, day: String, now: Date) -> [Question] {
        var out: [Question] = []
        // Whether pain was there before running is asked on days that can train: during a stop for pain it
        // would only be one more question beside the one that matters (has a provider seen you).
        let stop = BackRules.stop(log)
        if log.existingPain == nil && stop == nil { out.append(.existingPain) }
        if let stop, let later = log.checkIns.last, later.at > stop.at {
            out.append(.cleared(stopAt: stop.at, since: later.at))
        }
        if let s = BackRules.painStop(log) { out.append(.backAfterPainStop(at: s.startedAt, title: s.title)) }
        let yesterday = CalendarDay.adding(-1, to: day)
        if let w = log.warmups.last, w.day == day || w.day == yesterday, !log.runs.contains(where: { $0.day == w.day }) {
            out.append(.runAfterWarmup(day: w.day, warmedUpAt: w.startedAt))
        }
        if let run = log.runs.last, run.day == day || run.day == yesterday {
            let nextDay = run.day == yesterday
            let answered = log.checkIns.contains { nextDay ? $0.day == day : $0.at >= run.startedAt }
            if !answered { out.append(.backAfterRun(run: run, nextDay: nextDay)) }
        }
        return out.filter { !log.asked.contains($0.key) }
    }

    /// `07:02` in the calendar's time zone.
    public static func clock(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(c.hour ?? 0) + ":" + two(c.minute ?? 0)
    }

    public static func weekdayName(_ w: Int) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][max(0, min(6, w - 1))]
    }
}
