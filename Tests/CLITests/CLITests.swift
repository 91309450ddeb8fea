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
        let r = try runcore(["plan", "warmup", "--plank", "60s", "--aerobic", "4m", "--roll", "calves,glutes"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Doses: aerobic 4m · plank 1m · hips 30s · squats 12 · roll calves,glutes · rolling 45s"))
        #expect(r.stdout.contains("   0:10    4:00  Light aerobic\n"))
        #expect(r.stdout.contains("   4:10    1:00  Plank, set 1/2\n"))
        #expect(r.stdout.contains("Foam rolling: calves") && r.stdout.contains("Foam rolling: glutes"))
        #expect(!r.stdout.contains("Foam rolling: quads"))
        #expect(r.stdout.hasSuffix("Total 9:41 (rep and hold steps estimated) in 11 steps\n"))
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
        #expect(r.stderr == "runcore: unknown routine 'wramup'; available: warmup, core, hold (or give a path to a .yaml file)\n")
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
        #expect(lines.map { String($0.prefix(16)) } == ["warmup   11:11  ", "core      4:40  ", "hold      0:30  ", "bridge    0:40  "])
        #expect(r.stderr == "\(broken):4:5: unknown key 'tme' in a step; did you mean 'time'?\n")
    }

    @Test func versionAndHelp() throws {
        #expect(try runcore(["--version"]).stdout == "0.1.0\n")
        let help = try runcore(["--help"])
        #expect(help.status == 0)
        for word in ["plan", "list", "validate"] { #expect(help.stdout.contains(word)) }
        let completion = try runcore(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("runcore"))
    }
}
