import Foundation
import Testing
import TestSupport

/// A routine of `n` one-second steps, for timing under faults.
func seconds(_ dir: TempDir, steps n: Int) -> String {
    dir.write("steps.yaml", "title: Steps\nsteps:\n" + (1...n).map { "  - name: Step \($0)\n    time: 1s\n" }.joined())
}

/// Never crash, never stall, never lose, never touch what isn't ours (issue 9), through the real binary.
@Suite("Faults, end to end", .serialized)
struct FaultEndToEndTests {
    /// A crash in full screen still gives the terminal back, at once (no crash-reporter prompt).
    @Test func aCrashGivesTheTerminalBack() throws {
        let started = Date()
        let t = Tmux(["core", "--no-sound", "--data-dir", "d"], environment: ["RUNCORE_TEST_CRASH": "1"])
        defer { t.stop() }
        let status = t.exitStatus(timeout: 10)
        #expect(status == 132 || status == 134, "exit \(String(describing: status))")
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(t.ttyModes() == "icanon echo")
        #expect(t.format("#{alternate_on}") == "0")
        #expect(t.format("#{cursor_flag}") == "1")
        let screen = t.screen()
        #expect(screen.contains("runcore: crashed; the terminal was given back."))
        #expect(!screen.contains("Press space"))
    }

