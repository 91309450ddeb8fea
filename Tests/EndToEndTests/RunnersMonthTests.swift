import Foundation
import Testing
import TestSupport

/// A runner's November, replayed through the binary on a fixed calendar (UTC): runs synced from the watch
/// day by day (files written by Garmin's FIT SDK, gpxpy and to the TCX schema), two pairs of shoes, back
/// check-ins, warm-ups before most runs and core on days off. `today`, `stats` and `shoes` read as they should
/// on the days that matter.
@Suite("A runner's month")
struct RunnersMonthTests {
    @Test func aMonthReadsRightOnTheDaysThatMatter() throws {
        let (fixtures, _) = try Oracle.activities()
        let dir = TempDir()
        defer { dir.remove() }
        // The runner's own quick routines stand in for the built-in ones; their role makes them count.
        dir.write("routines/warmup.yaml", "title: Pre-run warm-up\nrole: warmup\nsteps:\n  - name: Plank\n    time: 1s\n")
        dir.write("routines/core.yaml", "title: Off-day core\nrole: core\nsteps:\n  - name: Side plank\n    time: 1s\n")
        var transcript = ""
        func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> [String: String] {
            ["TZ": "UTC", "RUNCORE_NOW": String(format: "2026-11-%02dT%02d:%02d:00Z", day, hour, minute)]
        }
        @discardableResult
        func rc(_ args: [String], day: Int, hour: Int = 20, minute: Int = 0, status: Int32 = 0) throws -> String {
            let r = try runcore(args + ["--data-dir", dir.path], environment: at(day, hour, minute))
            #expect(r.status == status, "\(args) on the \(day)th: \(r.stderr)")
            transcript += "$ runcore \(args.joined(separator: " "))   # 2026-11-\(day)\n" + r.stdout + r.stderr
            return r.stdout
        }
        func session(_ routine: String, day: Int, hour: Int, minute: Int = 0) throws {
            let r = try runcore([routine, "--plain", "--data-dir", dir.path], environment: at(day, hour, minute))
            #expect(r.status == 0, "\(routine) on the \(day)th: \(r.stderr)")
        }

        // The runner's answer to the first question, and their shoes.
        try rc(["log", "existing-pain", "no"], day: 1)
        try rc(["shoes", "add", "Pegasus", "--bought", "2025-12-01", "--start", "420km"], day: 1)
        // (day, file, warmed up first?) — the month's runs from the watch.
        let runs: [(Int, String, Bool)] = [(2, "run-01.fit", true), (4, "run-02.gpx", true), (6, "run-03.fit", true),
                                           (9, "run-04.tcx", false), (11, "run-05.fit.gz", true), (13, "run-06.gpx.gz", true),
                                           (16, "run-07.fit", true), (18, "run-08.fit", true), (20, "run-09.fit", true),
                                           (23, "run-10.fit", false), (25, "run-11.gpx", false), (27, "run-12.fit", true)]
        let coreDays = [3, 5, 10, 12, 16, 17, 19, 24, 26]   // the 16th is a run day: not a core day
        for day in 2...29 {
            if let (_, file, warm) = runs.first(where: { $0.0 == day }) {
                if warm { try session("warmup", day: day, hour: 6, minute: 45) }
                let out = try rc(["import", fixtures + "/month/" + file], day: day, hour: 9)
                #expect(out.hasPrefix("Imported 1 run"), "\(file): \(out)")
            }
            if coreDays.contains(day) { try session("core", day: day, hour: 18) }
            switch day {
            case 17:
                #expect(!(try rc(["today"], day: 17)).contains("Shoes"))
            case 18:
                // The run of the 18th takes the pair past 300 mi (482.8 km): the warning comes that day.
                let today = try rc(["today"], day: 18)
                #expect(today.contains("! Shoes \"Pegasus\" have 483 km (300 mi): past your 300 mi limit"))
                #expect(today.contains("→ Run done today (6.0 km), with a warm-up first."))
            case 19:
                try rc(["shoes", "retire", "Pegasus"], day: 19)
                try rc(["shoes", "add", "Trail", "--bought", "2026-11-19", "--default"], day: 19)
                #expect(!(try rc(["today"], day: 19)).contains("Shoes"))
            case 20: try rc(["log", "back", "2", "--where", "lower"], day: 20)
            case 21: try rc(["log", "back", "3", "--where", "lower"], day: 21)
            case 22:
                try rc(["log", "back", "4", "--where", "lower"], day: 22)
                let today = try rc(["today"], day: 22)
                #expect(today.contains("! Your back is still sore (4/10 today) 2 days after your run of 2026-11-20."))
                #expect(today.contains("! Your back has got worse three check-ins in a row (2 → 3 → 4)."))
            case 24: try rc(["log", "back", "1"], day: 24)
            case 25:
                let today = try rc(["today"], day: 25)
                #expect(today.contains("→ You ran today (6.6 km) without warming up first."))
                #expect(today.contains("  You ran without warming up 2 times this week."))
            case 26:
                // Spreading pain: the stop comes first on the day it is logged, before the advice.
                try rc(["log", "back", "6", "--spreading", "--note", "down the left leg"], day: 26)
                let lines = try rc(["today"], day: 26).split(separator: "\n").map(String.init)
                #expect(lines[1] == "  STOP: you said today that your back pain is spreading. Do not run or train; talk to a healthcare provider.")
                #expect(lines[2].hasPrefix("→ Rest: no running and no core session until a healthcare provider has seen you."))
            case 27:
                // A milder check-in does not lift the stop; a healthcare provider's go-ahead does.
                try rc(["log", "back", "1"], day: 27, hour: 8)
                #expect(try rc(["today"], day: 27, hour: 9).contains("Your check-in since (1/10 on 2026-11-27) does not lift the stop"))
                let cleared = try rc(["log", "cleared", "--note", "seen by a physio: fine"], day: 27, hour: 17)
                #expect(cleared.hasPrefix("Noted: a healthcare provider has seen you; that lifts the stop for pain."))
                // The clearance is in the back's history, with a word on its id (its own, apart from the check-ins').
                let back = try rc(["history", "--of", "back"], day: 27, hour: 18).split(separator: "\n").map(String.init)
                #expect(back.first?.hasSuffix("cleared by a healthcare provider  “seen by a physio: fine”") == true)
                #expect(back.last == "A clearance's id is its own, apart from the check-ins': runcore delete cleared ID takes one back.")
            case 29:
                // Sunday, no run, no core since the 26th: core work, the plank variations this time (side planks
                // were last).
                let today = try rc(["today"], day: 29, hour: 8)
                #expect(today.contains("→ A day off running: time for Plank variations (runcore run planks)."))
                #expect(today.contains("  Plank variations today: Off-day core was last time."))
                #expect(!today.contains("STOP"))
            default: break
            }
        }

        let shoes = try rc(["shoes"], day: 29).split(separator: "\n").map(String.init)
        #expect(shoes.contains { $0.hasPrefix("Trail *") && $0.contains("38.2 km") && $0.contains("    4  10 days") })
        #expect(shoes.contains { $0.hasPrefix("Pegasus") && $0.contains("483.1 km") && $0.hasSuffix("retired 2026-11-19") })

        let stats = try rc(["stats"], day: 29, hour: 8).split(separator: "\n").map(String.init)
        func row(_ label: String) -> String { stats.first { $0.hasPrefix(label) } ?? "" }
        #expect(row("Week of").hasSuffix("26 Oct  2 Nov  9 Nov 16 Nov 23 Nov"))
        #expect(row("Runs").hasSuffix("0      3      3      3      3"))
        #expect(row("Distance (km)").hasSuffix("0.0   23.7   25.1   28.3   24.2"))
        #expect(row("Warm-up first").hasSuffix("–    3/3    2/3    3/3    1/3"))
        #expect(row("Core days off run").hasSuffix("0    2 ✓    2 ✓    2 ✓    2 ✓"))
        #expect(row("Back (worst 0-10)").hasSuffix("·      ·      ·    ▃ 4   ▅ 6!"))
        #expect(row("Provider cleared").hasSuffix("·      ·      ·      ·    yes"))
        // Eight weeks fit 80 columns.
        #expect(stats.allSatisfy { $0.count <= 80 }, "\(stats)")

        // The whole folder again, as from a Strava export: every run is there already.
        let again = try rc(["import", fixtures + "/month"], day: 29)
        #expect(again.hasSuffix("Imported 0 runs from 15 files; 12 already there; 3 not runs (1 cycling, 1 swimming, 1 walking); 0 unreadable.\n"))
        if let path = ProcessInfo.processInfo.environment["RUNCORE_MONTH_TRANSCRIPT"] {
            try? transcript.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// The menu's questions, as a runner meets them: low-back pain once (with the advice, once), how far after a
    /// warm-up, the back after the run and the next day; a skipped question is not asked again.
    @Test func theMenuAsksAfterAWarmupAndARun() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("routines/warmup.yaml", "title: Pre-run warm-up\nrole: warmup\nsteps:\n  - name: Plank\n    time: 1s\n")
        func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> [String: String] {
            ["TZ": "UTC", "RUNCORE_NOW": String(format: "2026-11-%02dT%02d:%02d:00Z", day, hour, minute)]
        }
        let warm = try runcore(["warmup", "--plain", "--data-dir", dir.path], environment: at(10, 6, 45))
        #expect(warm.status == 0)
        do {
            let t = Tmux(["--data-dir", dir.path], environment: at(10, 9))
            defer { t.stop() }
            #expect(t.waitFor("do you have low-back pain already?", timeout: 5) != nil)
            t.send("Right", "Enter")                                   // yes
            #expect(t.waitFor("ask a doctor which exercises suit you", timeout: 3) != nil)
            t.send("Space")
            #expect(t.waitFor("You warmed up at 06:45. How far did you run?", timeout: 3) != nil)
            t.type("8.2km")
            t.send("Down")
            t.type("45m")
            t.send("Enter")
            #expect(t.waitFor("How is your back after the run?", timeout: 3) != nil)
            t.send("Right", "Right", "Right", "Down", "Right", "Enter")  // 3, lower
            // The answer is remembered: until a doctor has seen them (runcore log cleared), that is what the day says.
            #expect(t.waitFor(timeout: 3) { $0.contains("Enter start") && $0.contains("→ No runs planned until a doctor has seen you") } != nil, "\(t.screen())")
            t.send("q")
            #expect(t.exitStatus() == 0)
        }
        let runs = try runcore(["history", "--of", "runs", "--data-dir", dir.path], environment: at(10, 10))
        #expect(runs.stdout == """
            id  day         start   distance    moving   elapsed      pace  shoe · file
             1  2026-11-10            8.2 km     45:00         –   5:29/km

            """)
        let back = try runcore(["history", "--of", "back", "--csv", "--data-dir", dir.path], environment: at(10, 10))
        #expect(back.stdout.hasSuffix("2026-11-10,3,lower,false,false,\r\n"))
        for attempt in 0..<2 {
            let t = Tmux(["--data-dir", dir.path], environment: at(11, 9))
            defer { t.stop() }
            if attempt == 0 {
                #expect(t.waitFor("How is your back today, the day after your run?", timeout: 5) != nil)
                t.send("Escape")
            }
            #expect(t.waitFor("Enter start", timeout: 5) != nil)
            #expect(!t.screen().contains("low-back pain already"))
            t.send("q")
        }
    }
}

/// `runcore import` on the folders runners have: a Strava bulk export (gzipped FIT and GPX, a CSV beside
/// them), and a folder of damaged files that never stops the rest.
@Suite("Importing folders")
struct ImportFolderTests {
    @Test func aStravaExportAndDamagedFiles() throws {
        let (fixtures, _) = try Oracle.activities()
        let dir = TempDir()
        defer { dir.remove() }
        // The damaged copies are of runs up to 3 December: imported on the 31st, none is in the future.
        let env = ["TZ": "UTC", "RUNCORE_NOW": "2026-12-31T12:00:00Z"]
        let strava = try runcore(["import", fixtures + "/strava", "--data-dir", dir.path], environment: env)
        #expect(strava.status == 0, "\(strava.stderr)")
        #expect(strava.stdout.hasSuffix("Imported 6 runs (32.9 km) from 7 files; 0 already there; 1 not a run (1 cycling); 0 unreadable.\n"), "\(strava.stdout)")
        #expect(strava.stdout.contains("activities/2000.fit.gz: cycling, not a run; skipped"))
        let again = try runcore(["import", fixtures + "/strava", "--data-dir", dir.path], environment: env)
        #expect(again.stdout.hasSuffix("Imported 0 runs from 7 files; 6 already there; 1 not a run (1 cycling); 0 unreadable.\n"))

        let damaged = try runcore(["import", fixtures + "/damaged", "--data-dir", dir.path], environment: env)
        #expect(damaged.status == 65)
        // Each unreadable file named in one line; what could be read from the others imported, with a note.
        let errors = damaged.stderr.split(separator: "\n").map(String.init)
        for name in ["header.fit: byte 0: not a FIT file", "empty.fit: the file is empty", "garbage.gpx: line 1:",
                     "notgzip.gpx.gz: not a readable gzip file"] {
            #expect(errors.filter { $0.contains(name) }.count == 1, "\(name): \(damaged.stderr)")
        }
        // (overwritten.fit and cut.fit.gz are copies of the run in cut.fit: already there.)
        for name in ["cut.fit", "cut.gpx", "cut.tcx", "overwritten.gpx", "overwritten.tcx"] {
            #expect(errors.contains { $0.contains("/\(name): imported what could be read") }, "\(name): \(damaged.stderr)")
        }
        #expect(damaged.stdout.hasSuffix("Imported 5 runs (16.4 km) from 11 files; 2 already there; 0 not runs; 4 unreadable.\n"), "\(damaged.stdout)")
        // A device is never read (/dev/zero would never end), and a missing path is named.
        let odd = try runcore(["import", "/dev/zero", dir.path + "/nope.fit", "--data-dir", dir.path], environment: env, timeout: 10)
        #expect(odd.status == 65)
        #expect(odd.stderr == "\(dir.path)/nope.fit: no such file or folder\n/dev/zero: not a regular file; not read\n")
        let runs = try runcore(["history", "--of", "runs", "--csv", "--data-dir", dir.path], environment: env)
        #expect(runs.stdout.split(whereSeparator: \.isNewline).count > 6)
    }
}
