import Foundation
import Testing
import TestSupport

/// "1:02.345 start …" → 62.345 (seconds).
func stamp(_ line: String) -> Double {
    let word = line.split(separator: " ")[0]
    let parts = word.split(separator: ":")
    return parts.reversed().enumerated().reduce(0.0) { $0 + (Double($1.element) ?? 0) * pow(60, Double($1.offset)) }
}

/// Plain mode, as scripts and screen readers use it: lines arriving at the moment each step begins.
@Suite("Plain mode", .serialized)
struct PlainModeTests {
    @Test func eachStepLineArrivesWithin25msOfItsPlannedInstant() throws {
        let run = try TimedRun(["run", fixture("short.yaml"), "--plain", "--no-sound"])
        #expect(run.wait() == 0)
        let starts = run.lines.filter { $0.text.contains(" start ") }
        #expect(starts.map { String($0.text.split(separator: " ", maxSplits: 1)[1]) } == [
            "start Get ready (1s)", "start Plank (2s)", "start Side plank (left) (1s)",
            "start Switch sides (1s)", "start Side plank (right) (1s)",
        ])
        let finish = try #require(run.lines.first { $0.text.contains(" finish finished") })
        // The session's clock starts when runcore starts; each line's stamp is when it was written on that
        // clock. The first line (written after start-up) places the session's zero on ours.
        let first = try #require(starts.first)
        let zero = first.at - stamp(first.text)
        #expect(stamp(first.text) < 0.3, "start-up took \(stamp(first.text)) s")
        let planned = [1.0, 3, 4, 5, 6]
        let actual = (starts.dropFirst() + [finish]).map { $0.at - zero }
        for (p, a) in zip(planned, actual) {
            #expect(abs(a - p) <= 0.025, "planned \(p) s, arrived \(a) s")
        }
        #expect(run.lines.last?.text == "Exercise time 0:04 of 0:04 planned (rests and get-ready not counted).")
    }

    /// Plain mode says the routine's safety notes once, at the start, on standard error (as `plan` prints
    /// them), after the day's warnings (a stop first); a routine without notes adds nothing there.
    @Test func theSafetyNotesAreSaidOnceAtTheStart() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let notes = "! Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.\n"
            + "! A shaking core is fine. Sharp pain in your lower back is not. Stop if you feel it.\n"
        let core = try runcore(["run", "core", "--plain", "--no-sound", "--data-dir", dir.path], stdin: "q\n")
        #expect(core.status == 1)
        #expect(core.stderr == notes, "\(core.stderr)")
        #expect(try runcore(["log", "back", "6", "--spreading", "--data-dir", dir.path]).status == 0)
        let stopped = try runcore(["run", "core", "--plain", "--no-sound", "--data-dir", dir.path], stdin: "q\n")
        #expect(stopped.stderr.hasPrefix("STOP: ") && stopped.stderr.hasSuffix("provider.\n" + notes), "\(stopped.stderr)")
        let none = try runcore(["run", fixture("short.yaml"), "--plain", "--no-sound", "--data-dir", dir.path + "/other"], stdin: "q\n")
        #expect(none.stderr == "", "\(none.stderr)")
    }

    @Test func enterCompletesRepAndHoldSteps() throws {
        let run = try TimedRun(["run", fixture("reps.yaml")])  // stdout is a pipe: plain by itself
        let squats = try #require(run.waitForLine("start Squats (2 reps, Enter when done)"))
        usleep(300_000)
        run.type("\n")
        // A hold opens with a countdown to get into position; the first Enter starts the clock.
        let done = try #require(run.waitForLine(" done Squats "))
        #expect(run.waitForLine("start Get into position (5s)") != nil)
        run.type("\n")
        let hold = try #require(run.waitForLine("start Hold (hold, target 1s, Enter stops)"))
        usleep(1_200_000)
        run.type("\n")
        let held = try #require(run.waitForLine(" hold Hold "))
        #expect(run.wait() == 0)
        // What was recorded lies between when Enter was typed and when its line came back. The first step
        // starts the moment runcore's main does, before its first line is printed (start-up in a debug build
        // under load takes tens of milliseconds): its time is bounded by the launch, not by that line.
        let reps = try #require(tenths(done.text))
        #expect(reps >= 0.3 && reps <= done.at + 0.05, "\(done.text)")
        #expect(squats.at <= done.at)
        let h = try #require(tenths(held.text))
        #expect(h >= 1.2 && h <= held.at - hold.at + 0.2, "\(held.text)")   // (tenths, and the two lines' own delays)
        #expect(run.lines.contains { $0.text == "  Hold — held \(held.text.split(separator: " ").last!)" }, "\(run.lines.map(\.text))")
    }

    /// The `0:01.2` at the end of a line, in seconds.
    func tenths(_ line: String) -> Double? {
        guard let last = line.split(separator: " ").last else { return nil }
        let parts = last.split(separator: ":")
        guard parts.count == 2, let m = Double(parts[0]), let s = Double(parts[1]) else { return nil }
        return m * 60 + s
    }

    /// With input closed, rep and hold steps end after their planned time, and they are "not done", in the
    /// same words in the log and the summary.
    @Test func closedInputEndsCountUpStepsAfterTheirPlannedTimeInsteadOfHanging() throws {
        let run = try TimedRun(["run", fixture("reps.yaml"), "--plain"])
        run.closeInput()
        // 2 reps are planned at 3 s each, then 5 s to get into position, the hold at its 1 s target.
        #expect(run.wait(timeout: 20) == 0)
        let text = run.lines.map(\.text)
        #expect(text.contains { $0.hasSuffix("note input closed: rep and hold steps end after their planned time") })
        let ended = try #require(run.lines.first { $0.text.hasSuffix("ended Squats: not done (no one pressed Enter)") })
        #expect(abs(ended.at - 6) < 0.5)
        #expect(text.contains { $0.hasSuffix("ended Hold: not done (no one pressed Enter)") })
        #expect(text.contains("  Squats — not done (no one pressed Enter)"))
        #expect(text.contains("  Hold — not done (no one pressed Enter)"))
        #expect(!text.contains { $0.contains("reps in") || $0.contains("held") })
        #expect(text.contains("Exercise time 0:00 of 0:07 planned (rests and get-ready not counted)."))
    }

    /// Typed lines are the keys of full screen (one keymap): a space pauses and resumes, n skips, q quits.
    @Test func typedCommandsPauseSkipAndQuit() throws {
        let run = try TimedRun(["run", fixture("ten.yaml"), "--plain"])
        #expect(run.waitForLine("start Plank") != nil)
        run.type(" \n")
        #expect(run.waitForLine("pause Plank (0:10 left)") != nil || run.waitForLine("pause Plank (0:09 left)") != nil)
        run.type(" \n")
        #expect(run.waitForLine("resume Plank") != nil)
        run.type("n\n")
        #expect(run.waitForLine("skip Plank") != nil)
        #expect(run.waitForLine("start Rest (2s)") != nil)
        run.type("q\n")
        #expect(run.wait() == 1)
        #expect(run.lines.contains { $0.text.hasSuffix("finish stopped") })
    }

    @Test func signalsInPlainModeExitWithTheirStatus() throws {
        for (sig, status) in [(SIGINT, Int32(130)), (SIGTERM, 143), (SIGHUP, 129)] {
            let run = try TimedRun(["run", fixture("ten.yaml"), "--plain"])
            #expect(run.waitForLine("start Plank") != nil)
            kill(run.process.processIdentifier, sig)
            #expect(run.wait() == status)
            #expect(run.lines.contains { $0.text.hasSuffix("finish interrupted") })
        }
    }

    @Test func theEventHookRunsAtEachStepPauseResumeAndFinish() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let log = dir.url.appendingPathComponent("hook.log").path
        let run = try TimedRun(["run", fixture("short.yaml"), "--plain",
                                "--on-event", "echo \"$RUNCORE_EVENT|$RUNCORE_STEP|$RUNCORE_SECONDS_LEFT\" >> \(log)"])
        #expect(run.waitForLine("start Plank") != nil)
        run.type(" \n")
        #expect(run.waitForLine("pause Plank") != nil)
        run.type(" \n")
        #expect(run.wait() == 0)
        // The hook runs without being waited for: its lines are read as they come, up to a deadline.
        let lines = eventually({ (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? [] }) { $0.count >= 8 }
        #expect(Set(lines) == Set([
            "start|Get ready|1", "start|Plank|2", "pause|Plank|2", "resume|Plank|2",
            "start|Side plank (left)|1", "start|Switch sides|1", "start|Side plank (right)|1", "finish|finished|0",
        ]), "\(lines)")
    }

    @Test func settingsGiveDefaultsAndTheirErrorsNameTheFileAndLine() throws {
        let dir = TempDir()
        defer { dir.remove() }
        dir.write("config.yaml", "sound: false\nparams:\n  core: {sets: 2, plank: 45s}\n")
        let plan = try runcore(["plan", "core", "--data-dir", dir.path])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("Doses: sets 2 (from config.yaml) · plank 45s (from config.yaml) · rest 30s"))
        // The command line wins over the file.
        #expect(try runcore(["plan", "core", "--sets", "3", "--data-dir", dir.path]).stdout.contains("Doses: sets 3 ·"))
        // A mistake costs only that setting: it is said, and the rest is used.
        let config = dir.write("config.yaml", "sound: false\nvoice: maybe\n")
        let bad = try runcore(["plan", "core", "--data-dir", dir.path])
        #expect(bad.status == 0)
        #expect(bad.stderr == "\(config):2:8: voice must be true or false; using the default\n")
        dir.write("config.yaml", "sounds: false\n")
        #expect(try runcore(["plan", "core", "--data-dir", dir.path]).stderr
                == "\(config):1:1: unknown key 'sounds' in the settings, ignored; did you mean 'sound'?\n")
        dir.write("config.yaml", "params:\n  core: {sets: 5}\n")
        let dose = try runcore(["plan", "core", "--data-dir", dir.path])
        #expect(dose.stderr == "\(config):2:16: sets=5 is too many: allowed 2 to 3; using the default\n")
        #expect(dose.stdout.contains("Doses: sets 3 ·"))
    }
}
