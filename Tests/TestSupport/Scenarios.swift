import Foundation

/// Day-by-day scenarios of a runner's November 2026 (UTC; the 30th is a Monday), each a few things that
/// happened and what the coach must say about a day. The same table is checked twice: on the rules
/// themselves (RunnerLogTests builds the log by hand) and through the binary (EndToEndTests logs it with the
/// real commands and sessions, then reads `today`, the calendar and the menu's cursor).
public enum Happening: Sendable {
    /// The first-use question, answered.
    case existingPain(Bool, day: Int, hour: Int)
    /// A run typed in (`log run 8km --date`), in kilometres.
    case run(day: Int, hour: Int, km: Double)
    case back(day: Int, hour: Int, level: Int, spreading: Bool = false, constant: Bool = false)
    /// `log cleared`: a healthcare provider has seen the runner.
    case cleared(day: Int, hour: Int)
    /// A session of a routine (by id: warmup, core, planks, or the runner's own my-core), done `how`.
    case session(String, day: Int, hour: Int, how: SessionHow)
    /// A pair of shoes with this much on it already.
    case shoes(String, km: Double, day: Int)
}

extension Happening: CustomStringConvertible {
    /// Short words for the table in the closing note and the README: `29th 19:00 back 2`.
    public var description: String {
        func at(_ d: Int, _ h: Int) -> String { "\(d) Nov \(h < 10 ? "0" : "")\(h):00" }
        switch self {
        case .existingPain(let yes, let d, let h): return "\(at(d, h)) existing pain \(yes ? "yes" : "no")"
        case .run(let d, let h, let km): return "\(at(d, h)) run \(km) km"
        case .back(let d, let h, let level, let spreading, let constant):
            return "\(at(d, h)) back \(level)" + (spreading ? " spreading" : "") + (constant ? " constant" : "")
        case .cleared(let d, let h): return "\(at(d, h)) cleared"
        case .session(let id, let d, let h, let how): return "\(at(d, h)) \(id) \(how.rawValue)"
        case .shoes(let name, let km, let d): return "\(d) Nov shoes \(name) \(Int(km)) km"
        }
    }
}

public enum SessionHow: String, Sendable {
    /// Every step done.
    case full
    /// Every step skipped with `n`: finished, but nothing exercised.
    case skipped
    /// Stopped with `!` in its first exercise step.
    case pain
    /// Quit with `q` before anything was done: a session of 0:00.
    case zero
}

/// What the coach must say about the day.
public struct Expected: Sendable {
    /// `DayVerdict.Kind`'s raw value.
    public var kind: String
    /// The routine the menu's cursor starts on (nil: none named, the cursor on the first).
    public var routine: String?
    /// The beginning of the headline (`today`'s `→` line).
    public var headline: String
    /// The first warning's kind (`Warning.Kind`'s raw value), if any.
    public var firstWarning: String?
    /// The questions due, by name, in order: existingPain, cleared, backAfterPainStop, runAfterWarmup, backAfterRun.
    public var questions: [String]
    /// The calendar's event for the day: the start of its summary, nil for none.
    public var calendar: String?

    public init(kind: String, routine: String?, headline: String, firstWarning: String? = nil, questions: [String] = [],
                calendar: String?) {
        self.kind = kind
        self.routine = routine
        self.headline = headline
        self.firstWarning = firstWarning
        self.questions = questions
        self.calendar = calendar
    }
}

public struct Scenario: Sendable, CustomStringConvertible {
    public var name: String
    public var happenings: [Happening]
    /// `run-days` in config.yaml, if set (mon, tue, …).
    public var runDays: [String]?
    /// The day and hour the coach is asked about.
    public var day: Int
    public var hour: Int
    public var expected: Expected

    public var description: String { name }

    /// `RUNCORE_NOW` for a day and hour.
    public static func now(_ day: Int, _ hour: Int) -> String { String(format: "2026-11-%02dT%02d:00:00Z", day, hour) }

    static let answeredNo = Happening.existingPain(false, day: 1, hour: 8)
    static let dayOffCore = Expected(kind: "dayOff", routine: "core", headline: "A day off running: time for Off-day core", calendar: "Core: Off-day core")

