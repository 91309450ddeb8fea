import ActivityFiles
import ArgumentParser
import Foundation
import History
import RoutineFiles
import RoutineKit
import RunnerLog
import RuncoreApp

/// `runcore export ROUTINE --fit FILE`: the routine with your doses as a FIT workout for a watch;
/// `runcore export --ics FILE`: the week's plan as a calendar.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "A routine as a FIT workout for your watch (--fit), or the week's plan as a calendar (--ics).",
        discussion: """
            Copy the .fit file to the watch's NewFiles folder (GARMIN/NewFiles). Timed steps end by themselves; \
            reps and holds end when you press lap. An existing file is not replaced unless you add --force.
            """)
    @Argument(help: ArgumentHelp("The routine (for --fit): a built-in id, one of yours, or a .yaml file.", valueName: "NAME|FILE"))
    var routine: String?
    @Option(help: ArgumentHelp("Write the routine as a FIT workout file.", valueName: "FILE")) var fit: String?
    @Option(help: ArgumentHelp("Write the next seven days' plan as an iCalendar file.", valueName: "FILE")) var ics: String?
    @Flag(help: "Replace FILE if it exists.") var force = false
    @OptionGroup var doses: DoseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if fit == nil && ics == nil { throw ValidationError("say what to write: --fit FILE (a routine for a watch) or --ics FILE (the week's plan)") }
        if fit != nil && routine == nil { throw ValidationError("--fit needs a routine, like: runcore export warmup --fit warmup.fit") }
    }

    func run() throws {
        let launcher = common.launcher
        let context = launcher.context
        let settings = launcher.settings()
        if let fit, let name = routine {
            let routine = try context.routine(name)
            let planned = try launcher.timeline(for: routine, overrides: try doses.checked(), settings: settings)
            let steps = WorkoutSteps.build(routine.steps, params: planned.timeline.params)
            let created = UInt32(max(0, context.now.timeIntervalSince(FIT.epoch)))
            try write(FITWorkout.encode(name: routine.title, steps: steps, created: created), to: fit)
            Out.line("Wrote \(Out.shown(fit)): \(routine.title), \(plural(steps.count, "step")) (copy it to the watch's GARMIN/NewFiles folder).")
        }
        if let ics {
            let store = try context.openHistoryForReport()
            let log = try context.runnerLog(store)
            // A log with rows left out could hide a stop for pain: no calendar is written from it.
            if let store, !store.problems.isEmpty {
                Out.error("runcore: \(Out.shown(ics)) was not written: part of the history cannot be read, so a stop for pain could be missing")
                try reportProblems(store)
            }
            let routines = context.catalog.all().entries.map(\.routine)
            // The seven days as `today` decides each of them: one decision, the calendar only writes it down.
            let week = DayVerdict.week(log, context.coachSettings(settings, routines: routines), now: context.now, calendar: context.calendar)
            let totals = Dictionary(routines.map { ($0.id, launcher.plannedTotal($0, settings: settings)) }, uniquingKeysWith: { a, _ in a })
            try write(Array(CalendarText.week(week, totals: totals, stamp: context.now).utf8), to: ics)
            let runs = week.filter { if case .warmupAndRun = $0.plan { return true }; return false }.count
            let cores = week.filter { if case .core = $0.plan { return true }; return false }.count
            // What the file holds; a first day that holds training back says why (the days after may plan again).
            let planned = "\(plural(runs, "run")) with a warm-up first, \(plural(cores, "core day"))"
            let today = week.first.flatMap { day -> String? in if case .hold = day.plan { return day.headline }; return nil }
            let summary = switch (today, runs + cores) {
            case (let why?, 0): "no training planned: " + why
            case (let why?, _): planned + "; today none: " + why
            case (nil, _): planned + "."
            }
            Out.line("Wrote \(Out.shown(ics)): 7 days from \(week.first?.day ?? ""), " + summary)
        }
    }

    /// Writes `bytes` to `path` through a temporary file beside it (a short name of its own, so a long `path`
    /// still fits the file-name limit), whole or not at all. A path that is there already, a link to nothing
    /// included, is never replaced unless --force; --force replaces a regular file, or a link as a link (the
    /// file it pointed to is left alone), and never a FIFO, a socket, a device or a folder.
    func write(_ bytes: [UInt8], to path: String) throws {
        let shown = Out.shown(path)
        var st = stat()
        let exists = lstat(path, &st) == 0
        if exists {
            let type = st.st_mode & S_IFMT
            guard force else {
                Out.error("runcore: \(shown) exists; it was left as it is (add --force to replace it)")
                throw ExitStatus(Exit.usage)
            }
            guard type == S_IFREG || type == S_IFLNK else {
                let what = type == S_IFIFO ? "a FIFO" : type == S_IFSOCK ? "a socket" : type == S_IFDIR ? "a folder"
                    : type == S_IFCHR || type == S_IFBLK ? "a device" : "not a regular file"
                Out.error("runcore: \(shown) is \(what); it was left as it is (--force replaces a regular file or a link only)")
                throw ExitStatus(Exit.usage)
            }
        }
        func fail(_ why: String) -> Error {
            Out.error("runcore: \(shown): cannot be written (\(why))")
            return ExitStatus(Exit.ioError)
        }
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".runcore-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let why = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw fail(why)
            }
            offset += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw fail(why)
        }
        if exists {
            guard rename(temp, path) == 0 else {
                let why = String(cString: strerror(errno))
                unlink(temp)
                throw fail(why)
            }
            return
        }
        // Nothing there: a hard link puts the file in place only if the name is still free (something made in
        // the meantime is never replaced). Where links are not allowed, rename after one more look.
        if link(temp, path) == 0 {
            unlink(temp)
            return
        }
        let linkError = errno
        if linkError == EEXIST || lstat(path, &st) == 0 {
            unlink(temp)
            Out.error("runcore: \(shown) exists; it was left as it is (add --force to replace it)")
            throw ExitStatus(Exit.usage)
        }
        guard rename(temp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw fail(why)
        }
    }
}

