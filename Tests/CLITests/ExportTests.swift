import Foundation
import Testing
import TestSupport

/// Exports checked by the field's own readers: FIT workouts by Garmin's FIT SDK for Python, the week's plan by
/// the icalendar package.
@Suite("Exports")
struct ExportTests {
    struct Decoded: Decodable {
        struct Step: Decodable, Equatable {
            var name: String?
            var duration_type: String?
            var duration_ms: Int?
            var repeat_from: Int?
            var repeat_times: Int?
            var intensity: String?
            var notes: String?
        }
        var errors: [String]
        var file_type: String?
        var steps: [Step]
    }

    /// A workout file as Garmin's SDK decodes it.
    static func decode(_ path: String) throws -> Decoded {
        let json = try Oracle.python(Binary.fixtures.appendingPathComponent("decode_workout.py").path, [path])
        return try JSONDecoder().decode(Decoded.self, from: Data(json.utf8))
    }

    /// What a watch does with the steps: repeats run again until done, without the rest after the last set.
    static func expand(_ steps: [Decoded.Step]) -> [(name: String, ms: Int?)] {
        var out: [(String, Int?)] = []
        var i = 0
        var counts: [Int: Int] = [:]
        var guardSteps = 0
        while i < steps.count, guardSteps < 10_000 {
            guardSteps += 1
            let s = steps[i]
            if s.duration_type == "repeat_until_steps_cmplt", let from = s.repeat_from, let times = s.repeat_times {
                counts[i, default: 1] += 1
                if counts[i]! <= times {
                    i = from
                    continue
                }
                counts[i] = nil
                i += 1
                continue
            }
            // The rest just before a repeat is not taken after the last set.
            let next = i + 1 < steps.count ? steps[i + 1] : nil
            if s.name == "Rest", next?.duration_type == "repeat_until_steps_cmplt", (counts[i + 1] ?? 1) >= (next?.repeat_times ?? 0) {
                i += 1
                continue
            }
            out.append((s.name ?? "", s.duration_type == "time" ? s.duration_ms : nil))
            i += 1
        }
        return out
    }

    @Test(arguments: ["warmup", "core", "planks", "hold"])
    func eachBuiltInRoutineDecodesCleanlyWithTheSameSteps(routine: String) throws {
        let dir = TempDir()
        defer { dir.remove() }
        let path = dir.path + "/\(routine).fit"
        let r = try runcore(["export", routine, "--fit", path, "--data-dir", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try Oracle.python(Binary.fixtures.appendingPathComponent("decode_workout.py").path, [path])
        let decoded = try JSONDecoder().decode(Decoded.self, from: Data(json.utf8))
        #expect(decoded.errors.isEmpty, "\(decoded.errors)")
        #expect(decoded.file_type == "workout")
        // The plan as runcore runs it: every step, its length in ms (nil for reps and holds).
        let plan = try runcore(["plan", routine, "--plain", "--data-dir", dir.path]).stdout
        let planned = plan.split(separator: "\n").compactMap { line -> (String, Int?)? in
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count == 3, parts[0].contains(":"), parts[1].contains(":") || parts[1] == "~" || parts[1].hasPrefix("~") else { return nil }
            let m = parts[1].split(separator: ":").compactMap { Int($0) }
            let open = String(parts[2]).contains("reps") || String(parts[2]).contains("hold") || parts[1].hasPrefix("~")
            return (String(parts[2]), open || m.count != 2 ? nil : (m[0] * 60 + m[1]) * 1000)
        }
        let watch = Self.expand(decoded.steps)
        #expect(watch.count == planned.count, "\(watch.map(\.name)) against \(planned.map(\.0))")
        for (w, p) in zip(watch, planned) {
            #expect(w.ms == p.1, "\(w.name) \(String(describing: w.ms)) against \(p.0) \(String(describing: p.1))")
        }
        if let out = ProcessInfo.processInfo.environment["RUNCORE_FIT_OUT"], routine == "warmup" {
            let lines = decoded.steps.enumerated().map { i, s in
                "\(i). \(s.name ?? "") · \(s.duration_type ?? "")" + (s.duration_ms.map { " \($0 / 1000) s" } ?? "")
                    + (s.repeat_from.map { " from step \($0) × \(s.repeat_times ?? 0)" } ?? "") + " · \(s.intensity ?? "")"
            }
            try? lines.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    @Test func anExistingFileIsNotReplacedWithoutForce() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let path = dir.write("mine.fit", "not runcore's")
        let r = try runcore(["export", "core", "--fit", path, "--data-dir", dir.path])
        #expect(r.status == 64)
        #expect(r.stderr == "runcore: \(path) exists; it was left as it is (add --force to replace it)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not runcore's")
        #expect(try runcore(["export", "core", "--fit", path, "--force", "--data-dir", dir.path]).status == 0)
    }

    /// --force replaces a regular file, or a link as a link; never a FIFO or a device. A link to nothing is
    /// there already. A name near the file-name limit is written (the temporary name beside it is short).
    @Test func forceReplacesRegularFilesAndLinksOnly() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let fifo = dir.path + "/pipe.fit"
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try runcore(["export", "core", "--fit", fifo, "--force", "--data-dir", dir.path], timeout: 10)
        #expect(r.status == 64)
        #expect(r.stderr == "runcore: \(fifo) is a FIFO; it was left as it is (--force replaces a regular file or a link only)\n")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
        let device = try runcore(["export", "core", "--fit", "/dev/null", "--force", "--data-dir", dir.path])
        #expect(device.status == 64 && device.stderr.contains("/dev/null is a device"))

        let dangling = dir.path + "/dangling.fit"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.path + "/nowhere.fit")
        let kept = try runcore(["export", "core", "--fit", dangling, "--data-dir", dir.path])
        #expect(kept.status == 64 && kept.stderr.hasSuffix("exists; it was left as it is (add --force to replace it)\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/nowhere.fit"))

        // A link is replaced as a link: the file it pointed to is left alone.
        let target = dir.write("target.fit", "the runner's own file")
        let link = dir.path + "/link.fit"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try runcore(["export", "core", "--fit", link, "--force", "--data-dir", dir.path]).status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the runner's own file")
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
        #expect(try Self.decode(link).errors.isEmpty)

        let long = dir.path + "/" + String(repeating: "w", count: 250) + ".fit"
        let wrote = try runcore(["export", "core", "--fit", long, "--data-dir", dir.path])
        #expect(wrote.status == 0, "\(wrote.stderr)")
        #expect(try Self.decode(long).errors.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    struct Calendar: Decodable {
        struct Event: Decodable { var day: String; var end: String; var summary: String; var uid: String }
        var version: String
        var events: [Event]
    }

    /// The week: a warm-up before each run day (config.yaml's run-days), core on days without, side planks
    /// and plank variations in turn; read back by the icalendar package.
    @Test func theWeeksPlanReadsBackInICalendar() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("config.yaml", "run-days: [tue, thu, sat]\n")
        let path = dir.path + "/week.ics"
        // Monday 30 November 2026.
        let r = try runcore(["export", "--ics", path, "--data-dir", dir.path], environment: ["TZ": "UTC", "RUNCORE_NOW": "2026-11-30T08:00:00Z"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Wrote \(path): 7 days from 2026-11-30, 3 runs with a warm-up first, 3 core days.\n")
        let json = try Oracle.python(Binary.fixtures.appendingPathComponent("read_ics.py").path, [path])
        let cal = try JSONDecoder().decode(Calendar.self, from: Data(json.utf8))
        #expect(cal.version == "2.0")
        #expect(cal.events.map(\.day) == ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"])
        #expect(cal.events.map(\.summary) == [
            "Core: Off-day core (runcore core)", "Warm up, then run (runcore warmup)",
            "Core: Plank variations (runcore run planks)", "Warm up, then run (runcore warmup)",
            "Core: Off-day core (runcore core)", "Warm up, then run (runcore warmup)",
        ])
        #expect(cal.events.allSatisfy { $0.uid.hasPrefix("runcore-2026") })
        #expect(cal.events.first?.end == "2026-12-01")
    }
}