    /// Another program holding the history locked for 6 s mid-session holds up nothing: every line comes on
    /// time, and everything is saved once the lock goes.
    @Test func aLockedDatabaseNeverHoldsUpTheClock() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = seconds(dir, steps: 10)
        let errors = dir.url.appendingPathComponent("stderr").path
        let run = try TimedRun(["run", routine, "--plain", "--data-dir", dir.path], stderrTo: errors)
        let first = try #require(run.waitForLine("start Step 1"))
        usleep(300_000)
        let db = dir.url.appendingPathComponent("history.sqlite").path
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = ["python3", "-c", """
            import sqlite3, time
            c = sqlite3.connect('\(db)', isolation_level=None)
            c.execute('BEGIN EXCLUSIVE')
            time.sleep(6)
            c.execute('COMMIT')
            """]
        try locker.run()
        #expect(run.wait(timeout: 30) == 0)
        locker.waitUntilExit()
        let zero = first.at - stamp(first.text)
        let starts = run.lines.filter { $0.text.contains(" start Step ") }
        #expect(starts.count == 10)
        // (The first line is written once runcore has started up; each later one when its step begins.)
        for (i, line) in starts.enumerated().dropFirst() {
            #expect(abs(line.at - zero - Double(i)) <= 0.025, "step \(i + 1) came at \(line.at - zero) s")
        }
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(said.contains("is locked by another program; runcore keeps trying and the session goes on"), "\(said)")
        #expect(sqlite(db, "SELECT outcome, (SELECT count(*) FROM block) FROM session") == "finished|10")
    }

    /// A record that cannot be written is said in plain mode when it happens and again after the summary.
    @Test func aLostRecordIsAlwaysSaid() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = seconds(dir, steps: 3)
        let db = dir.url.appendingPathComponent("history.sqlite").path
        let r = try runcore(["-c", "(sleep 1.3; sqlite3 '\(db)' 'DROP TABLE hold; DROP TABLE block;') & '\(Binary.path)' run '\(routine)' --plain --data-dir '\(dir.path)' 2>&1; wait"],
                            shell: true)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let said = lines.indices.filter { lines[$0].hasPrefix("runcore: history is not being saved") }
        let summary = try #require(lines.firstIndex { $0.hasPrefix("Steps: finished") })
        #expect(said.count == 2, "\(r.stdout)")
        #expect(said.first.map { $0 < summary } == true && said.last.map { $0 > summary } == true, "\(r.stdout)")
        #expect(lines[said.last!].contains("no such table"), "\(lines[said.last!])")
    }

    /// Three sessions started together on an empty folder all end up in history, 20 times over.
    @Test func theFirstSessionsOnANewFolderNeverRace() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = seconds(dir, steps: 1)
        for trial in 0..<20 {
            let data = dir.url.appendingPathComponent("trial\(trial)").path
            let errors = (0..<3).map { dir.url.appendingPathComponent("err\(trial)-\($0)").path }
            let runs = try errors.map { try TimedRun(["run", routine, "--plain", "--data-dir", data], stderrTo: $0) }
            for run in runs { run.type("q\n") }
            for run in runs { #expect(run.wait() == 1, "trial \(trial)") }
            for e in errors {
                let said = (try? String(contentsOfFile: e, encoding: .utf8)) ?? ""
                #expect(said.isEmpty, "trial \(trial): \(said)")
            }
            #expect(sqlite("\(data)/history.sqlite", "SELECT count(*) FROM session") == "3", "trial \(trial)")
        }
    }

    /// TERM=dumb gets plain mode with a one-line note.
    @Test func aDumbTerminalGetsPlainMode() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let t = Tmux(["run", seconds(dir, steps: 1), "--data-dir", "d"], environment: ["TERM": "dumb"])
        defer { t.stop() }
        #expect(t.exitStatus() == 0)
        let s = t.screen()
        #expect(s.replacingOccurrences(of: "\n", with: "").contains("runcore: TERM=dumb cannot place the cursor, so no full screen; using plain output"))
        #expect(s.contains("start Step 1 (1s)") && s.contains("finish finished"))
    }

    /// Wide characters, emoji and combining marks in a routine never wrap a row or leave pieces behind.
    @Test func wideTextNeverBreaksTheScreen() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = dir.write("wide.yaml", """
            title: 脇腹プランク 🏃‍♀️ 練習
            steps:
              - name: 横向きプランク 👍🏽 🇫🇷 café
                time: 2s
                cue: 肘を肩の下に。腰を持ち上げて、頭からかかとまで一直線に。👨‍👩‍👧‍👦 Brace and breathe.
              - name: Plank
                time: 2s
                cue: Straight line, brace.
            """)
        for (w, h) in [(80, 24), (40, 12)] {
            let t = Tmux(["run", routine, "--no-sound", "--data-dir", "d"], width: w, height: h)
            defer { t.stop() }
            let wide = try #require(t.waitFor("横向きプランク", timeout: 5))
            for line in wide.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.columns <= w, "\(w)×\(h): \(line)")
            }
            #expect(wide.contains("FR"))                       // a flag becomes its letters
            let plain = try #require(t.waitFor("PLANK", timeout: 5))
            // After the wide step, nothing of it is left on screen.
            #expect(!plain.contains("横") && !plain.contains("肘"), "\(plain)")
            #expect(t.exitStatus() == 0)
        }
    }

    /// Everything printed is sanitised: escape sequences in file names and in rows of the database never
    /// reach the terminal.
    @Test func escapesInFileNamesAndTheDatabaseNeverReachTheTerminal() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("routines/evil\u{1B}]0;owned\u{07}.yaml", "title: X\nsteps:\n  - name: Y\n    tme: 3s\n")
        let list = try runcore(["list", "--data-dir", dir.path])
        #expect(list.status == 65)
        #expect(!list.stderr.contains("\u{1B}") && !list.stderr.contains("\u{07}") && list.stderr.contains("evil]0;owned.yaml"))
        let routine = seconds(dir, steps: 1)
        _ = try runcore(["run", routine, "--plain", "--data-dir", dir.path])
        let db = dir.url.appendingPathComponent("history.sqlite").path
        _ = sqlite(db, "UPDATE session SET routine_id = 'x' || char(27) || ']52;c;b3duZWQ=' || char(7), routine_title = char(27) || '[2J'")
        for format in [[], ["--json"]] {
            let h = try runcore(["history", "--data-dir", dir.path] + format)
            #expect(!h.stdout.contains("\u{1B}") && !h.stdout.contains("\u{07}"), "\(format)")
        }
        // CSV is data: to a pipe or a file it keeps the exact text; to a terminal it is sanitised like the rest.
        #expect(try runcore(["history", "--csv", "--data-dir", dir.path]).stdout.contains("x\u{1B}]52;c;b3duZWQ=\u{07}"))
        let log = dir.url.appendingPathComponent("pane.out").path
        let t = Tmux(["history", "--csv", "--data-dir", dir.path], recordTo: log)
        defer { t.stop() }
        #expect(t.exitStatus() == 0)
        let bytes = eventually({ String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self) }) { $0.contains("EXIT=") }
        #expect(bytes.contains("x]52;c;b3duZWQ=") && !bytes.contains("\u{1B}]52") && !bytes.contains("\u{07}"), "\(bytes.debugDescription)")
        let v = try runcore(["validate", dir.url.appendingPathComponent("no\u{1B}[31mfile.yaml").path])
        #expect(!v.stderr.contains("\u{1B}"))
    }

    /// A failed write to standard output is an error; a closed pipe is not.
    @Test func aFailedWriteToStdoutIsAnError() throws {
        let dir = TempDir()
        defer { dir.remove() }
        for _ in 0..<3 { _ = try runcore(["run", seconds(dir, steps: 1), "--plain", "--data-dir", dir.path], stdin: "q\n") }
        let full = try runcore(["-c", "'\(Binary.path)' history --json --data-dir '\(dir.path)' > /dev/full"], shell: true)
        #expect(full.status == 74)
        #expect(full.stderr == "runcore: cannot write the output: No space left on device\n")
        let pipe = try runcore(["-c", "'\(Binary.path)' history --csv --data-dir '\(dir.path)' | head -1"], shell: true)
        #expect(pipe.stderr.isEmpty && pipe.stdout.hasPrefix("id,routine_id"))
    }

    /// An empty or relative HOME is not used; with no home at all, one line asks for --data-dir.
    @Test func anUnusableHomeIsNotUsed() throws {
        let dir = TempDir()
        defer { dir.remove() }
        // An account with no entry in the password database and no HOME: nowhere to keep anything.
        let none = try runcore(["-c", "env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME= setpriv --reuid=54321 --regid=54321 --clear-groups '\(Binary.path)' stats"],
                               shell: true)
        #expect(none.status == 74)
        #expect(none.stderr == "runcore: cannot find your home folder (HOME is empty or not an absolute path, and the account has none); give --data-dir DIR\n")
        // A relative HOME is not used: a session by an account with no home saves nothing under a folder
        // relative to where runcore was started, and says why.
        let routine = seconds(dir, steps: 1)
        chmod(dir.path, 0o777)
        let rel = try runcore(["-c", "cd '\(dir.path)' && echo q | env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME=relhome setpriv --reuid=54321 --regid=54321 --clear-groups '\(Binary.path)' run '\(routine)' --plain; echo status $?; ls"],
                              shell: true)
        #expect(rel.stdout.contains("status 74") && !rel.stdout.contains("relhome"), "\(rel.stdout)")
        let withDir = try runcore(["-c", "env HOME= setpriv --reuid=54321 --regid=54321 --clear-groups '\(Binary.path)' stats --data-dir /tmp"], shell: true)
        #expect(withDir.status == 0, "\(withDir.stderr)")
    }

    /// Failing hooks are reported once at the end, finished ones are reaped, and no more than 4 run at once.
    @Test func hooksAreReapedCappedAndReported() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = seconds(dir, steps: 6)
        let failing = try runcore(["run", routine, "--plain", "--data-dir", dir.path, "--on-event", "no-such-command-here"])
        #expect(failing.stderr == "runcore: --on-event: 7 of 7 runs failed (exit 127: command not found)\n")
        let busy = try runcore(["run", routine, "--plain", "--data-dir", dir.path, "--on-event", "sleep 20"])
        #expect(busy.stderr == "runcore: --on-event: 3 events were dropped while 4 runs were still going\n")
        // While a session runs, a finished hook does not linger as a zombie: its end wakes runcore, which
        // reaps it at once. Each step's hook sleeps 0.3 s of a 1 s step, so one is a zombie for a moment only
        // if nothing reaps it before the next event.
        let run = try TimedRun(["run", routine, "--plain", "--data-dir", dir.path, "--on-event", "sleep 0.3"])
        #expect(run.waitForLine("start Step 3") != nil)
        let pid = run.process.processIdentifier
        let states = { shellOutput("ps --ppid \(pid) -o stat= | tr -d ' \n'") }
        // The hook of step 3 is seen running, then gone (not a zombie) well before step 4 starts.
        #expect(eventually(timeout: 0.6, states) { $0.hasPrefix("S") } != "", "the hook never ran")
        let after = eventually(timeout: 0.6, states) { $0.isEmpty }
        #expect(after.isEmpty, "children of runcore 0.6 s after a 0.3 s hook began: \(after)")
        #expect(run.waitForLine("start Step 4") != nil)
        #expect(run.wait() == 0)
    }

    /// A hook gets standard input, output and error and nothing else of runcore's: not the database, not the
    /// signal pipe, not a descriptor runcore itself inherited (a test runner's socket, say).
    @Test func aHookInheritsOnlyTheStandardDescriptors() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = seconds(dir, steps: 2)
        let out = dir.url.appendingPathComponent("fds").path
        // ls lists its own descriptors: the three it was given, and 3, the folder it is reading.
        let hook = "exec ls -m /proc/self/fd >> '\(out)'"
        // fd 7 is left open (not close-on-exec) for runcore, as a careless parent would.
        let r = try runcore(["-c", "exec 7>'\(dir.path)/inherited'; '\(Binary.path)' run '\(routine)' --plain --data-dir '\(dir.path)' --on-event \"$HOOK\""],
                            environment: ["HOOK": hook], shell: true)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = eventually({ (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }) { $0.split(separator: "\n").count >= 3 }
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count == 3, "\(lines)")   // start, start, finish
        for line in lines { #expect(line == "0, 1, 2, 3", "\(line)") }
    }

    /// When the folder cannot be written, an intact history can still be read, and a hold shows the best.
    @Test func aReadOnlyFolderCanStillBeRead() throws {
        let dir = TempDir()
        defer {
            chmod(dir.path, 0o755)
            dir.remove()
        }
        chmod(dir.path, 0o755)
        let r = try runcore(["-c", "(echo; sleep 0.4; echo) | '\(Binary.path)' hold --plain --data-dir '\(dir.path)'"], shell: true)
        #expect(r.status == 0)
        let db = dir.url.appendingPathComponent("history.sqlite").path
        #expect(sqlite(db, "UPDATE hold SET seconds = 42.5") == "")
        let before = bytes(db)
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) { chmod(dir.url.appendingPathComponent(f).path, 0o444) }
        chmod(dir.path, 0o555)
        let asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups"
        let history = try runcore(["-c", "\(asNobody) '\(Binary.path)' history --data-dir '\(dir.path)'"], shell: true)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("hold     finished"))
        let stats = try runcore(["-c", "\(asNobody) '\(Binary.path)' stats --data-dir '\(dir.path)'"], shell: true)
        #expect(stats.status == 0 && stats.stdout.contains("best      0:42.5"), "\(stats.stderr)")
        let hold = try runcore(["-c", "(echo; echo) | \(asNobody) '\(Binary.path)' hold --plain --data-dir '\(dir.path)'"], shell: true)
        #expect(hold.stdout.contains("Best so far: 0:42.5"), "\(hold.stdout)")
        #expect(hold.stderr.contains("history is not being saved"))
        #expect(bytes(db) == before)
    }
}

