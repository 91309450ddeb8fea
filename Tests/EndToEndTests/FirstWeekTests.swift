import Foundation
import Testing
import TestSupport

/// What a new runner tripped over in their first week, through the real binary (issue 8).
@Suite("A runner's first week", .serialized)
struct FirstWeekTests {
    /// `runcore hold` opens with "Get into position"; space starts the clock at once, Enter stops it.
    @Test func aHoldStartsWhenTheRunnerIsInPosition() throws {
        let t = Tmux(["hold", "--no-sound"])
        defer { t.stop() }
        #expect(t.waitFor("GET INTO POSITION", timeout: 5) != nil)
        #expect(t.waitFor("Enter or space start now", timeout: 2) != nil)
        t.send("Space")
        #expect(t.waitFor("PLANK HOLD", timeout: 3) != nil)
        usleep(1_000_000)
        t.send("Enter")
        #expect(t.exitStatus() == 0)
        let s = t.screen()
        #expect(s.contains("Plank hold — held 0:01."), "\(s)")
        // A second is no plank: the summary says so rather than making it the best to beat.
        #expect(s.contains("A hold under 5 s is not taken as a best"))
    }

    /// Back and next: the summary and history have one entry per step, with the time of every visit.
    @Test func goingBackNeverLosesTime() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let run = try TimedRun(["run", fixture("ten.yaml"), "--plain", "--data-dir", dir.path])
        let first = try #require(run.waitForLine("start Plank"))
        usleep(1_000_000)
        run.type("n\n")                             // skip to the rest after a second of plank
        let rest = try #require(run.waitForLine("start Rest"))
        run.type("p\n")                             // back to the plank (p, as in full screen)
        #expect(run.waitForLine("start Plank (10s)", timeout: 3) != nil)
        let again = try #require(run.lines.last { $0.text.contains("start Plank") })
        usleep(500_000)
        run.type("q\n")
        #expect(run.wait() == 1)
        let end = try #require(run.lines.first { $0.text.contains("finish") })
        let summary = run.lines.map(\.text).filter { $0.hasPrefix("  ") }
        #expect(summary.count == 1, "\(summary)")
        #expect(summary.first?.hasPrefix("  Plank — 0:0") == true && summary.first?.hasSuffix("(cut short)") == true, "\(summary)")
        let db = dir.url.appendingPathComponent("history.sqlite").path
        #expect(sqlite(db, "SELECT count(*) = count(DISTINCT position) FROM block") == "1")
        let plank = Double(sqlite(db, "SELECT actual_seconds FROM block WHERE name = 'Plank'")) ?? 0
        // Both visits count: at least the 1 s and 0.5 s waited, at most what the lines' arrival allows.
        #expect(plank >= 1.5 && plank <= (rest.at - first.at) + (end.at - again.at) + 0.1, "plank \(plank) s")
    }

    /// JSON to the millisecond without escaped slashes; holds say whether the runner stopped them and
    /// whether they reached the target; CSV's blocks_total is the plan's.
    @Test func historyRecordsAgreeWithThePlan() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("routines/pushpull.yaml", "title: Push/pull\nid: pushpull\nsteps:\n  - name: Hold/plank\n    hold: true\n    target: 10s\n    get-ready: 0s\n  - rest: 5s\n  - rest: 5s\n")
        let r = try runcore(["-c", "(sleep 0.6; echo; echo q) | '\(Binary.path)' run pushpull --plain --data-dir '\(dir.path)'"], shell: true)
        #expect(r.status == 1, "\(r.stderr)")
        let json = try runcore(["history", "--json", "--data-dir", dir.path]).stdout
        #expect(json.contains("\"routine_title\": \"Push/pull\""))
        #expect(!json.contains("\\/"))
        let numbers = json.matches(of: /"[a-z_]*seconds": ([0-9.]+)/).map { String($0.output.1) }
        #expect(!numbers.isEmpty)
        for n in numbers { #expect(n.split(separator: ".").last.map { $0.count <= 3 } ?? true, "\(n)") }
        #expect(json.contains("\"stopped_by_runner\": true") && json.contains("\"reached_target\": false"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        let csv = try runcore(["history", "--csv", "--data-dir", dir.path]).stdout.split(separator: "\r\n")
        let fields = csv[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[11] == "3")   // blocks_total: the plan's three steps, though only two were reached
        for bad in ["0", "-1"] {
            let limit = try runcore(["history", "--limit", bad, "--data-dir", dir.path])
            #expect(limit.status == 64)
            #expect(limit.stderr.contains("--limit takes how many sessions to show, 1 or more (got \(bad))"))
        }
    }

    /// Five quick `n` presses with sound on redraw as fast as without: the flash never waits for padding.
    @Test func flashAndBellNeverHoldUpTheLoop() throws {
        func fivePresses(_ extra: [String]) -> Double? {
            let t = Tmux(["core", "--data-dir", "d"] + extra, environment: ["TERM": "xterm-256color"])
            defer { t.stop() }
            guard t.waitFor("GET READY", timeout: 5) != nil else { return nil }
            let start = Date()
            t.send("n", "n", "n", "n", "n")
            guard t.waitFor(timeout: 5, { $0.contains("step 6 of 12") }) != nil else { return nil }
            return Date().timeIntervalSince(start)
        }
        let quiet = try #require(fivePresses(["--no-sound"]))
        let loud = try #require(fivePresses([]))
        // With ncurses' own flash() this took half a second (100 ms of padding for each flash).
        #expect(loud < quiet + 0.15, "with sound \(loud) s, without \(quiet) s")
    }

    /// The menu's history page shows sessions at 80×24 and scrolls.
    @Test func theMenusHistoryPageScrolls() throws {
        let dir = TempDir()
        defer { dir.remove() }
        for _ in 0..<30 { _ = try runcore(["run", fixture("short.yaml"), "--plain", "--data-dir", dir.path], stdin: "q\n") }
        let t = Tmux(["--data-dir", dir.path])
        defer { t.stop() }
        t.passFirstQuestion()
        #expect(t.waitFor("Enter start", timeout: 5) != nil)
        t.send("h")
        let page = try #require(t.waitFor("Last sessions", timeout: 3))
        let rows = page.split(separator: "\n").filter { $0.contains("short") && $0.contains("stopped") }
        #expect(rows.count >= 15, "\(page)")
        #expect(page.contains("1–21 of"))
        t.send("PageDown")
        #expect(t.waitFor("21–41 of", timeout: 3) != nil)
        t.send("q")
        #expect(t.waitFor("Enter start", timeout: 3) != nil)
    }

    /// Before a warm-up from the menu the runner ticks today's tight muscles; the pick is the default next time.
    @Test func theMenuAsksWhatFeelsTightAndRemembers() throws {
        let dir = TempDir()
        defer { dir.remove() }
        do {
            let t = Tmux(["--data-dir", dir.path, "--no-sound"])
            defer { t.stop() }
            t.passFirstQuestion()
            #expect(t.waitFor("Enter start", timeout: 5) != nil)
            t.send("1")   // the warm-up (the cursor starts on today's core session)
            #expect(t.waitFor(timeout: 3) { $0.contains("what feels tight today?") && $0.contains("[x] calves") && $0.contains("[ ] upper back") } != nil)
            t.send("Space", "Down", "Space", "Down", "Space", "Down", "Space")   // untick calves, quads, hamstrings, glutes
            t.send("Down", "Down", "Down", "Space")                              // tick upper back
            #expect(t.waitFor("(1 ticked)", timeout: 3) != nil)
            t.send("Enter")
            #expect(t.waitFor("step 1 of", timeout: 3) != nil)
            t.send("q", "y")
            #expect(t.exitStatus() == 1)
        }
        let plan = try runcore(["plan", "warmup", "--data-dir", dir.path])
        #expect(plan.stdout.contains("roll upper back (your pick in the menu)"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Foam rolling: upper back") && !plan.stdout.contains("Foam rolling: calves"))
    }

    /// The theme: light colours on a light terminal (found from COLORFGBG when the terminal does not say),
    /// dark ones on a dark one, and `--theme` wins.
    @Test func lightTerminalsGetColoursThatReadOnWhite() throws {
        func workColour(_ args: [String], _ env: [String: String]) -> Set<Int> {
            let t = Tmux(["core", "--no-sound", "--data-dir", "d"] + args, environment: ["TERM": "xterm-256color"].merging(env) { $1 })
            defer { t.stop() }
            guard t.waitFor("GET READY", timeout: 5) != nil else { return [] }
            t.send("n")
            guard t.waitFor("SIDE PLANK", timeout: 3) != nil else { return [] }
            let text = t.screen(escapes: true)
            return Set(text.matches(of: /38;5;([0-9]+)m██/).compactMap { Int($0.output.1) })
        }
        #expect(workColour([], ["COLORFGBG": "0;15"]) == [28])
        #expect(workColour([], ["COLORFGBG": "15;0"]) == [41])
        #expect(workColour(["--theme", "light"], ["COLORFGBG": "15;0"]) == [28])
    }
}