/// `runcore show`: the routine as a printed sheet.
@Suite("The routine sheet")
struct SheetTests {
    @Test func showCorePrintsEachExerciseWithItsFigureDoseAndCue() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let r = try runcore(["show", "core", "--data-dir", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("OFF-DAY CORE") && lines[0].hasSuffix("about 4:40"))
        #expect(lines.contains("Bring: a mat"))
        #expect(lines.contains { $0.hasPrefix("! Stop straight away if pain is constant or spreads") })
        #expect(lines.contains("1. Side plank · 3 sets: 0:30 each side (left, right), rest 0:30 between"))
        // The figure on the left, the cue beside it.
        #expect(lines.contains { $0.contains("▐  ●") && $0.contains("Elbow under shoulder") }, "\(r.stdout)")
        let warmup = try runcore(["show", "warmup", "--data-dir", dir.path]).stdout
        #expect(warmup.contains("Bring: a mat, a foam roller"))
        #expect(warmup.contains("4. Sumo squats · 12 reps"))
        #expect(warmup.contains("(moves: sumo squat, down and up)"))
        for group in ["calves", "quads", "hamstrings", "glutes"] { #expect(warmup.contains("Foam rolling: \(group) · 0:30 each side")) }
    }

    /// The plank variations are a circuit: its rounds and the rest between them said once, then each plank of a
    /// round with the rest that follows it, as the session runs them.
    @Test func showPlanksDescribesTheCircuitAsItRuns() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let lines = try runcore(["show", "planks", "--sets", "3", "--data-dir", dir.path]).stdout.split(separator: "\n").map(String.init)
        let heads = lines.filter { $0.first?.isNumber == true || $0.hasPrefix("PLANK ROUND") }
        #expect(heads == [
            "PLANK ROUND · 3 rounds of the 4 exercises below, rest 0:30 between rounds",
            "1. Forearm plank · 0:30, then rest 0:10",
            "2. Side plank · 0:30 each side (left, right), then rest 0:10",
            "3. Straight-arm plank · 0:30, then rest 0:10",
            "4. Plank with leg lift · 0:30",
        ], "\(lines)")
    }
}