extension FaultEndToEndTests {
    /// A full disk: an intact history is still read, a session says that it is not being saved (as it
    /// happens and at the end), and what was there is kept.
    @Test func aFullDiskLosesNothingAlreadyKept() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let mountPoint = dir.url.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        // A small disk of its own (the tests run as root, as CI does).
        #expect(shellOutput("mount -t tmpfs -o size=2m tmpfs '\(mountPoint)' && echo ok") == "ok")
        defer { _ = shellOutput("umount '\(mountPoint)'") }
        let r = try runcore(["-c", "(echo; sleep 0.3; echo) | '\(Binary.path)' hold --plain --data-dir '\(mountPoint)'"], shell: true)
        #expect(r.status == 0)
        _ = shellOutput("dd if=/dev/zero of='\(mountPoint)/filler' bs=64k 2>/dev/null; sync")
        let history = try runcore(["history", "--data-dir", mountPoint])
        #expect(history.status == 0 && history.stdout.contains("hold     finished"), "\(history.stderr)")
        let routine = seconds(dir, steps: 3)
        let session = try runcore(["run", routine, "--plain", "--data-dir", mountPoint])
        #expect(session.status == 0)
        let said = session.stderr.split(separator: "\n").filter { $0.contains("history is not being saved") }
        #expect(said.count == 2, "\(session.stderr)")
        #expect(said.first?.contains("full") == true, "\(session.stderr)")
        _ = shellOutput("rm -f '\(mountPoint)/filler'")
        let db = "\(mountPoint)/history.sqlite"
        #expect(sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(sqlite(db, "SELECT routine_id, outcome FROM session ORDER BY id LIMIT 1") == "hold|finished")
    }
}

func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

extension Substring {
    /// Terminal columns, for checking captured screens (wide characters count two).
    var columns: Int {
        unicodeScalars.reduce(0) { n, u in
            if u.properties.generalCategory == .nonspacingMark || u.value == 0x200D || u.value == 0xFE0F { return n }
            let v = u.value
            let wide = u.properties.isEmojiPresentation || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
