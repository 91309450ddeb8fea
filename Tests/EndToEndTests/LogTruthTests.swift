import Foundation
import Testing
import TestSupport

/// A small GPX file: `points` points `step` metres apart, `every` seconds apart from `start` (ISO 8601, UTC).
func simpleGPX(start: String, points: Int = 5, step: Double = 100, every: Double = 30, type: String? = nil, lat: Double = 45.0) -> String {
    let t0 = ISO8601DateFormatter().date(from: start)!
    let f = ISO8601DateFormatter()
    var out = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"runcore tests\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk>"
    if let type { out += "<type>\(type)</type>" }
    out += "<trkseg>\n"
    for i in 0..<points {
        out += "<trkpt lat=\"\(lat + Double(i) * step / 111_195)\" lon=\"14.5\"><time>\(f.string(from: t0.addingTimeInterval(Double(i) * every)))</time></trkpt>\n"
    }
    return out + "</trkseg></trk></gpx>\n"
}

/// The log tells the truth: what was logged can be corrected, what is imported is what happened, and nothing
/// a reader cannot read is ever let in.
@Suite("The log tells the truth")
struct LogTruthTests {
    func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> [String: String] {
        ["TZ": "UTC", "RUNCORE_NOW": String(format: "2026-11-%02dT%02d:%02d:00Z", day, hour, minute)]
    }

    /// A typo taken back, a check-in, an import, shoe changes; a delete that names an id that is not there
    /// changes nothing; undo takes each back in turn, the import as a whole.
    @Test func deleteAndUndo() throws {
        let (fixtures, _) = try Oracle.activities()
        let dir = TempDir()
        defer { dir.remove() }
        var minute = 0
        func rc(_ args: [String], status: Int32 = 0) throws -> ProcessResult {
            minute += 1
            let r = try runcore(args + ["--data-dir", dir.path], environment: at(20, 9, minute))
            #expect(r.status == status, "\(args): \(r.stderr)")
            return r
        }
        #expect(try rc(["shoes", "add", "Pegasus", "--bought", "2026-10-01"]).stdout.hasPrefix("Added \"Pegasus\", bought 2026-10-01."))
        #expect(try rc(["log", "run", "50"]).stdout.hasPrefix("Logged a run of 50.0 km on 2026-11-20 in \"Pegasus\" (run 1)."))
        #expect(try rc(["log", "undo"]).stdout == "Undone: run 1: 2026-11-20, 50.0 km, \"Pegasus\", typed in.\n")
        #expect(try rc(["log", "run", "5", "--time", "25:30"]).stdout.hasPrefix("Logged a run of 5.0 km in 25:30 on 2026-11-20 in \"Pegasus\" (run 2)."))
        #expect(try rc(["log", "back", "3", "--where", "Lower"]).stdout.hasPrefix("Logged your back at 3/10 (lower) (check-in 1)."))
        #expect(try rc(["import", fixtures + "/month/run-01.fit", fixtures + "/month/run-03.fit"]).stdout.hasPrefix("Imported 2 runs"))
        #expect(try rc(["shoes", "rename", "pegasus", "Pegasus 41"]).stdout == "Renamed \"Pegasus\" to \"Pegasus 41\"; its runs went with it.\n")
        let runs = try rc(["history", "--of", "runs"]).stdout.split(separator: "\n").map(String.init)
        #expect(runs.count == 4, "\(runs)")
        #expect(runs[1].hasPrefix(" 2  2026-11-20            5.0 km     25:30         –   5:06/km  Pegasus 41"), "\(runs)")
        #expect(try rc(["history", "--of", "back"]).stdout.hasPrefix(" 1  2026-11-20 09:05  back 3/10 lower"))

        // All or nothing: run 99 is not there, so run 2 stays.
        let none = try rc(["delete", "run", "2", "99"], status: 64)
        #expect(none.stderr == "runcore: no run 99 (runcore history --of runs shows the ids); nothing was deleted\n")
        #expect(try rc(["delete", "run", "2"]).stdout == "Deleted run 2: 2026-11-20, 5.0 km in 25:30, \"Pegasus 41\", typed in.\n")

        #expect(try rc(["log", "undo"]).stdout == "Undone: renaming \"Pegasus\" to \"Pegasus 41\": its old name is back.\n")
        #expect(try rc(["log", "undo"]).stdout == "Undone: the last import, 2 runs (18.2 km, 2026-11-02 to 2026-11-06), runs 3 to 4. Import the files again to bring them back.\n")
        #expect(try rc(["log", "undo"]).stdout == "Undone: back check-in 1: 2026-11-20 09:05, 3/10 lower.\n")
        #expect(try rc(["log", "undo"]).stdout == "Undone: adding the pair \"Pegasus\".\n")
        #expect(try rc(["log", "undo"]).stdout == "Nothing to undo: no run, back check-in or shoe change is left in the log.\n")
        #expect(try rc(["history", "--of", "runs"]).stdout.hasPrefix("No runs yet."))
        #expect(try rc(["shoes"]).stdout.hasPrefix("No shoes yet."))

        // A session goes with its steps and holds.
        dir.write("routines/quick.yaml", "title: Quick\nsteps:\n  - name: Plank\n    time: 1s\n")
        _ = try rc(["run", "quick", "--plain"])
        #expect(try rc(["history"]).stdout.hasPrefix("    1  2026-11-20 09:"))
        #expect(try rc(["delete", "session", "1"]).stdout.hasPrefix("Deleted session 1: 2026-11-20 09:"))
        #expect(try rc(["history"]).stdout.isEmpty)
        #expect(sqlite(dir.path + "/history.sqlite", "SELECT count(*) FROM block") == "0")
    }

