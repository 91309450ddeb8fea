import Foundation
import Testing
import TestSupport

/// Nothing a routine file, the window or the machine does breaks the session or the terminal.
@Suite("Hardening", .serialized)
struct HardeningTests {
    static let trials = ProcessInfo.processInfo.environment["RUNCORE_STRESS"] == nil ? 1 : 5

    @Test func escapeSequencesInRoutineTextNeverReachTheTerminal() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("evil-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let t = Tmux(["run", fixture("evil.yaml")], recordTo: log)
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        t.send("?")  // the help page shows the safety notes
        #expect(t.waitFor("stop", timeout: 3) != nil)
        t.send("Escape")
        #expect(t.exitStatus() == 0)
        // Everything runcore wrote has been copied once the shell's line after it has.
        let bytes = eventually({ String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self) }) { $0.contains("EXIT=") }
        #expect(bytes.contains("PLANK"))
        for bad in ["\u{1B}]52", "\u{1B}]0;owned", "\u{1B}[6n", "\u{1B}Pq", "\u{9B}", "\u{1B}\\"] {
            #expect(!bytes.contains(bad), "\(bad.debugDescription) reached the terminal")
        }
        #expect(t.format("#{pane_title}") != "owned")
    }

    @Test func aResizeStormDuringAStepChangesNothingButTheLayout() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let cues = dir.url.appendingPathComponent("cues.log").path
        let errors = dir.url.appendingPathComponent("stderr.txt").path
        let storm = ProcessInfo.processInfo.environment["RUNCORE_STRESS"] == nil ? 300 : 1_000
        let t = Tmux(["run", fixture("ten.yaml"), "--cue-log", cues], stderrTo: errors)
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        var rng = SystemRandomNumberGenerator()
        let sizes = [(1, 1), (20, 5), (19, 4), (80, 24), (40, 12)] + (0..<(storm - 5)).map { _ in
            (Int.random(in: 1...160, using: &rng), Int.random(in: 1...50, using: &rng))
        }
        let start = Date()
        for (w, h) in sizes.shuffled() {
            t.resize(w, h)
            if Date().timeIntervalSince(start) > 8.5 { break }  // the storm stays inside the 10 s step
        }
        t.resize(80, 24)
        #expect(t.exitStatus(timeout: 15) == 0)
        #expect((try? String(contentsOfFile: errors, encoding: .utf8)) == "")
        // The engine's own record of when steps began: the 10 s plank ends 10 s after it began.
        let starts = (try String(contentsOfFile: cues, encoding: .utf8)).split(separator: "\n")
            .filter { $0.hasSuffix(" start") }.compactMap { Int($0.split(separator: " ")[0]) }
        #expect(starts.count == 3)
        if starts.count == 3 { #expect(abs(starts[2] - starts[1] - 10_000) <= 100, "plank lasted \(starts[2] - starts[1]) ms") }
    }

    @Test(arguments: ["INT", "TERM", "HUP", "TSTP"])
    func signalsAtRandomMomentsAlwaysRestoreTheTerminalAndKeepHistory(signal: String) throws {
        let count = ProcessInfo.processInfo.environment["RUNCORE_STRESS"] == nil ? 20 : 100
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<count {
            let t = Tmux(["run", fixture("ten.yaml"), "--data-dir", "."])
            defer { t.stop() }
            #expect(t.waitFor("step ", timeout: 5) != nil)
            usleep(UInt32.random(in: 0...1_500_000, using: &rng))
            let pid = try #require(t.programPID())
            let expected: (status: Int, outcome: String)
            switch signal {
            case "INT": kill(pid, SIGINT); expected = (130, "interrupted")
            case "TERM": kill(pid, SIGTERM); expected = (143, "interrupted")
            case "HUP": kill(pid, SIGHUP); expected = (129, "interrupted")
            default:
                kill(pid, SIGTSTP)
                // Stopped: the terminal is a normal one meanwhile.
                let tty = t.format("#{pane_tty}")
                var stopped = false
                for _ in 0..<100 where !stopped {
                    stopped = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") T ") == true
                    if !stopped { usleep(20_000) }
                }
                #expect(stopped, "trial \(trial): not stopped")
                #expect(sttyModes(tty) == "icanon echo", "trial \(trial) while stopped")
                kill(pid, SIGCONT)
                #expect(t.waitFor("PAUSED", timeout: 3) != nil, "trial \(trial): not paused after SIGCONT")
                t.send("q")
                t.send("y")
                expected = (1, "stopped")
            }
            #expect(t.exitStatus() == expected.status, "SIG\(signal) trial \(trial)")
            #expect(t.ttyModes() == "icanon echo", "SIG\(signal) trial \(trial)")
            let db = t.home.url.appendingPathComponent("history.sqlite").path
            #expect(sqlite(db, "SELECT outcome FROM session") == expected.outcome, "SIG\(signal) trial \(trial)")
        }
    }

    /// The promise, exactly as the README states it: while the history file can be written, a session is in
    /// history once its first step has ended on screen, with every step whose end was shown except at most
    /// the last one (its commit follows its line by about a millisecond); a session killed during its first
    /// step may be absent. Nothing earlier is ever lost, and the file is never damaged.
    @Test func killNineAtRandomInstantsNeverDamagesHistory() throws {
        let count = ProcessInfo.processInfo.environment["RUNCORE_STRESS"] == nil ? 50 : 500
        let dir = TempDir()
        defer { dir.remove() }
        let routine = dir.write("two.yaml", "title: Two\nsteps:\n  - get-ready: 1s\n  - name: Plank\n    time: 1s\n")
        let db = dir.url.appendingPathComponent("history.sqlite").path
        var rng = SystemRandomNumberGenerator()
        var begun = 0, kept = 0, finished = 0
        // Sessions in the file; none while it has no tables yet (a kill before the first one made them).
        func sessions() -> Int {
            if sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'session'") == "0" { return 0 }
            return Int(sqlite(db, "SELECT count(*) FROM session")) ?? -1
        }
        for trial in 0..<count {
            let before = sessions()
            let run = try TimedRun(["run", routine, "--plain", "--data-dir", dir.path])
            usleep(UInt32.random(in: 0...2_300_000, using: &rng))
            kill(run.process.processIdentifier, SIGKILL)
            let status = run.wait()
            let starts = run.lines.filter { $0.text.contains(" start ") }.count
            let ended = starts == 0 ? 0 : starts - 1 + (run.lines.contains { $0.text.contains(" finish ") } ? 1 : 0)
            if starts > 0 { begun += 1 }
            if status == 0 { finished += 1 }
            #expect(sqlite(db, "PRAGMA integrity_check") == "ok", "after kill \(trial)")
            let after = sessions()
            if after > before { kept += 1 }
            if starts == 0 {
                #expect(after == before, "trial \(trial): a session that never began is in history")
            } else if ended >= 1 {
                #expect(after == before + 1, "trial \(trial): \(ended) steps ended on screen, but the session is missing")
                let blocks = Int(sqlite(db, "SELECT count(*) FROM block WHERE session_id = (SELECT max(id) FROM session)")) ?? -1
                #expect(blocks >= ended - 1 && blocks <= ended, "trial \(trial): \(ended) steps ended on screen, \(blocks) saved")
            } else {
                #expect(after == before || after == before + 1)
            }
        }
        #expect(sqlite(db, "SELECT count(*) FROM session WHERE outcome NOT IN ('finished', 'interrupted')") == "0")
        print("kill -9 loop: \(count) kills, \(begun) sessions begun, \(kept) in history, \(finished) finished before the kill")
    }
}

/// The terminal modes of `tty` as seen from outside ("icanon echo" when it is a normal terminal).
func sttyModes(_ tty: String) -> String {
    shellOutput("stty -a -F \(tty) | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '")
}
