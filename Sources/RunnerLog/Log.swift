import Foundation
import RoutineKit

/// Kilometres or miles: how distances are typed and shown (`units:` in config.yaml, km unless it says mi).
public enum Units: String, Sendable, CaseIterable {
    case km, mi

    public static let metersPerMile = 1609.344
    public var meters: Double { self == .km ? 1000 : Self.metersPerMile }

    /// A distance as typed: `8.2km`, `8.2 km`, `5mi`, `5 miles`, `800m`, or a bare number in these units.
    /// Nil for anything that is not a distance; how far a run may be is `RunBounds`' to say.
    public func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let number = t.prefix { $0.isNumber || $0 == "." }
        let unit = t.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value.isFinite else { return nil }
        let meters: Double
        switch unit {
        case "": meters = value * self.meters
        case "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers": meters = value * 1000
        case "mi", "mile", "miles": meters = value * Self.metersPerMile
        case "m", "metre", "metres", "meter", "meters": meters = value
        default: return nil
        }
        guard meters.isFinite, meters >= 0 else { return nil }
        return meters
    }

    /// `8.2 km`, `5.1 mi`: one decimal.
    public func format(_ meters: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f %@", meters / self.meters, rawValue)
    }

    /// A whole number of these units: `483 km`.
    public func whole(_ meters: Double) -> String { "\(Int((meters / self.meters).rounded())) \(rawValue)" }
}

/// One run: typed in, or imported from a watch's file.
public struct Run: Sendable, Equatable {
    public var id: Int64?
    public var startedAt: Date
    /// The runner's calendar day of the start, `yyyy-MM-dd`.
    public var day: String
    public var meters: Double
    /// Moving time (a watch's timer time, or the time spent moving in a GPX track), when known: pace uses it.
    public var seconds: Double?
    /// From start to finish, pauses included, when known.
    public var elapsedSeconds: Double?
    /// The shoe pair's name, when the run went to one.
    public var shoe: String?
    /// `manual` (typed in: only the day is sure) or `import`.
    public var source: String
    /// The file it came from, and the file's hash (imports only).
    public var file: String?
    public var fileHash: String?
    /// What the import noticed about the file (an activity type runcore does not know, say).
    public var note: String?
    /// Running form from the watch's records, when the file has it.
    public var form: RunForm

    public init(id: Int64? = nil, startedAt: Date, day: String, meters: Double, seconds: Double? = nil, elapsedSeconds: Double? = nil,
                shoe: String? = nil, source: String = "manual", file: String? = nil, fileHash: String? = nil, note: String? = nil,
                form: RunForm = RunForm()) {
        self.id = id
        self.startedAt = startedAt
        self.day = day
        self.meters = meters
        self.seconds = seconds
        self.elapsedSeconds = elapsedSeconds
        self.shoe = shoe
        self.source = source
        self.file = file
        self.fileHash = fileHash
        self.note = note
        self.form = form
    }

    /// Seconds a kilometre, from the moving time.
    public var secondsPerKm: Double? { seconds.map { $0 / (meters / 1000) } }
}

/// A pair of running shoes.
public struct Shoe: Sendable, Equatable {
    public var name: String
    /// The day it was bought (`yyyy-MM-dd`), when known.
    public var bought: String?
    /// Distance it had before runcore counted (metres).
    public var startMeters: Double
    /// The day it was retired, or nil while in use.
    public var retired: String?
    public var isDefault: Bool
    /// When it was added to runcore (nil in files from before runcore kept it).
    public var addedAt: Date?

    public init(name: String, bought: String? = nil, startMeters: Double = 0, retired: String? = nil, isDefault: Bool = false,
                addedAt: Date? = nil) {
        self.name = name
        self.bought = bought
        self.startMeters = startMeters
        self.retired = retired
        self.isDefault = isDefault
        self.addedAt = addedAt
    }

    /// What names are compared by: NFC, case folded. "Café" typed either way, or "CAFÉ", is one pair.
    public var key: String { Self.key(name) }

    public static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }

    /// A name as stored: NFC, without spaces around it.
    public static func stored(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
    }
}

/// How the back feels, said by the runner.
public struct CheckIn: Sendable, Equatable {
    public var id: Int64?
    public var at: Date
    public var day: String
    /// 0 (nothing) to 10 (the worst).
    public var level: Int
    /// `lower`, `middle` or `upper`.
    public var place: String?
    /// The pain spreads (radiates), e.g. down a leg.
    public var spreading: Bool
    /// The pain is there all the time, not only when moving.
    public var constant: Bool
    public var note: String?

    public static let places = ["lower", "middle", "upper"]

    public init(id: Int64? = nil, at: Date, day: String, level: Int, place: String? = nil, spreading: Bool = false, constant: Bool = false,
                note: String? = nil) {
        self.id = id
        self.at = at
        self.day = day
        self.level = level
        self.place = place
        self.spreading = spreading
        self.constant = constant
        self.note = note
    }
}

