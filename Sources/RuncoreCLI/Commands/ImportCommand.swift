import ActivityFiles
import ArgumentParser
import Foundation
import RoutineKit
import RunnerLog
import RuncoreApp
import History

/// `runcore import PATH...`: runs from the files watches and apps write (FIT, GPX, TCX, each also .gz), from
/// files or whole folders (a Strava or Garmin export).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import runs from FIT, GPX or TCX files (also .gz), or folders of them.",
        discussion: """
            Runs already imported (same start time, or the same file) are skipped, as are activities that are not \
            runs. A damaged file gives what can be read, or one line naming it; the rest are imported either way. \
            Exits 65 when a file could not be read at all.
            """)
    @Argument(help: ArgumentHelp("Files or folders.", valueName: "PATH")) var paths: [String]
    @OptionGroup var data: DataOptions

    /// Files larger than this are not activity files.
    static let largest = 256 << 20

    struct Tally {
        var imported = 0, meters = 0.0, already = 0, unreadable = 0, files = 0
        var notRuns: [String: Int] = [:]
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let units = context.limits(context.settings).units
        var tally = Tally()
        var files: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                Out.error("\(path): no such file or folder")
                tally.unreadable += 1
                continue
            }
            if isDir.boolValue {
                files += Self.activityFiles(in: path)
            } else {
                files.append(path)
            }
        }
        let progress = Progress(total: files.count, enabled: isatty(2) != 0 && files.count >= 5)
        try context.writing { store in
            let shoe = try store.shoes().first { $0.isDefault && $0.retired == nil }?.name
            for (i, file) in files.enumerated() {
                progress.show(i, file)
                tally.files += 1
                guard let bytes = Self.bytes(file) else {
                    progress.clear()
                    Out.error("\(file): cannot be read (\(Self.largestText))")
                    tally.unreadable += 1
                    continue
                }
                switch ActivityReader.read(bytes, name: file) {
                case .failure(let e):
                    progress.clear()
                    Out.error(e.description)
                    tally.unreadable += 1
                case .success(let activities):
                    let hash = ActivityReader.fingerprint(bytes)
                    for (n, a) in activities.enumerated() {
                        guard a.sport.isRun else {
                            progress.clear()
                            Out.line("\(file): \(a.sport.name), not a run; skipped")
                            tally.notRuns[a.sport.name, default: 0] += 1
                            continue
                        }
                        guard let start = a.startedAt, let meters = a.meters, meters > 0, meters < 1_000_000 else {
                            progress.clear()
                            Out.error("\(file): \(a.startedAt == nil ? "no start time" : "no distance") in the file; skipped")
                            tally.unreadable += 1
                            continue
                        }
                        let run = Run(startedAt: start, day: CalendarDay.string(start, context.calendar), meters: meters,
                                      seconds: a.seconds.flatMap { $0 > 0 && $0 < 86_400 * 7 ? $0 : nil }, shoe: shoe,
                                      source: "import", file: file, fileHash: n == 0 ? hash : "\(hash)#\(n)")
                        switch try store.add(run, at: context.now) {
                        case .added:
                            tally.imported += 1
                            tally.meters += meters
                            if !a.notes.isEmpty {
                                progress.clear()
                                Out.error("\(file): imported what could be read (\(a.notes.joined(separator: "; ")))")
                            }
                        case .alreadyThere:
                            tally.already += 1
                        }
                    }
                }
            }
        }
        progress.clear()
        Out.line(Self.summary(tally, units: units))
        if tally.unreadable > 0 { throw ExitStatus(Exit.badData) }
    }

    static let largestText = "not a regular file, unreadable, or over 256 MB"

    /// A regular file's bytes (a device or a pipe is never read: /dev/zero would never end).
    static func bytes(_ path: String) -> [UInt8]? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              attrs[.type] as? FileAttributeType == .typeRegular,
              (attrs[.size] as? NSNumber)?.intValue ?? 0 <= largest,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// Activity files under `folder`, in name order; other files (a CSV, photos) are passed over.
    static func activityFiles(in folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if ActivityFormat.of(rel) != nil { out.append((folder as NSString).appendingPathComponent(rel)) }
        }
        return out.sorted()
    }

    /// "Imported 12 runs (98.4 km) from 15 files; 2 already there; 2 not runs (1 cycling, 1 walking); 1 unreadable."
    static func summary(_ t: Tally, units: Units) -> String {
        var parts = ["Imported \(plural(t.imported, "run"))\(t.imported > 0 ? " (\(units.format(t.meters)))" : "") from \(plural(t.files, "file"))"]
        parts.append("\(t.already) already there")
        let notRuns = t.notRuns.values.reduce(0, +)
        parts.append("\(notRuns) not \(notRuns == 1 ? "a run" : "runs")" + (notRuns > 0 ? " (" + t.notRuns.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")" : ""))
        parts.append("\(t.unreadable) unreadable")
        return parts.joined(separator: "; ") + "."
    }

    /// A bar on standard error for a folder of many files, redrawn at most ten times a second.
    final class Progress {
        let total: Int
        let enabled: Bool
        var last = Date.distantPast
        var shown = false
        init(total: Int, enabled: Bool) {
            self.total = total
            self.enabled = enabled
        }
        func show(_ done: Int, _ file: String) {
            guard enabled, Date().timeIntervalSince(last) >= 0.1 else { return }
            last = Date()
            let width = 24
            let filled = total == 0 ? 0 : done * width / total
            let name = (file as NSString).lastPathComponent
            Out.raw(2, "\r\u{1B}[K importing \(done)/\(total) [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] " + Out.sanitized(String(name.prefix(30))))
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
