import ArgumentParser
import Foundation
import History
import RoutineKit
import RunnerLog
import RuncoreApp

/// `runcore log run|back|existing-pain|cleared`: what the runner tells runcore by hand.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Log a run, a back check-in, whether you have low-back pain already, or that a healthcare provider has seen you; undo the last.",
        subcommands: [LogRun.self, LogBack.self, LogExistingPain.self, LogCleared.self, LogUndo.self])
}

extension Context {
    /// `yyyy-MM-dd` as typed, checked; or today.
    func day(_ text: String?, what: String) throws -> String {
        guard let text else { return today }
        let t = text.lowercased()
        if t == "today" { return today }
        if t == "yesterday" { return CalendarDay.adding(-1, to: today) }
        guard CalendarDay.parts(text) != nil else {
            throw ValidationError("\(what) takes a day like 2026-11-28 (or today, yesterday); got '\(Out.shown(text))'")
        }
        return text
    }
}

struct LogRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Log a run by hand: runcore log run 8.2km --time 45m.")
    @Argument(help: ArgumentHelp("How far: 8.2km, 5mi, or a number in your units (config.yaml 'units', km unless it says mi).", valueName: "DISTANCE"))
    var distance: String
    @Option(help: ArgumentHelp("How long it took, like 45m, 1h5m, 25:30 or 1:05:00.", valueName: "TIME")) var time: String?
    @Option(help: ArgumentHelp("The shoe pair (default: the pair in use on the run's day).", valueName: "NAME")) var shoe: String?
    @Option(help: ArgumentHelp("The day, like 2026-11-28 (default: today).", valueName: "DAY")) var date: String?
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        let limits = context.limits(settings)
        let day = try context.day(date, what: "--date")
        let entry = try RunEntry.check(distance: distance, time: time, day: day, context: context, units: limits.units)
        let startedAt = day == context.today ? context.now : (CalendarDay.date(day, context.calendar) ?? context.now).addingTimeInterval(12 * 3600)
        var logged: Int64?
        let line: String = try context.writing { store in
            var pair: String?
            if let shoe {
                let shoes = try store.shoes()
                guard let found = shoes.first(where: { $0.key == Shoe.key(shoe) }) else {
                    let names = shoes.map { "\"\(Out.shown($0.name))\"" }.joined(separator: ", ")
                    Out.error("runcore: no shoe pair called \"\(Out.shown(shoe))\"\(names.isEmpty ? "; add it with: runcore shoes add NAME" : " (you have \(names))")")
                    throw ExitStatus(Exit.usage)
                }
                pair = found.name
            } else {
                pair = try store.shoesInUse(calendar: context.calendar).pair(on: day)
            }
            // The same distance on the same day already: kept all the same (two runs a day happen), and said.
            let twin = try store.runs().last { $0.day == day && abs($0.meters - entry.meters) < 50 }
            let added = try store.add(Run(startedAt: startedAt, day: day, meters: entry.meters, seconds: entry.seconds, shoe: pair), at: context.now)
            let number: Int64? = { if case .added(let n) = added { return n }; return nil }()
            logged = number
            let shoeText = try pair.map { " in \"\(Out.shown($0))\"" } ?? (store.shoes().isEmpty ? "" : " (no pair was in use that day)")
            var text = "Logged a run of \(limits.units.format(entry.meters))\(entry.seconds.map { " in " + DurationText.clock(Int($0)) } ?? "") on \(day)\(shoeText)\(number.map { " (run \($0))" } ?? "")."
            if let twin, let old = twin.id, let number {
                text += "\nYou had a run of \(limits.units.format(twin.meters)) on \(day) already (run \(old)); if this is the same run: runcore delete run \(number)"
            }
            return text
        }
        Out.line(line)
        TodayText.afterRunLogged(logged, context: context, settings: settings)
    }
}

/// A run as typed on the command line: `RunBounds.entry`, or a usage error (exit 64).
enum RunEntry {
    static func check(distance: String, time: String?, day: String, context: Context, units: Units) throws -> (meters: Double, seconds: Double?) {
        switch RunBounds.entry(distance: distance, time: time, day: day, today: context.today, units: units) {
        case .success(let v): return v
        case .failure(let p):
            Out.error("runcore: \(p.message)")
            throw ExitStatus(Exit.usage)
        }
    }
}