/// A routine's steps as a watch workout: time steps for timed blocks, open steps (ended by lap) for reps and
/// holds, repeat steps for sets.
enum WorkoutSteps {
    typealias Step = FITWorkout.Step

    static func build(_ steps: [RoutineKit.Step], params: ParamValues) -> [Step] {
        var out: [Step] = []
        for step in steps { add(step, params: params, to: &out) }
        return out
    }

    static func seconds(_ v: Value<Int>?, _ p: ParamValues) -> Int { p.number(v) }

    static func list(_ v: Value<[String]>?, _ p: ParamValues) -> [String?] {
        guard let v else { return [nil] }
        switch v {
        case .literal(let l): return l
        case .param(let name):
            if case .list(let l)? = p.values[name] { return l }
            return [nil]
        }
    }

    static func timed(_ name: String, _ secs: Int, _ intensity: Step.Intensity, notes: String = "", exercise: (category: UInt16, name: UInt16)? = nil) -> Step? {
        secs > 0 ? Step(name: name, notes: notes, duration: .time(ms: UInt32(secs) * 1000), intensity: intensity, exercise: exercise) : nil
    }

    static func add(_ step: RoutineKit.Step, params p: ParamValues, to out: inout [Step]) {
        switch step {
        case .getReady(let v): if let s = timed("Get ready", seconds(v, p), .rest) { out.append(s) }
        case .rest(let v): if let s = timed("Rest", seconds(v, p), .rest) { out.append(s) }
        case .group(let g):
            let start = out.count
            for inner in g.steps { add(inner, params: p, to: &out) }
            repeatSets(from: start, sets: seconds(g.sets, p), rest: seconds(g.rest, p), to: &out)
        case .exercise(let e):
            let start = out.count
            let items = list(e.each, p)
            let exercise = fitExercise(e.figure)
            for (k, item) in items.enumerated() {
                let sides: [String?] = item.map { e.oneSided.contains($0) } == true || e.sides.isEmpty ? [nil] : e.sides
                if k > 0, let m = timed("Move: \(item ?? "")", seconds(e.move, p), .rest) { out.append(m) }
                for (i, side) in sides.enumerated() {
                    var name = e.name
                    if let item { name += ": " + item }
                    if let side { name += " (\(side))" }
                    switch e.work {
                    case .time(let v):
                        if let s = timed(name, seconds(v, p), .active, notes: e.cue, exercise: exercise) { out.append(s) }
                    case .reps(let v):
                        out.append(Step(name: name, notes: "\(seconds(v, p)) reps, then lap. " + e.cue, duration: .open, intensity: .active, exercise: exercise))
                    case .hold(let target):
                        let position = e.position.map { seconds($0, p) } ?? defaultHoldPosition
                        if let s = timed("Get into position", position, .rest, notes: e.cue) { out.append(s) }
                        let t = target.map { "target \(DurationText.clock(seconds($0, p))); " } ?? ""
                        out.append(Step(name: name, notes: "Hold, \(t)lap to stop. " + e.cue, duration: .open, intensity: .active, exercise: exercise))
                    }
                    if i + 1 < sides.count, let s = timed("Switch sides", seconds(e.switchTime, p), .rest) { out.append(s) }
                }
            }
            repeatSets(from: start, sets: seconds(e.sets, p), rest: seconds(e.rest, p), to: &out)
        }
    }

    /// Sets as FIT does them: the rest, then a step that repeats from `start` until done `sets` times.
    static func repeatSets(from start: Int, sets: Int, rest: Int, to out: inout [Step]) {
        guard sets > 1, start < out.count else { return }
        if let r = timed("Rest", rest, .rest) { out.append(r) }
        out.append(Step(name: "Repeat", duration: .repeatFrom(UInt16(start), times: UInt32(sets)), intensity: .active))
    }

    /// FIT's exercise category and name for the built-in figures (FIT profile: plank 19, squat 28,
    /// hip_stability 11).
    static func fitExercise(_ figure: String?) -> (category: UInt16, name: UInt16)? {
        guard let f = figure else { return nil }
        if f == "plank" { return (19, 43) }
        if f.hasPrefix("side-plank") { return (19, 66) }
        if f == "straight-arm-plank" { return (19, 92) }
        if f == "plank-leg-lift" { return (19, 133) }
        if f == "sumo-squat" { return (28, 69) }
        if f.hasPrefix("hip-openers") { return (11, 7) }
        return nil
    }
}