/// A "cleared" entry: a healthcare provider has seen the runner (`runcore log cleared`, or yes in the menu).
/// It lifts a stop for pain that came before it, and the advice for low-back pain the runner already had.
public struct Clearance: Sendable, Equatable {
    public var id: Int64?
    public var at: Date
    public var day: String
    public var note: String?

    public init(id: Int64? = nil, at: Date, day: String, note: String? = nil) {
        self.id = id
        self.at = at
        self.day = day
        self.note = note
    }
}

/// The runner's answer to "do you have low-back pain already?", and when it was given (nil for answers kept
/// before runcore noted the time).
public struct PainAnswer: Sendable, Equatable {
    public var yes: Bool
    public var at: Date?
    public init(yes: Bool, at: Date?) {
        self.yes = yes
        self.at = at
    }
}

/// A session as the rules read it: its routine's role, when, how it ended, and whether it counts.
public struct LoggedSession: Sendable, Equatable {
    public var id: Int64?
    public var startedAt: Date
    public var day: String
    public var routineID: String
    public var title: String
    public var role: Role?
    public var outcome: Outcome
    public var count: SessionCount

    public init(id: Int64? = nil, startedAt: Date, day: String, routineID: String, title: String = "", role: Role?,
                outcome: Outcome, count: SessionCount) {
        self.id = id
        self.startedAt = startedAt
        self.day = day
        self.routineID = routineID
        self.title = title.isEmpty ? routineID : title
        self.role = role
        self.outcome = outcome
        self.count = count
    }

    /// A session that counts, as a core day, a warm-up before a run, a day of a streak.
    public var counts: Bool { count.counts }
}

/// Everything the rules read, gathered once: runs, shoes, the back, what a provider cleared, the sessions and
/// the answers to the menu's questions.
public struct RunnerLog: Sendable {
    public var runs: [Run]
    public var shoes: [Shoe]
    public var checkIns: [CheckIn]
    public var clearances: [Clearance]
    /// Sessions in the window read, oldest first.
    public var sessions: [LoggedSession]
    /// Did the runner say they have low-back pain already? nil until asked.
    public var existingPain: PainAnswer?
    /// The questions already answered or passed over (their keys), so none is asked twice.
    public var asked: Set<String>

    public init(runs: [Run] = [], shoes: [Shoe] = [], checkIns: [CheckIn] = [], clearances: [Clearance] = [],
                sessions: [LoggedSession] = [], existingPain: PainAnswer? = nil, asked: Set<String> = []) {
        self.runs = runs.sorted { $0.startedAt < $1.startedAt }
        self.shoes = shoes
        self.checkIns = checkIns.sorted { $0.at < $1.at }
        self.clearances = clearances.sorted { $0.at < $1.at }
        self.sessions = sessions.sorted { $0.startedAt < $1.startedAt }
        self.existingPain = existingPain
        self.asked = asked
    }

    public var runDaySet: Set<String> { Set(runs.map(\.day)) }

    /// Warm-ups that count, oldest first.
    public var warmups: [LoggedSession] { sessions.filter { $0.role == .warmup && $0.counts && $0.outcome != .pain } }

    /// Days with a core session that counts (whether or not the runner also ran that day).
    public var coreDays: Set<String> { Set(sessions.filter { $0.role == .core && $0.counts }.map(\.day)) }

    /// Days with a session that counts, of any routine.
    public var activeDays: Set<String> { Set(sessions.filter(\.counts).map(\.day)) }

    /// The routine of the last core session that counts: the next core day takes another.
    public var lastCoreRoutine: String? { sessions.last { $0.role == .core && $0.counts }?.routineID }

    /// Whether a run had a warm-up before it: a warm-up that counts, begun on its day, before it (a run typed
    /// in has only its day, so any such warm-up that day counts).
    public func warmedUp(_ run: Run) -> Bool {
        warmups.contains { $0.day == run.day && (run.source == "manual" || $0.startedAt <= run.startedAt) }
    }

    /// Distance on a pair: its starting figure and every run logged in it.
    public func meters(on shoe: Shoe) -> Double {
        shoe.startMeters + runs(on: shoe).reduce(0) { $0 + $1.meters }
    }

    /// The runs on a pair (names compared as `Shoe.key` does).
    public func runs(on shoe: Shoe) -> [Run] {
        let key = shoe.key
        return runs.filter { $0.shoe.map(Shoe.key) == key }
    }

    /// The pair new runs go to.
    public var defaultShoe: Shoe? { shoes.first { $0.isDefault && $0.retired == nil } }

    /// Whether anything was cleared after `date`.
    public func cleared(after date: Date?) -> Clearance? {
        clearances.last { date == nil || $0.at > date! }
    }
}