struct LogBack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "back", abstract: "A back check-in: how it feels, 0 (fine) to 10 (the worst).")
    @Argument(help: ArgumentHelp("How your back feels, 0 (fine) to 10 (the worst).", valueName: "0-10")) var level: Int
    @Option(name: .customLong("where"), help: ArgumentHelp("lower, middle or upper.", valueName: "PLACE")) var place: String?
    @Flag(help: "The pain spreads, e.g. into a buttock or down a leg.") var spreading = false
    @Flag(help: "The pain is there all the time, not only when you move.") var constant = false
    @Option(help: ArgumentHelp("A few words of your own.", valueName: "TEXT")) var note: String?
    @OptionGroup var data: DataOptions

    /// `--where` as typed, in any case.
    var where_: String? { place?.lowercased() }

    func validate() throws {
        guard (0...10).contains(level) else { throw ValidationError("a back check-in is 0 (fine) to 10 (the worst); got \(level)") }
        if let p = where_, !CheckIn.places.contains(p) { throw ValidationError("--where takes lower, middle or upper; got '\(Out.shown(place ?? ""))'") }
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        let id = try context.writing { store in
            try store.add(CheckIn(at: context.now, day: context.today, level: level, place: where_, spreading: spreading,
                                  constant: constant, note: note))
        }
        Out.line("Logged your back at \(level)/10\(where_.map { " (\($0))" } ?? "")\(spreading ? ", spreading" : "")\(constant ? ", constant" : "") (check-in \(id)).")
        TodayText.printWarnings(context: context, settings: settings, kinds: [.stopPain, .pastNormal, .rising])
    }
}

struct LogExistingPain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "existing-pain", abstract: "Answer once: do you have low-back pain already (yes or no)?")
    @Argument(help: ArgumentHelp("yes or no.", valueName: "ANSWER")) var answer: String
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard ["yes", "no"].contains(answer.lowercased()) else { throw ValidationError("answer yes or no; got '\(Out.shown(answer))'") }
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let yes = answer.lowercased() == "yes"
        try context.writing { try $0.setExistingPain(yes, at: context.now) }
        Out.line(yes ? BackRules.existingPainAnswer : "Noted: no low-back pain to start with. Stop and see a healthcare provider if pain is constant or spreads.")
    }
}

/// `runcore log cleared`: a healthcare provider has seen the runner. It lifts a stop for constant or spreading
/// pain logged before it, and the advice for low-back pain the runner already had.
struct LogCleared: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleared", abstract: "A healthcare provider has seen you: lifts a stop for pain and the advice to see a doctor first.")
    @Option(help: ArgumentHelp("A few words of your own (who, what they said).", valueName: "TEXT")) var note: String?
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        let before = context.verdictOrProblem(settings: settings, routines: nil).0
        try context.writing { store in
            try store.add(Clearance(at: context.now, day: context.today, note: note), at: context.now)
        }
        var lifted: [String] = []
        if before?.kind == .stopForPain { lifted.append("the stop for pain") }
        if before?.warnings.contains(where: { $0.kind == .existingPain }) == true { lifted.append("the advice to see a doctor before running") }
        Out.line("Noted: a healthcare provider has seen you" + (lifted.isEmpty ? "." : "; that lifts \(lifted.joined(separator: " and ")).")
                 + " Stop again at once if pain is constant or spreads.")
    }
}

/// `runcore log undo`: takes back the last thing logged (a run, a whole import, a back check-in, a shoe change)
/// and says what it was.
struct LogUndo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Take back the last thing logged (a run, an import, a back check-in, a shoe change), and say what it was.")
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        guard FileManager.default.fileExists(atPath: context.paths.historyFile.path) else {
            Out.line("Nothing to undo: nothing has been logged yet.")
            return
        }
        let units = context.limits(context.settings).units
        guard let removed = try context.writing({ try $0.undoLast() }) else {
            Out.line("Nothing to undo: no run, back check-in or shoe change is left in the log.")
            return
        }
        for line in Corrections.undone(removed, units: units, calendar: context.calendar) { Out.line(line) }
    }
}