    /// The table. Every case of issue 15's first paragraph is here, marked (†).
    public static let all: [Scenario] = [
        Scenario(name: "first use: one question, and core on a day off", happenings: [], day: 30, hour: 9,
                 expected: Expected(kind: "dayOff", routine: "core", headline: "A day off running: time for Off-day core",
                                    questions: ["existingPain"], calendar: "Core: Off-day core")),
        Scenario(name: "a quiet day off: core", happenings: [answeredNo], day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "(†) spreading pain: STOP, and the calendar plans no training", happenings: [answeredNo, .back(day: 30, hour: 7, level: 5, spreading: true)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running and no core session until a healthcare provider has seen you",
                                    firstWarning: "stopPain", calendar: "Rest, and see a healthcare provider before you train again")),
        Scenario(name: "constant pain two days ago: still STOP", happenings: [answeredNo, .back(day: 28, hour: 19, level: 4, constant: true)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running", firstWarning: "stopPain",
                                    calendar: "Rest, and see a healthcare provider")),
        Scenario(name: "(†) a milder check-in does not lift a stop; it asks about a provider",
                 happenings: [answeredNo, .back(day: 28, hour: 19, level: 6, spreading: true), .back(day: 29, hour: 19, level: 2)], day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running", firstWarning: "stopPain", questions: ["cleared"],
                                    calendar: "Rest, and see a healthcare provider")),
        Scenario(name: "cleared by a provider: the stop is lifted",
                 happenings: [answeredNo, .back(day: 28, hour: 19, level: 6, spreading: true), .back(day: 29, hour: 19, level: 2), .cleared(day: 29, hour: 20)],
                 day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "a new spreading check-in after a clearance stops again",
                 happenings: [answeredNo, .back(day: 27, hour: 19, level: 6, spreading: true), .cleared(day: 28, hour: 9), .back(day: 29, hour: 19, level: 3, spreading: true)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running", firstWarning: "stopPain", calendar: "Rest, and see a healthcare provider")),
        Scenario(name: "(†) existing low-back pain is remembered: see a doctor first, every day", happenings: [.existingPain(true, day: 20, hour: 8)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "seeDoctorFirst", routine: nil, headline: "No runs planned until a doctor has seen you",
                                    firstWarning: "existingPain", calendar: "See a doctor before you take up running")),
        Scenario(name: "existing pain, cleared by a doctor", happenings: [.existingPain(true, day: 20, hour: 8), .cleared(day: 25, hour: 10)],
                 day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "(†) a pain stop an hour ago: no training today, check in", happenings: [answeredNo, .session("core", day: 30, hour: 8, how: .pain)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "painStopped", routine: nil, headline: "No more running or core work today",
                                    firstWarning: "painStopped", questions: ["backAfterPainStop"], calendar: "Check in on your back before you train again")),
        Scenario(name: "a pain stop yesterday and no check-in: still no training", happenings: [answeredNo, .session("core", day: 29, hour: 8, how: .pain)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "painStopped", routine: nil, headline: "No training until you have checked in on your back",
                                    firstWarning: "painStopped", questions: ["backAfterPainStop"], calendar: "Check in on your back")),
        Scenario(name: "a pain stop, then a mild check-in: the days after go on", happenings: [answeredNo, .session("core", day: 29, hour: 8, how: .pain),
                                                                                               .back(day: 29, hour: 12, level: 2)],
                 day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "a pain stop, then a mild check-in the same day: still no training today",
                 happenings: [answeredNo, .session("core", day: 30, hour: 7, how: .pain), .back(day: 30, hour: 8, level: 2)], day: 30, hour: 9,
                 expected: Expected(kind: "painStopped", routine: nil, headline: "You stopped for pain today: no more running or core work today",
                                    calendar: "Rest today after stopping for pain")),
        Scenario(name: "a pain stop, then a spreading check-in: STOP", happenings: [answeredNo, .session("core", day: 29, hour: 8, how: .pain),
                                                                                   .back(day: 29, hour: 12, level: 5, spreading: true)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running", firstWarning: "stopPain", calendar: "Rest, and see a healthcare provider")),
        Scenario(name: "(†) a fully skipped warm-up is not a warm-up first", happenings: [answeredNo, .session("warmup", day: 30, hour: 7, how: .skipped),
                                                                                         .run(day: 30, hour: 8, km: 8)],
                 day: 30, hour: 10,
                 expected: Expected(kind: "doneForToday", routine: nil, headline: "You ran today (8.0 km) without warming up first",
                                    questions: ["backAfterRun"], calendar: nil)),
        Scenario(name: "a fully skipped warm-up does not make a run day", happenings: [answeredNo, .session("warmup", day: 30, hour: 7, how: .skipped)],
                 day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "(†) a core session of 0:00 is not a core day", happenings: [answeredNo, .session("core", day: 30, hour: 7, how: .zero)],
                 day: 30, hour: 9, expected: dayOffCore),
        Scenario(name: "(†) a finished core session: done, and no second one in the calendar", happenings: [answeredNo, .session("core", day: 30, hour: 7, how: .full)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "doneForToday", routine: nil, headline: "Core done today", calendar: nil)),
        Scenario(name: "the runner's own core routine (role: core) makes a core day", happenings: [answeredNo, .session("my-core", day: 30, hour: 7, how: .full)],
                 day: 30, hour: 9, expected: Expected(kind: "doneForToday", routine: nil, headline: "Core done today", calendar: nil)),
        Scenario(name: "(†) no run-days: run days learned from four weeks of runs, the same for today and the calendar",
                 happenings: [answeredNo, .run(day: 16, hour: 7, km: 8), .run(day: 23, hour: 7, km: 8)], day: 30, hour: 6,
                 expected: Expected(kind: "runDay", routine: "warmup", headline: "Run day: warm up first", calendar: "Warm up, then run")),
        Scenario(name: "one Monday run is not a habit yet: a day off", happenings: [answeredNo, .run(day: 23, hour: 7, km: 8)], day: 30, hour: 6,
                 expected: dayOffCore),
        Scenario(name: "run-days in config.yaml: a run day", happenings: [answeredNo], runDays: ["mon", "thu"], day: 30, hour: 6,
                 expected: Expected(kind: "runDay", routine: "warmup", headline: "Run day: warm up first", calendar: "Warm up, then run")),
        Scenario(name: "warmed up, no run yet: go and run, then say how far", happenings: [answeredNo, .session("warmup", day: 30, hour: 7, how: .full)],
                 day: 30, hour: 8,
                 expected: Expected(kind: "runDay", routine: nil, headline: "You warmed up at 07:00", questions: ["runAfterWarmup"], calendar: "Run (warmed up already)")),
        Scenario(name: "a run after a warm-up: done, and how is the back?", happenings: [answeredNo, .session("warmup", day: 30, hour: 7, how: .full),
                                                                                          .run(day: 30, hour: 8, km: 8.2)],
                 day: 30, hour: 10,
                 expected: Expected(kind: "doneForToday", routine: nil, headline: "Run done today (8.2 km), with a warm-up first",
                                    questions: ["backAfterRun"], calendar: nil)),
        Scenario(name: "the day after a run: the back again", happenings: [answeredNo, .run(day: 29, hour: 8, km: 10), .back(day: 29, hour: 12, level: 2)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "dayOff", routine: "core", headline: "A day off running: time for Off-day core", questions: ["backAfterRun"],
                                    calendar: "Core: Off-day core")),
        Scenario(name: "core yesterday on a day off: rest, or run after a warm-up", happenings: [answeredNo, .session("core", day: 29, hour: 9, how: .full)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "rest", routine: "warmup", headline: "Core work was done yesterday", calendar: nil)),
        Scenario(name: "side planks last time: the plank variations today", happenings: [answeredNo, .session("core", day: 27, hour: 9, how: .full)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "dayOff", routine: "planks", headline: "A day off running: time for Plank variations", calendar: "Core: Plank variations")),
        Scenario(name: "three core days this week: rest", happenings: [answeredNo, .session("core", day: 23, hour: 9, how: .full),
                                                                       .session("planks", day: 25, hour: 9, how: .full), .session("core", day: 27, hour: 9, how: .full)],
                 day: 29, hour: 9,
                 expected: Expected(kind: "rest", routine: nil, headline: "Three core days this week already", calendar: nil)),
        Scenario(name: "soreness two days after a run: past normal, said first", happenings: [answeredNo, .run(day: 27, hour: 8, km: 10),
                                                                                             .back(day: 29, hour: 19, level: 4)],
                 day: 29, hour: 20,
                 expected: Expected(kind: "dayOff", routine: "core", headline: "A day off running: time for Off-day core", firstWarning: "pastNormal",
                                    calendar: "Core: Off-day core")),
        Scenario(name: "shoes past their limit: a warning, after a stop", happenings: [answeredNo, .shoes("Old", km: 900, day: 2),
                                                                                      .back(day: 30, hour: 7, level: 5, constant: true)],
                 day: 30, hour: 9,
                 expected: Expected(kind: "stopForPain", routine: nil, headline: "Rest: no running", firstWarning: "stopPain", calendar: "Rest, and see a healthcare provider")),
        Scenario(name: "shoes past 500 mi on a day off", happenings: [answeredNo, .shoes("Old", km: 900, day: 2)], day: 30, hour: 9,
                 expected: Expected(kind: "dayOff", routine: "core", headline: "A day off running: time for Off-day core", firstWarning: "shoeTop",
                                    calendar: "Core: Off-day core")),
    ]

    /// The quick routines the binary runs for the table's sessions: each a runner's own file standing in for
    /// the built-in one (same id, title and role), with steps of a second.
    public static let routines: [String: String] = [
        "warmup": "title: Pre-run warm-up\nrole: warmup\nsteps:\n  - name: Light aerobic\n    time: 1s\n  - name: Plank\n    time: 1s\n",
        "core": "title: Off-day core\nrole: core\nsteps:\n  - name: Side plank\n    time: 2s\n    sides: [left, right]\n",
        "planks": "title: Plank variations\nrole: core\nsteps:\n  - name: Forearm plank\n    time: 2s\n",
        "my-core": "title: My core\nrole: core\nsteps:\n  - name: Dead bug\n    time: 2s\n",
    ]
}

/// The tests' calendar: Monday-first weeks in UTC, as `TZ=UTC` gives the binary.
public let utcCalendar: Calendar = {
    var c = Calendar(identifier: .iso8601)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
}()

/// An hour of a day of November 2026 (UTC): the month the tests' runner lives through.
public func november(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    utcCalendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
}