    /// What an older runcore let in (a run of 169 hours) makes every reader name it and say how to remove it;
    /// `delete` removes it by id although no reader can read it.
    @Test func aRowNoReaderCanReadIsDeletedById() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(20, 9)
        #expect(try runcore(["log", "run", "5", "--data-dir", dir.path], environment: env).status == 0)
        let db = dir.path + "/history.sqlite"
        _ = sqlite(db, "INSERT INTO run (started_at, day, meters, seconds, source, recorded_at) VALUES ('2026-11-19 12:00:00.000', '2026-11-19', 50000, 608400, 'manual', '2026-11-19 12:00:00.000')")
        let problem = "history.sqlite: run 2: a time of 169:00:00 is longer than a week (168:00:00), the longest run runcore keeps; runcore delete run 2 removes it\n"
        for command in [["history", "--of", "runs"], ["stats"], ["today"], ["shoes"]] {
            let r = try runcore(command + ["--data-dir", dir.path], environment: env)
            #expect(r.status == 74, "\(command)")
            #expect(r.stderr.hasSuffix(problem), "\(command): \(r.stderr)")
        }
        let deleted = try runcore(["delete", "run", "2", "--data-dir", dir.path], environment: env)
        #expect(deleted.stdout == "Deleted run 2: 2026-11-19, 50.0 km in 169:00:00, typed in.\n", "\(deleted.stderr)")
        let after = try runcore(["history", "--of", "runs", "--data-dir", dir.path], environment: env)
        #expect(after.status == 0 && after.stderr.isEmpty)
    }

    /// One set of limits: each edge through `log run` (one side accepted and read back, the other refused), and
    /// the same edges written straight into the file, read or named by the reader.
    @Test(arguments: [
        ("1m", "1s", "2026-11-10", true), ("0.9m", "1s", "2026-11-10", false),
        ("1000km", "168h", "2026-11-10", true), ("1000.01km", "168h", "2026-11-10", false),
        ("200km", "168h", "2026-11-10", true), ("200km", "168h0m1s", "2026-11-10", false),
        ("10km", "15:00", "2026-11-10", true), ("10km", "14:59", "2026-11-10", false),
        ("1km", "1:00:00", "2026-11-10", true), ("1km", "1:00:01", "2026-11-10", false),
        ("5km", "25:00", "1989-01-01", true), ("5km", "25:00", "1988-12-31", false),
        ("5km", "25:00", "2026-11-20", true), ("5km", "25:00", "2026-11-21", false),
    ])
    func eachLimitThroughLogAndTheReader(distance: String, time: String, day: String, inside: Bool) throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(20, 9)
        let logged = try runcore(["log", "run", distance, "--time", time, "--date", day, "--data-dir", dir.path], environment: env)
        #expect(logged.status == (inside ? 0 : 64), "\(distance) \(time) \(day): \(logged.stderr)")
        if inside {
            let read = try runcore(["history", "--of", "runs", "--csv", "--data-dir", dir.path], environment: env)
            #expect(read.status == 0 && read.stderr.isEmpty, "\(read.stderr)")
            #expect(read.stdout.contains(",\(day),"))
        } else {
            #expect(logged.stderr.hasPrefix("runcore: not logged: "), "\(logged.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/history.sqlite")
                    || sqlite(dir.path + "/history.sqlite", "SELECT count(*) FROM run") == "0")
        }
    }

    @Test func theReaderReadsExactlyWhatTheLimitsAllow() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(20, 9)
        #expect(try runcore(["shoes", "add", "X", "--data-dir", dir.path], environment: env).status == 0)
        let db = dir.path + "/history.sqlite"
        // (meters, seconds, day): each pair of rows straddles one limit.
        let rows: [(Double, Double, String, Bool)] = [
            (1, 1, "2026-11-10", true), (0.99, 1, "2026-11-10", false),
            (1_000_000, 604_800, "2026-11-10", true), (1_000_001, 604_800, "2026-11-10", false),
            (200_000, 604_800, "2026-11-10", true), (200_000, 604_801, "2026-11-10", false),
            (10_000, 900, "2026-11-10", true), (10_000, 899, "2026-11-10", false),
            (1000, 3600, "2026-11-10", true), (1000, 3601, "2026-11-10", false),
            (5000, 1500, "1989-01-01", true), (5000, 1500, "1988-12-31", false),
        ]
        for (m, s, d, _) in rows {
            _ = sqlite(db, "INSERT INTO run (started_at, day, meters, seconds, source, recorded_at) VALUES ('\(d) 12:00:00.000', '\(d)', \(m), \(s), 'manual', '2026-11-20 09:00:00.000')")
        }
        let r = try runcore(["history", "--of", "runs", "--csv", "--data-dir", dir.path], environment: env)
        #expect(r.status == 74)
        let named = r.stderr.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: ": run ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(named.sorted() == rows.enumerated().filter { !$0.element.3 }.map { $0.offset + 1 }, "\(r.stderr)")
        #expect(r.stdout.split(whereSeparator: \.isNewline).count == 1 + rows.filter(\.3).count)
    }

    /// An old history imported after a new pair: runs from the day the pair was bought go to it, older ones to
    /// none, and the import says how many. A pair already past the limits is warned about as it is added.
    @Test func anOldHistoryAndANewPair() throws {
        let (fixtures, _) = try Oracle.activities()
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(29, 9)
        let added = try runcore(["shoes", "add", "Pegasus 40", "--bought", "2026-11-15", "--start", "400km", "--data-dir", dir.path], environment: env)
        #expect(added.stdout == "Added \"Pegasus 40\" at 400.0 km, bought 2026-11-15. New runs from 2026-11-15 on go to it.\n")
        let imported = try runcore(["import", fixtures + "/month", "--data-dir", dir.path], environment: env)
        #expect(imported.stdout.hasSuffix("""
            Imported 12 runs (101.3 km) from 15 files; 0 already there; 3 not runs (1 cycling, 1 swimming, 1 walking); 0 unreadable.
            Shoes: 6 on "Pegasus 40"; 6 on no pair (no pair was in use on their day: your first pair is in use from 2026-11-15; runcore shoes assign RUN_ID... NAME puts a run on one).

            """), "\(imported.stdout)")
        let shoes = try runcore(["shoes", "--data-dir", dir.path], environment: env).stdout
        #expect(shoes.contains("Pegasus 40 *  452.5 km      6  14 days"), "\(shoes)")
        #expect(!shoes.contains("past your"))
        // An old pair with many miles before runcore: said at once.
        let old = try runcore(["shoes", "add", "Old", "--bought", "2023-05-01", "--start", "810km", "--data-dir", dir.path], environment: env)
        #expect(old.stdout.contains("! Shoes \"Old\" have 810 km (503 mi): past 500 mi, the top of the 300–500 mi a pair lasts."), "\(old.stdout)")
        #expect(old.stdout.contains("! Shoes \"Old\" were bought 3 years ago (2023-05-01)"))
        // The runs already on no pair since that day are named, not moved.
        #expect(old.stdout.contains("6 runs since 2023-05-01 are on no pair; to put them on this one: runcore shoes assign "), "\(old.stdout)")
        #expect(old.stdout.contains(" \"Old\"\n"))
        // A run put on a pair by hand, and taken off again.
        let csv = try runcore(["history", "--of", "runs", "--csv", "--data-dir", dir.path], environment: env).stdout
        let oldest = try #require(csv.split(separator: "\r\n").dropFirst().last?.split(separator: ",").first)
        #expect(try runcore(["shoes", "assign", String(oldest), "old", "--data-dir", dir.path], environment: env).stdout == "1 run now on \"Old\".\n")
        #expect(try runcore(["shoes", "assign", String(oldest), "--none", "--data-dir", dir.path], environment: env).stdout == "1 run now on no pair.\n")
        // The pair's own name in what is said, however it was typed.
        #expect(try runcore(["shoes", "retire", "OLD", "--data-dir", dir.path], environment: env).stdout == "Retired \"Old\". Its runs stay in your log.\n")
        #expect(try runcore(["log", "undo", "--data-dir", dir.path], environment: env).stdout == "Undone: retiring \"Old\": it is in use again.\n")
    }

    /// "Café" typed in NFC or NFD, or in capitals, is one pair.
    @Test func namesAreOnePairHoweverTyped() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(20, 9)
        #expect(try runcore(["shoes", "add", "Caf\u{E9}", "--data-dir", dir.path], environment: env).status == 0)
        let again = try runcore(["shoes", "add", "Cafe\u{301}", "--data-dir", dir.path], environment: env)
        #expect(again.status == 64 && again.stderr.hasPrefix("runcore: you have a pair called"))
        #expect(try runcore(["log", "run", "5", "--shoe", "CAF\u{C9}", "--data-dir", dir.path], environment: env).stdout.contains("in \"Caf\u{E9}\""))
        let shoes = try runcore(["shoes", "--data-dir", dir.path], environment: env).stdout.split(separator: "\n")
        #expect(shoes.filter { $0.hasPrefix("Caf") }.count == 1)
        #expect(shoes.contains { $0.contains("5.0 km") && $0.contains("      1  ") })
    }

    /// Runs dated before 1989 or after today are refused, each named, and counted in the summary.
    @Test func importRefusesWhatNoReaderWouldRead() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("in/old.gpx", simpleGPX(start: "1985-06-01T07:00:00Z"))
        dir.write("in/ahead.gpx", simpleGPX(start: "2031-06-01T07:00:00Z"))
        dir.write("in/fast.gpx", simpleGPX(start: "2026-11-02T07:00:00Z", step: 1000, every: 30))
        dir.write("in/good.gpx", simpleGPX(start: "2026-11-03T07:00:00Z"))
        let r = try runcore(["import", dir.path + "/in", "--data-dir", dir.path], environment: at(20, 9))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Imported 1 run (0.4 km) from 4 files; 0 already there; 0 not runs; 3 refused (1 out of range: pace, 1 before 1989, 1 in the future); 0 unreadable.\n", "\(r.stdout)")
        #expect(r.stderr.contains("in/old.gpx: not imported: 1985-06-01 is before 1989\n"))
        #expect(r.stderr.contains("in/ahead.gpx: not imported: 2031-06-01 is in the future\n"))
        #expect(r.stderr.contains("in/fast.gpx: not imported: 4.0 km in 2:00 is 0:30 per km: faster than 1:30 per km, beyond any runner\n"))
    }

    /// A lock another program takes in the middle of an import, for longer than the 5 s that once ended it,
    /// is waited out: every file imported, the counts true. Two imports of one folder at once count each file
    /// once between them.
    @Test func aLockMidImportIsWaitedOut() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let files = 1000
        for n in 0..<files {
            let start = String(format: "%04d-%02d-%02dT07:00:00Z", 2023 + n / 336, 1 + (n / 28) % 12, 1 + n % 28)
            dir.write("many/\(1000 + n).gpx", simpleGPX(start: start, points: 3))
        }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", Binary.fixtures.appendingPathComponent("hold_lock.py").path, dir.path + "/history.sqlite", "6"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        // The import starts once the holder watches (on tmpfs 300 files were in before Python was up).
        var said = ""
        while !said.contains("ready\n") {
            let more = out.fileHandleForReading.availableData
            if more.isEmpty { break }
            said += String(decoding: more, as: UTF8.self)
        }
        #expect(said.hasPrefix("ready\n"))
        let r = try runcore(["import", dir.path + "/many", "--data-dir", dir.path], environment: at(29, 9), timeout: 120)
        holder.waitUntilExit()
        let rest = said.dropFirst("ready\n".count) + String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let atLock = Int(rest.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(holder.terminationStatus == 0)
        // The lock came after the first run and before the last.
        #expect(atLock.map { $0 > 0 && $0 < files } == true, "runs committed when the lock was taken: \(String(describing: atLock))")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Imported \(files) runs"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("from \(files) files; 0 already there; 0 not runs; 0 unreadable.\n"))
        #expect(sqlite(dir.path + "/history.sqlite", "SELECT count(*) FROM run") == "\(files)")

        // Two imports of the same folder at once, into a new history.
        let other = TempDir()
        defer { other.remove() }
        let command = "\(Binary.path) import \(dir.path)/many --data-dir \(other.path)"
        let both = try runcore(["-c", "\(command) > \(other.path)/a.txt & \(command) > \(other.path)/b.txt; wait"], environment: at(29, 9),
                               timeout: 120, shell: true)
        #expect(both.status == 0, "\(both.stderr)")
        var imported = 0, already = 0
        for name in ["a.txt", "b.txt"] {
            let line = try String(contentsOfFile: other.path + "/" + name, encoding: .utf8)
            #expect(line.contains("from \(files) files;"), "\(line)")
            let words = line.split(separator: " ")
            imported += Int(words[1]) ?? -1
            already += Int(words[words.firstIndex(of: "already")! - 1]) ?? -1
        }
        #expect(imported == files && already == files)
    }

    /// `import … | head -1`: the reader goes after one line; the import goes on to the end.
    @Test func aClosedOutputStopsThePrintingNotTheImport() throws {
        let dir = TempDir()
        defer { dir.remove() }
        for n in 0..<30 {
            // A type runcore does not know: a line each, on standard output.
            dir.write("in/\(n).gpx", simpleGPX(start: String(format: "2026-11-%02dT07:00:00Z", 1 + n % 28).replacingOccurrences(of: "T07", with: "T\(String(format: "%02d", 6 + n / 28))"), type: "Parkour"))
        }
        let r = try runcore(["-c", "\(Binary.path) import \(dir.path)/in --data-dir \(dir.path) | head -1"], environment: at(29, 9), shell: true)
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stdout.hasSuffix("activity type 'Parkour' is not one runcore knows: taken as a run\n"))
        #expect(eventually({ sqlite(dir.path + "/history.sqlite", "SELECT count(*) FROM run") }, until: { $0 == "30" }) == "30")
    }

    /// Links to files and folders are followed; a loop and a link to nothing are named; a file name that is not
    /// UTF-8 is opened by its bytes; a name with a line break cannot forge a line; a folder nobody may read is
    /// named and the import exits 65.
    @Test func linksOddNamesAndUnreadableFolders() throws {
        let dir = TempDir()
        defer { dir.remove() }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        dir.write("elsewhere/a.gpx", simpleGPX(start: "2026-11-01T07:00:00Z"))
        dir.write("elsewhere/folder/b.gpx", simpleGPX(start: "2026-11-02T07:00:00Z"))
        dir.write("in/c.gpx", simpleGPX(start: "2026-11-03T07:00:00Z"))
        dir.write("in/x\nImported 99 runs.gpx", simpleGPX(start: "2026-11-04T07:00:00Z"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.path + "/in/link-to-a.gpx", withDestinationPath: dir.path + "/elsewhere/a.gpx")
        try fm.createSymbolicLink(atPath: dir.path + "/in/link-to-folder", withDestinationPath: dir.path + "/elsewhere/folder")
        try fm.createSymbolicLink(atPath: dir.path + "/in/sub", withDestinationPath: dir.path + "/in")
        try fm.createSymbolicLink(atPath: dir.path + "/in/gone.fit", withDestinationPath: dir.path + "/nowhere.fit")
        // A Latin-1 name: "café.gpx" with é as the single byte E9.
        var name = Array((dir.path + "/in/caf").utf8) + [0xE9] + Array(".gpx".utf8) + [0]
        let fd = name.withUnsafeMutableBufferPointer { p in p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT, 0o644) } }
        #expect(fd >= 0)
        let body = Array(simpleGPX(start: "2026-11-05T07:00:00Z").utf8)
        _ = body.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let r = try runcore(["import", dir.path + "/in", dir.path + "/link-nothing", "--data-dir", dir.path], environment: at(29, 9))
        #expect(r.stdout == "Imported 5 runs (2.0 km) from 5 files; 0 already there; 0 not runs; 2 unreadable.\n", "\(r.stdout)\n\(r.stderr)")
        #expect(r.status == 65)
        let errors = r.stderr.split(separator: "\n").map(String.init)
        #expect(errors.contains("\(dir.path)/link-nothing: no such file or folder"), "\(errors)")
        #expect(errors.contains("\(dir.path)/in/gone.fit: a link to nothing"))
        #expect(errors.contains("\(dir.path)/in/sub: a link back to \(dir.path)/in, a folder it is in (a loop); not followed"))
        let files = sqlite(dir.path + "/history.sqlite", "SELECT file FROM run ORDER BY started_at").split(separator: "\n").map(String.init)
        #expect(files.contains("\(dir.path)/in/caf\\xE9.gpx"), "\(files)")
        let table = try runcore(["history", "--of", "runs", "--data-dir", dir.path], environment: at(29, 9)).stdout
        #expect(table.contains("x\\nImported 99 runs.gpx"))
        #expect(!table.split(separator: "\n").contains { $0.hasPrefix("Imported") })

        // A folder nobody may read (as another user when the tests run as root, who reads everything).
        dir.write("locked/d.gpx", simpleGPX(start: "2026-11-06T07:00:00Z"))
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dir.path + "/locked")
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/locked") }
        let data = TempDir()
        defer { data.remove() }
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: data.path)
        // As root, the binary is copied where that user may run it (the build folder may be in root's home).
        var binary = Binary.path
        if getuid() == 0 {
            binary = data.path + "/runcore"
            try fm.copyItem(atPath: Binary.path, toPath: binary)
        }
        let asUser = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] : [binary]
        let locked = try runcore(["-c", (asUser + ["import", dir.path + "/locked", "--data-dir", data.path + "/history"]).map { "'\($0)'" }.joined(separator: " ")],
                                 environment: at(29, 9), shell: true)
        #expect(locked.status == 65, "\(locked.stderr)")
        #expect(locked.stderr == "\(dir.path)/locked: the folder cannot be read (Permission denied)\n")
        #expect(locked.stdout == "Imported 0 runs from 0 files; 0 already there; 0 not runs; 1 unreadable.\n")
    }

    /// The import's progress bar, as a terminal receives it: never wider than 40 columns.
    @Test func theProgressBarFitsFortyColumns() throws {
        let dir = TempDir()
        defer { dir.remove() }
        for n in 0..<40 {
            dir.write("in/a-very-long-file-name-from-an-export-\(n)-\(String(repeating: "x", count: 40)).gpx",
                      simpleGPX(start: String(format: "2026-11-%02dT07:00:00Z", 1 + n % 28).replacingOccurrences(of: "T07", with: "T\(String(format: "%02d", 6 + n / 28))")))
        }
        // `script` runs the import on a terminal and keeps every byte it was sent.
        let log = dir.path + "/typescript"
        let r = try runcore(["-c", "script -qec \"\(Binary.path) import \(dir.path)/in --data-dir \(dir.path)\" \(log) > /dev/null"],
                            environment: at(29, 9), timeout: 60, shell: true)
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        let bars = text.components(separatedBy: "\r\u{1B}[K").filter { $0.contains("[") && $0.contains("]") && !$0.contains("\n") }
        #expect(!bars.isEmpty, "\(text)")
        for bar in bars { #expect(bar.count <= 40, "\(bar.count) columns: \(bar)") }
        #expect(bars.first?.hasPrefix(" 0/40 [░░░░░░░░░░░░] a-very-long") == true, "\(bars)")
    }

    /// The menu's history page at 80×24 shows the weeks whole, cadence row included.
    @Test func theMenusHistoryPageFitsEightyColumns() throws {
        let (fixtures, _) = try Oracle.activities()
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(29, 9)
        #expect(try runcore(["log", "existing-pain", "no", "--data-dir", dir.path], environment: env).status == 0)
        #expect(try runcore(["import", fixtures + "/form/dynamics.fit", "--data-dir", dir.path], environment: env).status == 0)
        let t = Tmux(["--data-dir", dir.path], environment: env)
        defer { t.stop() }
        #expect(t.waitFor("Enter start", timeout: 10) != nil, "\(t.screen())")
        t.send("h")
        let page = try #require(t.waitFor("Back (worst 0-10)", timeout: 5), "\(t.screen())")
        let lines = page.split(separator: "\n").map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        #expect(lines.contains { $0.hasPrefix(" Week of") && $0.hasSuffix("16 Nov 23 Nov") }, "\(page)")
        #expect(lines.contains { $0.hasPrefix(" Cadence (steps/min)") && $0.hasSuffix("176      ·") }, "\(page)")
        #expect(lines.contains { $0.hasPrefix(" Back (worst 0-10)") && $0.hasSuffix("·      ·") }, "\(page)")
        t.send("q")
        t.send("q")
    }

    /// Small things from a month of use.
    @Test func smallThings() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = at(20, 9)
        func rc(_ args: [String]) throws -> ProcessResult { try runcore(args + ["--data-dir", dir.path], environment: env) }
        #expect(try rc(["log", "run", "10", "--time", "1:05:00"]).stdout == "Logged a run of 10.0 km in 1:05:00 on 2026-11-20 (run 1).\nHow is your back after your run? runcore log back 0-10\n")
        // The same run typed twice is kept (two runs a day happen) and said; a run logged days after asks nothing.
        #expect(try rc(["log", "run", "10"]).stdout.contains("You had a run of 10.0 km on 2026-11-20 already (run 1); if this is the same run: runcore delete run 2\n"))
        #expect(try rc(["log", "run", "6", "--date", "2026-11-17"]).stdout == "Logged a run of 6.0 km on 2026-11-17 (run 3).\n")
        #expect(try rc(["delete", "run", "2", "3"]).status == 0)
        let rn = try rc(["log", "rn", "5"])
        #expect(rn.status == 64 && rn.stderr == "runcore: unknown command 'log rn'; did you mean 'log run'?\n")
        for (of, what) in [("runs", "runs"), ("back", "back check-ins"), ("sessions", "sessions")] {
            let r = try rc(["history", "--of", of, "--limit", "0"])
            #expect(r.status == 64 && r.stderr.hasPrefix("runcore: --limit takes how many \(what) to show, 1 or more (got 0)"), "\(r.stderr)")
        }
        // Usage errors show what was typed escaped: no line is forged, no escape reaches the terminal.
        let odd = try rc(["log", "back", "3", "--where", "lo\nwer\u{1B}[2J"])
        #expect(odd.status == 64)
        #expect(odd.stderr.hasPrefix("runcore: --where takes lower, middle or upper; got 'lo\\nwer\\x1B[2J'\n"), "\(odd.stderr)")
        // Every mistake in one style, a number below zero said as one.
        let negative = try rc(["log", "back", "-1"])
        #expect(negative.status == 64 && negative.stderr.hasPrefix("runcore: -1 is below zero, and nothing runcore takes can be\n") && negative.stderr.contains("Usage: runcore log back"), "\(negative.stderr)")
        #expect(try rc(["log", "run"]).stderr.hasPrefix("runcore: missing expected argument '<DISTANCE>'\n"))
        let badValue = try rc(["log", "back", "3\u{1B}]0;x\u{07}"])
        #expect(!badValue.stderr.contains("\u{1B}") && badValue.stderr.contains("3\\x1B]0;x\\x07"), "\(badValue.stderr)")
        let pair = try rc(["shoes", "add", "Peg\nasus"])
        #expect(pair.stdout.hasPrefix("Added \"Peg\\nasus\"."))
        #expect(try rc(["shoes"]).stdout.split(separator: "\n")[1].hasPrefix("Peg\\nasus *"))
        // JSON keeps the exact text.
        #expect(try rc(["history", "--of", "shoes", "--json"]).stdout.contains("\"name\": \"Peg\\nasus\""))
        // A note: escaped in the table; exact in JSON and in CSV written to a file or a pipe (on a terminal,
        // CSV passes the sanitiser: FaultTests).
        #expect(try rc(["log", "back", "2", "--note", "a\u{1B}[1mb\nc"]).status == 0)
        #expect(try rc(["history", "--of", "back"]).stdout.contains("  “a\\x1B[1mb\\nc”\n"))
        #expect(try rc(["history", "--of", "back", "--json"]).stdout.contains("\"note\": \"a\\u001b[1mb\\nc\""))
        #expect(try rc(["history", "--of", "back", "--csv"]).stdout.hasSuffix(",\"a\u{1B}[1mb\nc\"\r\n"))
    }
}
