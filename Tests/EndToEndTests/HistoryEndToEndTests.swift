import Foundation
import Testing
import TestSupport

func sqlite(_ db: String, _ sql: String) -> String { shellOutput("sqlite3 '\(db)' \"\(sql)\" 2>&1") }

/// Nothing a runner did is lost: holds, history and stats through the real binary.
@Suite("History, end to end", .serialized)
struct HistoryEndToEndTests {
    @Test func aPipedHoldIsRecordedAndShowsInHistory() throws {
        let dir = TempDir()
        defer { dir.remove() }
        // As the issue has it: the first Enter starts the clock (in position), the second stops it. The shell
        // notes when it sent each one, so a loaded machine's late `sleep` is not blamed on runcore.
        let marks = dir.url.appendingPathComponent("marks").path
        let r = try runcore(["-c", "(echo; date +%s.%N > '\(marks)'; sleep 2; date +%s.%N >> '\(marks)'; echo) | '\(Binary.path)' hold --plain --data-dir '\(dir.path)'"], shell: true)
        #expect(r.status == 0, "\(r.stderr)")
        let sent = (try String(contentsOfFile: marks, encoding: .utf8)).split(separator: "\n").compactMap { Double($0) }
        let apart = sent.count == 2 ? sent[1] - sent[0] : 2
        let json = try runcore(["history", "--json", "--data-dir", dir.path])
        #expect(json.status == 0)
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let holds = try #require(sessions.first?["holds"] as? [[String: Any]])
        let seconds = try #require(holds.first?["seconds"] as? Double)
        // The first Enter was sent as runcore started; it can only start the clock once runcore reads it, which
        // the line "start Plank hold" stamps (on the session's clock, which starts at launch).
        let started = r.stdout.split(separator: "\n").first { $0.contains("start Plank hold") }.map { stamp(String($0)) } ?? 0
        #expect(seconds <= apart + 0.1 && seconds >= apart - started - 0.1,
                "held \(seconds) s, Enters sent \(apart) s apart, clock started \(started) s after launch")
        #expect(abs(seconds - 2) < 0.3, "held \(seconds) s")
        #expect(sessions.first?["outcome"] as? String == "finished")
        #expect(sessions.first?["routine_id"] as? String == "hold")
        let csv = try runcore(["history", "--csv", "--data-dir", dir.path])
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.first == "id,routine_id,routine_title,started_at,ended_at,day,outcome,planned_seconds,active_seconds,params,blocks_done,blocks_total,holds_seconds,role,counts")
        #expect(rows.count == 2 && rows[1].hasPrefix("1,hold,Plank hold,") && rows[1].contains(",finished,35.000,"))
        // Whether it counts, as recorded: the same in CSV (a light read) as in JSON.
        #expect(rows[1].hasSuffix(",hold,true"), "\(rows[1])")
        #expect(sessions.first?["counts"] as? Bool == true && sessions.first?["role"] as? String == "hold")
        // The next hold shows the best so far.
        let again = try runcore(["-c", "(echo; sleep 0.5; echo) | '\(Binary.path)' hold --plain --data-dir '\(dir.path)'"], shell: true)
        #expect(again.stdout.contains("Plank hold — held 0:00."))
        #expect(!again.stdout.contains("new best"))
    }

    @Test func killNineMidRunLeavesAnIntactDatabaseWithTheSessionInterrupted() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let run = try TimedRun(["run", fixture("ten.yaml"), "--plain", "--data-dir", dir.path])
        #expect(run.waitForLine("start Plank") != nil)
        let db = dir.url.appendingPathComponent("history.sqlite").path
        // Killed once the get-ready step's record is in (however long the disk takes to commit it).
        #expect(eventually({ sqlite(db, "SELECT count(*) FROM block") }) { $0 == "1" } == "1")
        kill(run.process.processIdentifier, SIGKILL)
        _ = run.wait()
        #expect(sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(sqlite(db, "SELECT outcome, (SELECT count(*) FROM block) FROM session") == "interrupted|1")
        let table = try runcore(["history", "--data-dir", dir.path])
        #expect(table.stdout.contains("interrupted"))
    }

    @Test func aCorruptDatabaseIsReportedAndNeverTouchedWhileSessionsStillRun() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let db = dir.write("history.sqlite", String(repeating: "not a database ", count: 100))
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let history = try runcore(["history", "--data-dir", dir.path])
        #expect(history.status == 74)
        #expect(history.stderr == "runcore: \(db): not a database (or damaged); the file was left untouched\n")
        #expect(try runcore(["stats", "--data-dir", dir.path]).status == 74)
        let run = try runcore(["run", fixture("short.yaml"), "--plain", "--data-dir", dir.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("runcore: history is not being saved: \(db): not a database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func theHoldScreenShowsTheTargetAndTheBest() throws {
        let t = Tmux(["hold", "--target", "45s", "--data-dir", "."])
        defer { t.stop() }
        #expect(t.waitFor("target 0:45", timeout: 5) != nil)   // shown while getting into position too
        t.send("Enter")                                          // in position: the clock starts
        #expect(t.waitFor("PLANK HOLD", timeout: 3) != nil)
        t.send("Enter")                                          // and stops
        #expect(t.exitStatus() == 0)
        // (Held a moment: no best. Made 12 s, it is one.)
        #expect(sqlite(t.home.path + "/history.sqlite", "UPDATE hold SET seconds = 12.0") == "")
        let second = Tmux(["hold", "--data-dir", t.home.path])
        defer { second.stop() }
        #expect(second.waitFor("best 0:12.0", timeout: 5) != nil)
        second.send("C-c")
    }

    /// A week of use, through the binary: short stand-ins for the warm-up and core (same ids), holds, one
    /// session killed. What `history` and `stats` say afterwards is what a runner expects.
    @Test func aWeekOfUseReadsBackInHistoryAndStats() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("routines/warmup.yaml", "title: Pre-run warm-up\nrole: warmup\nparams:\n  plank: {default: 30s, min: 30s, max: 60s, progress: true}\nsteps:\n  - name: Plank\n    time: 1s\n")
        dir.write("routines/core.yaml", "title: Off-day core\nrole: core\nsteps:\n  - name: Side plank\n    time: 1s\n")
        let env = ["TZ": "UTC"]
        func at(_ day: Int, _ hour: Int) -> [String: String] {
            env.merging(["RUNCORE_NOW": String(format: "2026-11-%02dT%02d:00:00Z", 16 + day, hour)]) { $1 }
        }
        func session(_ args: [String], day: Int, hour: Int, input: String? = nil) throws {
            let r = try runcore(args + ["--plain", "--data-dir", dir.path], stdin: input, environment: at(day, hour))
            #expect(r.status == 0 || r.status == 1, "\(args) \(r.stderr)")
        }
        try session(["warmup"], day: 0, hour: 7)                     // Monday: run day
        try session(["hold"], day: 0, hour: 19, input: "\n\n")       // (a 0 s hold: Enter, Enter at once)
        try session(["core"], day: 1, hour: 18)                      // Tuesday: off, core
        try session(["warmup"], day: 2, hour: 7)                     // Wednesday
        try session(["core"], day: 3, hour: 18)                      // Thursday: off, core
        try session(["warmup"], day: 4, hour: 7)                     // Friday
        // Saturday: rest. Sunday: long run.
        try session(["warmup"], day: 6, hour: 8)
        try session(["core"], day: 7, hour: 18)                      // Monday again

        let stats = try runcore(["stats", "--data-dir", dir.path], environment: at(7, 21))
        #expect(stats.status == 0)
        let lines = stats.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Plank hold")
        #expect(lines[1] == "  best      none yet: a best is a hold of 5 s or more")
        #expect(lines[2].hasPrefix("  last      0:00.0"))
        #expect(lines.contains("  current   2 days"))
        #expect(lines.contains("  longest   5 days"))
        let core = try #require(lines.first { $0.hasPrefix("Core days off run") })
        #expect(core.hasSuffix("    2 ✓      1"))     // the weeks of 16 and 23 November
        #expect(lines.contains("8 sessions and 0 runs in all"))
        let history = try runcore(["history", "--data-dir", dir.path], environment: env)
        let rows = history.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 8)
        // Each row starts with its id, for `runcore delete session ID`.
        #expect(rows.first?.hasPrefix("    8  2026-11-23 18:00  core     finished") == true, "\(rows)")
        #expect(rows.last?.hasPrefix("    1  2026-11-16 07:00  warmup   finished") == true)
        // Four finished warm-ups at full planks: the plank dose climbed 30 → 35 → 40 → 45 → 50 s.
        let plan = try runcore(["plan", "warmup", "--data-dir", dir.path], environment: at(7, 21))
        #expect(plan.stdout.contains("plank 50s (up 5 s after yesterday's session)"), "\(plan.stdout)")
        // A dose typed on the command line wins over the progression.
        #expect(try runcore(["plan", "warmup", "--plank", "35s", "--data-dir", dir.path], environment: at(7, 21)).stdout.contains("Doses: plank 35s\n"))
        print("STATS AFTER A WEEK\n" + stats.stdout)
    }
}
