import Foundation
import Testing
import TestSupport

/// The built binary, run as a process, as scripts and shells use it.
@Suite("Command line")
struct CLITests {
    @Test func planPrintsEveryBlockWithStartTimesAndTheTotal() throws {
        let r = try runcore(["plan", "core", "--sets", "2"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Off-day core (core)
            ! Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.
            ! A shaking core is fine. Sharp pain in your lower back is not. Stop if you feel it.
            Doses: sets 2 · plank 30s · rest 30s

              start  length  step
               0:00    0:10  Get ready
               0:10    0:30  Side plank (left), set 1/2
               0:40    0:10  Switch to right
               0:50    0:30  Side plank (right), set 1/2
               1:20    0:30  Rest
               1:50    0:30  Side plank (left), set 2/2
               2:20    0:10  Switch to right
               2:30    0:30  Side plank (right), set 2/2

            Total 3:00 in 8 steps

            """)
    }

    @Test func warmupShortcutsAreDosesOfTheRoutine() throws {
        let r = try runcore(["plan", "warmup", "--plank", "60s", "--aerobic", "4m", "--roll", "calves,upper back", "--rolling=20s"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Doses: aerobic 4m · plank 1m · hips 30s · squats 12 · roll calves,upper back · rolling 20s"))
        #expect(r.stdout.contains("   0:10    4:00  Light aerobic\n"))
        #expect(r.stdout.contains("   4:10    1:00  Plank, set 1/2\n"))
        // Foam rolling goes side by side where a group has sides, with time to move the roller between groups.
        #expect(r.stdout.contains("""
               8:11    0:20  Foam rolling: calves (left)
               8:31    0:05  Switch to right
               8:36    0:20  Foam rolling: calves (right)
               8:56    0:05  Move to upper back
               9:01    0:20  Foam rolling: upper back
            """))
        #expect(!r.stdout.contains("Foam rolling: quads"))
        #expect(r.stdout.hasSuffix("Total 9:21 (rep and hold steps estimated) in 14 steps\n"))
    }

    /// Every parameter of a routine works as --NAME VALUE on its command, and --help lists them from the file.
    @Test func eachRoutineListsItsOwnDosesInItsHelp() throws {
        let help = try runcore(["warmup", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("  --rolling TIME  foam rolling per muscle group, each side. Default 30s; 15s to 2m.\n"))
        #expect(help.stdout.contains("  --roll LIST     muscle groups that feel tight. Default calves,quads,hamstrings,glutes; some of:"))
        let hold = try runcore(["hold", "-h"])
        #expect(hold.stdout.contains("--get-ready TIME") && hold.stdout.contains("Default 5s; 0s to 30s."))
        let run = try runcore(["run", "core", "--help"])
        #expect(run.stdout.hasPrefix("runcore run core: Off-day core\n") && run.stdout.contains("--sets N"))
        let unknown = try runcore(["core", "--plonk", "3", "--plain"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "runcore: routine 'core' has no parameter 'plonk' (it has: sets, plank, rest)\n")
        let none = try runcore(["plan", "hold", "--get-ready", "0s"])
        #expect(none.stdout.contains("Total 0:30 (rep and hold steps estimated) in 1 step\n"))
    }

    /// A mistyped command gets a suggestion; validate takes routine ids.
    @Test func aMistypedCommandGetsASuggestion() throws {
        let r = try runcore(["warmpu"])
        #expect(r.status == 64)
        #expect(r.stderr == "runcore: unknown command 'warmpu'; did you mean 'warmup'?\n")
        #expect(try runcore(["histroy"]).stderr == "runcore: unknown command 'histroy'; did you mean 'history'?\n")
        // The same after options (an alias such as `runcore --plain`).
        #expect(try runcore(["--plain", "--data-dir", "/tmp", "warmpu"]).stderr == "runcore: unknown command 'warmpu'; did you mean 'warmup'?\n")
        let v = try runcore(["validate", "warmup", "hold"])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(v.stdout == "warmup: ok: Pre-run warm-up, 24 steps, 12:46\nhold: ok: Plank hold, 2 steps, 0:35\n")
    }

    /// A mistake in config.yaml costs only that setting: the session runs, the line is said each time, and
    /// `validate` fails on it.
    @Test func aMistakeInConfigDoesNotStopTheRunner() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let config = dir.write("config.yaml", "sound: maybe\nparams:\n  core: {sets: 2, rest: 5h}\n")
        let r = try runcore(["core", "--plain", "--data-dir", dir.path, "--plank", "15s", "--set", "rest=10s"], stdin: "n\nn\nn\nn\nn\nn\nn\nn\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\(config):1:8: sound must be true or false; using the default\n"))
        #expect(r.stderr.contains("\(config):3:25: rest=5h is too long: allowed 10s to 2m; using the default\n"))
        #expect(r.stdout.contains("set 2/2") && !r.stdout.contains("set 1/3"))   // sets: 2 from the file still applies
        let v = try runcore(["validate", "--data-dir", dir.path])
        #expect(v.status == 65)
        #expect(v.stderr.contains("\(config):1:8: sound must be true or false"))
    }

    /// `list` shows the totals the session will use: config.yaml's doses and the progression.
    @Test func listShowsTheTotalsASessionWillUse() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("config.yaml", "params:\n  core: {sets: 2}\n  warmup: {roll: [calves]}\n")
        let r = try runcore(["list", "--data-dir", dir.path])
        let lines = r.stdout.split(separator: "\n").map { String($0.prefix(16)) }
        #expect(lines == ["warmup    9:16  ", "core      3:00  ", "hold      0:35  ", "planks    7:00  "])
    }

    @Test func anOutOfRangeDoseIsAUsageError() throws {
        let r = try runcore(["plan", "warmup", "--plank", "90s"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "runcore: plank=90s is too long: allowed 30s to 1m\n")
        let unknown = try runcore(["plan", "warmup", "--sets", "2"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("runcore: routine 'warmup' has no parameter 'sets'"))
    }

    @Test func anUnknownRoutineIsAUsageErrorNamingWhatExists() throws {
        let r = try runcore(["plan", "wramup"])
        #expect(r.status == 64)
        #expect(r.stderr == "runcore: unknown routine 'wramup'; available: warmup, core, hold, planks (or give a path to a .yaml file)\n")
    }

    @Test func aBrokenFileIsBadDataWithFileLineAndColumn() throws {
        let bad = Binary.fixtures.appendingPathComponent("bad-duration.yaml").path
        let plan = try runcore(["plan", bad])
        #expect(plan.status == 65)
        #expect(plan.stderr == "\(bad):5:11: duration must be like 30s or 1m30s\n")
        let validate = try runcore(["validate", Binary.fixtures.appendingPathComponent("short.yaml").path, bad])
        #expect(validate.status == 65)
        #expect(validate.stdout.hasSuffix("short.yaml: ok: Short test, 5 steps, 0:06\n"))
        #expect(validate.stderr == "\(bad):5:11: duration must be like 30s or 1m30s\n")
    }

    @Test func validateAcceptsEveryBuiltInRoutine() throws {
        let files = ["warmup", "core", "hold"].map { Binary.builtInRoutines.appendingPathComponent("\($0).yaml").path }
        let r = try runcore(["validate"] + files)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 3)
    }

    @Test func listShowsBuiltInAndUserRoutinesAndReportsBrokenOnes() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("routines/bridge.yaml", "title: Glute bridge\nsteps:\n  - name: Bridge\n    time: 40s\n")
        let broken = dir.write("routines/oops.yaml", "title: Oops\nsteps:\n  - name: X\n    tme: 3s\n")
        let r = try runcore(["list", "--data-dir", dir.path])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix(16)) } == ["warmup   12:46  ", "core      4:40  ", "hold      0:35  ", "planks    7:00  ", "bridge    0:40  "])
        #expect(r.stderr == "\(broken):4:5: unknown key 'tme' in a step; did you mean 'time'?\n")
    }

    @Test func versionAndHelp() throws {
        #expect(try runcore(["--version"]).stdout == "0.2.0\n")
        let help = try runcore(["--help"])
        #expect(help.status == 0)
        for word in ["plan", "list", "validate"] { #expect(help.stdout.contains(word)) }
        let completion = try runcore(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("runcore"))
    }

    /// `--data-dir DIR` means the same before the command as after it, for every command that reads or writes
    /// the log: nothing goes to (or is read from) the home folder's log instead.
    @Test func theDataFolderCountsBeforeTheCommandToo() throws {
        let dir = TempDir(), home = TempDir("home")
        defer { dir.remove(); home.remove() }
        let env = ["HOME": home.path, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "TZ": "UTC", "RUNCORE_NOW": "2026-11-24T08:00:00Z"]
        func run(_ args: [String]) throws -> ProcessResult {
            let r = try runcore(["--data-dir", dir.path] + args, environment: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r
        }
        _ = try run(["log", "existing-pain", "no"])
        _ = try run(["log", "run", "8km"])
        _ = try run(["shoes", "add", "Pegasus", "--bought", "2026-11-01"])
        _ = try run(["log", "back", "2"])
        #expect(try run(["shoes"]).stdout.contains("Pegasus"))
        #expect(try run(["today"]).stdout.contains("You ran today (8.0 km)"))
        #expect(try run(["history", "--of", "back"]).stdout.contains("2/10"))
        let ics = dir.url.appendingPathComponent("week.ics").path
        _ = try run(["export", "--ics", ics])
        #expect(FileManager.default.fileExists(atPath: ics))
        _ = try run(["delete", "run", "1"])
        #expect(!(try run(["today"]).stdout.contains("You ran today")))
        // The same, with other options before it (an alias such as `runcore --no-color`), reading and writing.
        let logged = try runcore(["--no-color", "--data-dir", dir.path, "--theme", "light", "log", "back", "4"], environment: env)
        #expect(logged.status == 0, "\(logged.stderr)")
        let after = try runcore(["--no-color", "--data-dir", dir.path, "history", "--of", "back"], environment: env)
        #expect(after.status == 0 && after.stdout.contains("2/10") && after.stdout.contains("4/10"), "\(after.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent(".local/share/runcore").path))
    }

    /// Once runcore has ended, `history.sqlite` alone holds everything: no write-ahead log is left beside it
    /// with the latest rows, so a copy or a backup of the one file loses nothing.
    @Test func theHistoryFileAloneHoldsEverythingOnceRuncoreEnds() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let env = ["HOME": dir.path, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "TZ": "UTC"]
        let file = dir.url.appendingPathComponent("history.sqlite").path
        func copyCounts(_ table: String) throws -> String {
            let copy = dir.url.appendingPathComponent("copy.sqlite").path
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: file, toPath: copy)
            return shellOutput("sqlite3 '\(copy)' 'SELECT count(*) FROM \(table)'")
        }
        for (args, table, count) in [(["log", "back", "3"], "checkin", "1"), (["log", "run", "8km"], "run", "1"),
                                     (["run", Binary.fixtures.appendingPathComponent("short.yaml").path, "--plain", "--no-sound"], "session", "1")] {
            let r = try runcore(args + ["--data-dir", dir.path], stdin: "", environment: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file + "-wal"), "\(args)")
            #expect(try copyCounts(table) == count, "\(args)")
        }
    }
}
