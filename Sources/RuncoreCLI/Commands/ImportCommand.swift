import ActivityFiles
import ArgumentParser
import Foundation
import RoutineKit
import RunnerLog
import RuncoreApp
import History
import TerminalUI

/// `runcore import PATH...`: runs from the files watches and apps write (FIT, GPX, TCX, each also .gz), from
/// files or whole folders (a Strava or Garmin export).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import runs from FIT, GPX or TCX files (also .gz), or folders of them.",
        discussion: """
            Runs already imported (same start time, or the same file) are skipped, as are activities that are not \
            runs and runs outside runcore's limits (before 1989, in the future, faster than any runner). A damaged \
            file gives what can be read, or one line naming it; the rest are imported either way. Exits 65 when a \
            file could not be read at all.
            """)
    @Argument(help: ArgumentHelp("Files or folders.", valueName: "PATH")) var paths: [String]
    @OptionGroup var data: DataOptions

    /// How long a write waits for a lock another program holds, counted from when it meets the lock.
    static let lockWait: TimeInterval = 30

    struct Tally {
        var imported = 0, meters = 0.0, already = 0, unreadable = 0, files = 0
        var notRuns: [String: Int] = [:]
        var refused: [RunBounds.Limit: Int] = [:]
        var onPair: [String: Int] = [:]
        var onNoPair = 0
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let units = context.limits(context.settings).units
        var tally = Tally()
        let walk = FileWalk(paths.map { RawPath(argument: $0) }) { ActivityFormat.of(String(decoding: $0, as: UTF8.self)) != nil }
        for line in walk.unreadable { Out.error(line) }
        for line in walk.passedOver { Out.error(line) }
        tally.unreadable += walk.unreadable.count
        let progress = Progress(total: walk.files.count, enabled: isatty(2) != 0 && walk.files.count >= 5)
        // Every run of this import is recorded at the same instant: `log undo` takes the import back as one.
        let importedAt = context.now
        let today = context.today
        var failure: HistoryError?
        var shoes: ShoesInUse?
        do {
            let store = try context.openWriter(lockWait: Self.lockWait)
            store.lockWait = Self.lockWait
            let inUse = try store.shoesInUse(calendar: context.calendar)
            for file in walk.files {
                progress.show(tally.files, file)
                tally.files += 1
                let name = file.shown
                let bytes: [UInt8]
                switch Self.read(file) {
                case .failure(let why):
                    progress.clear()
                    Out.error("\(name): \(why)")
                    tally.unreadable += 1
                    continue
                case .success(let b): bytes = b
                }
                switch ActivityReader.read(bytes, name: name) {
                case .failure(let e):
                    progress.clear()
                    Out.error(e.description)
                    tally.unreadable += 1
                case .success(let activities):
                    let hash = ActivityReader.fingerprint(bytes)
                    for (n, a) in activities.enumerated() {
                        guard a.sport.isRun else {
                            progress.clear()
                            Out.line("\(name): \(a.sport.name), not a run; skipped")
                            tally.notRuns[a.sport.name, default: 0] += 1
                            continue
                        }
                        guard let start = a.startedAt, let meters = a.meters, meters > 0 else {
                            progress.clear()
                            Out.error("\(name): \(a.startedAt == nil ? "no start time" : "no distance") in the file; skipped")
                            tally.unreadable += 1
                            continue
                        }
                        let day = CalendarDay.string(start, context.calendar)
                        if let problem = RunBounds.problem(meters: meters, seconds: a.seconds, day: day, today: today, units: units) {
                            progress.clear()
                            Out.error("\(name): not imported: \(problem.text)")
                            tally.refused[problem.limit, default: 0] += 1
                            continue
                        }
                        var notes: [String] = []
                        if let type = a.unknownType {
                            notes.append("activity type '\(type)' is not one runcore knows: taken as a run")
                        }
                        let elapsed = a.elapsedSeconds.flatMap { $0 >= 0 && $0 <= RunBounds.longestSeconds ? $0 : nil }
                        let shoe = inUse.pair(on: day)
                        let run = Run(startedAt: start, day: day, meters: meters, seconds: a.seconds, elapsedSeconds: elapsed, shoe: shoe,
                                      source: "import", file: file.text, fileHash: n == 0 ? hash : "\(hash)#\(n)",
                                      note: (notes + a.notes).isEmpty ? nil : (notes + a.notes).joined(separator: "; "),
                                      form: RunForm(cadence: a.form.cadence, stepLength: a.form.stepLength, groundContact: a.form.groundContact,
                                                    verticalOscillation: a.form.verticalOscillation, cadenceDrop: a.form.cadenceDrop))
                        switch try store.add(run, at: importedAt) {
                        case .added:
                            tally.imported += 1
                            tally.meters += meters
                            if let shoe { tally.onPair[shoe, default: 0] += 1 } else { tally.onNoPair += 1 }
                            if !notes.isEmpty || !a.notes.isEmpty { progress.clear() }
                            for note in notes { Out.line("\(name): \(note)") }
                            if !a.notes.isEmpty { Out.error("\(name): imported what could be read (\(a.notes.joined(separator: "; ")))") }
                        case .alreadyThere:
                            tally.already += 1
                        }
                    }
                }
            }
            progress.clear()
            shoes = inUse
        } catch let e as HistoryError {
            progress.clear()
            failure = e
        }
        if let failure {
            // What was imported before the failure is committed: said, with the summary of it.
            Out.error("runcore: \(failure); the import stopped here")
            Out.line(Self.summary(tally, units: units))
            throw ExitStatus(Exit.ioError)
        }
        Out.line(Self.summary(tally, units: units))
        if let shoes, tally.onNoPair > 0, !shoes.spans.isEmpty { Out.line(Self.shoeLine(tally, inUse: shoes)) }
        if tally.unreadable > 0 { throw ExitStatus(Exit.badData) }
    }

    struct Unread: Error, CustomStringConvertible { var description: String }

    /// A regular file's bytes, at most `ActivityReader.largest` (a device or a pipe is never read: /dev/zero
    /// would never end). Opened by its bytes.
    static func read(_ path: RawPath) -> Result<[UInt8], Unread> {
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(Unread(description: "cannot be read (\(FileWalk.reason(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Unread(description: "cannot be read (\(FileWalk.reason(errno)))")) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(Unread(description: "not a regular file; not read")) }
        guard Int(st.st_size) <= ActivityReader.largest else { return .failure(Unread(description: "over \(ActivityReader.largestText); not read")) }
        // Room for one byte more than the size said, to see the file end; a file that grows meanwhile gets more
        // room, up to the limit.
        var out = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while true {
            if count == out.count {
                guard count <= ActivityReader.largest else { return .failure(Unread(description: "over \(ActivityReader.largestText); not read")) }
                out += [UInt8](repeating: 0, count: min(count, ActivityReader.largest + 1 - count))
            }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Unread(description: "cannot be read (\(FileWalk.reason(errno)))"))
            }
            if n == 0 { break }
            count += n
        }
        out.removeLast(out.count - count)
        return .success(out)
    }

    /// "Imported 12 runs (98.4 km) from 15 files; 2 already there; 2 not runs (1 cycling, 1 walking); 1 unreadable."
    /// Runs refused by the limits are named when there are any ("2 refused (1 before 1989, 1 in the future)").
    static func summary(_ t: Tally, units: Units) -> String {
        var parts = ["Imported \(plural(t.imported, "run"))\(t.imported > 0 ? " (\(units.format(t.meters)))" : "") from \(plural(t.files, "file"))"]
        parts.append("\(t.already) already there")
        let notRuns = t.notRuns.values.reduce(0, +)
        parts.append("\(notRuns) not \(notRuns == 1 ? "a run" : "runs")" + (notRuns > 0 ? " (" + t.notRuns.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")" : ""))
        let refused = t.refused.values.reduce(0, +)
        if refused > 0 {
            let order = RunBounds.Limit.allCases
            parts.append("\(refused) refused (" + t.refused.sorted { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }
                .map { "\($0.value) \($0.key == .before1989 || $0.key == .future || $0.key == .notADay ? $0.key.rawValue : "out of range: \($0.key.rawValue)")" }
                .joined(separator: ", ") + ")")
        }
        parts.append("\(t.unreadable) unreadable")
        return parts.joined(separator: "; ") + "."
    }

    /// Where the imported runs went, when some went to no pair because none was in use on their day (older
    /// than the first pair, say): each pair, and how many went to none.
    static func shoeLine(_ t: Tally, inUse: ShoesInUse) -> String {
        var parts = t.onPair.sorted { $0.key < $1.key }.map { "\($0.value) on \"\(Out.shown($0.key))\"" }
        if t.onNoPair > 0 {
            let since = inUse.earliest.map { ": your first pair is in use from \($0)" } ?? ""
            parts.append("\(t.onNoPair) on no pair (no pair was in use on their day\(since); runcore shoes assign RUN_ID... NAME puts a run on one)")
        }
        return "Shoes: " + parts.joined(separator: "; ") + "."
    }

    /// A bar on standard error for a folder of many files, redrawn at most ten times a second, never wider
    /// than 40 columns.
    final class Progress {
        static let width = 40
        let total: Int
        let enabled: Bool
        var last = Date.distantPast
        var shown = false
        init(total: Int, enabled: Bool) {
            self.total = total
            self.enabled = enabled
        }

        /// ` 12/345 [███░░░░░░░░░] run-12.fit`, within `width` - 1 columns (the last column is left alone, so
        /// the terminal never wraps).
        static func line(_ done: Int, total: Int, name: String) -> String {
            let bar = 12
            let filled = total == 0 ? 0 : min(bar, done * bar / total)
            let line = " \(done)/\(total) [" + String(repeating: "█", count: filled) + String(repeating: "░", count: bar - filled) + "]"
            let room = width - 1 - DisplayWidth.columns(line) - 1
            guard room >= 2 else { return line }
            guard DisplayWidth.columns(name) > room else { return line + " " + name }
            var short = ""
            var used = 0
            for ch in name {
                let w = DisplayWidth.of(ch)
                if used + w > room - 1 { break }
                short.append(ch)
                used += w
            }
            return line + " " + short + "…"
        }

        func show(_ done: Int, _ file: RawPath) {
            guard enabled, Date().timeIntervalSince(last) >= 0.1 else { return }
            last = Date()
            Out.raw(2, "\r\u{1B}[K" + Self.line(done, total: total, name: RawPath.shown(file.name)))
            shown = true
        }

        func clear() {
            guard shown else { return }
            Out.raw(2, "\r\u{1B}[K")
            shown = false
            last = .distantPast
        }
    }
}
