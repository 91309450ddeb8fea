import Foundation
import Testing
import TestSupport

func fixture(_ name: String) -> String { Binary.fixtures.appendingPathComponent(name).path }

/// The colour parameters (30–38, 40–48, 90–107 but not the defaults 39 and 49) of every SGR sequence in `text`.
func colourCodes(_ text: String) -> [Int] {
    var codes: [Int] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let m = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
        if rest[m] == "m" {
            codes += rest[..<m].split(separator: ";").compactMap { Int($0) }
                .filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
        }
        rest = rest[m...]
    }
    return codes
}

/// The real binary in a real terminal (tmux), as a runner uses it. Serialized: these tests measure time.
@Suite("Full screen, end to end", .serialized)
struct FullScreenTests {
    @Test func aRoutineRunsToTheEndExitsZeroOnTimeAndRestoresTheTerminal() throws {
        let start = Date()
        let t = Tmux(["run", fixture("short.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("GET READY", timeout: 5) != nil)
        #expect(t.waitFor("PLANK", timeout: 3) != nil)
        #expect(t.exitStatus() == 0)
        // 1 s get-ready + 2 s plank + 1 s left, 1 s switch, 1 s right = 6 s, plus start-up and polling.
        let took = Date().timeIntervalSince(start)
        #expect(took > 5.9 && took < 7.5, "took \(took) s")
        #expect(t.ttyModes() == "icanon echo")
        let screen = t.screen()
        #expect(screen.contains("Short test: finished after 0:06."))
        #expect(screen.contains("Side plank (right) — 0:01"))
    }

    @Test func spaceFreezesTheClockAndSaysSo() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        t.send("Space")
        let paused = try #require(t.waitFor("PAUSED · space to resume", timeout: 3))
        // Nothing moves while paused: looked at every 50 ms for 1.5 s.
        let moved = t.waitFor(timeout: 1.5) { $0 != paused }
        #expect(moved == nil, "\(moved ?? "")")
        t.send("Space")
        #expect(t.waitFor(timeout: 3) { !$0.contains("PAUSED") && $0 != paused } != nil)
        t.send("q")
        t.send("y")
        #expect(t.exitStatus() == 1)
    }

    @Test func nextAndBackMoveBetweenSteps() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("GET READY", timeout: 5) != nil)
        t.send("n")
        #expect(t.waitFor("PLANK", timeout: 3) != nil)
        t.send("Right")
        #expect(t.waitFor("REST", timeout: 3) != nil)
        t.send("p")
        #expect(t.waitFor(timeout: 3) { $0.contains("PLANK") && $0.contains("step 2 of 3") } != nil)
        t.send("C-c")
        #expect(t.exitStatus() == 130)
    }

    @Test func qAsksFirstAndYQuitsWithStatusOne() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        t.send("q")
        #expect(t.waitFor("Quit this session?", timeout: 3) != nil)
        t.send("x")  // any other key keeps going
        #expect(t.waitFor(timeout: 3) { !$0.contains("Quit this session?") } != nil)
        t.send("q")
        #expect(t.waitFor("Quit this session?", timeout: 3) != nil)
        t.send("y")
        #expect(t.exitStatus() == 1)
        #expect(t.ttyModes() == "icanon echo")
        #expect(t.screen().contains("Ten seconds: stopped early"))
    }

    @Test(arguments: [("INT", SIGINT, 130), ("TERM", SIGTERM, 143), ("HUP", SIGHUP, 129)])
    func aSignalRestoresTheTerminalAndExitsWithItsStatus(name: String, signal: Int32, status: Int) throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        let pid = try #require(t.programPID())
        kill(pid, signal)
        #expect(t.exitStatus() == status, "SIG\(name)")
        #expect(t.ttyModes() == "icanon echo", "SIG\(name)")
        #expect(t.screen().contains("Ten seconds: interrupted"), "SIG\(name)")
    }

    @Test func ctrlCFromTheKeyboardExits130() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        t.send("C-c")
        #expect(t.exitStatus() == 130)
        #expect(t.ttyModes() == "icanon echo")
    }

    @Test func resizingMidStepChangesTheLayoutAndTheStepStillEndsOnTime() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        let plankSeen = Date()
        t.resize(40, 12)
        let small = try #require(t.waitFor(timeout: 3) { $0.contains("▀") && !$0.contains("██") })
        #expect(small.contains("PLANK"))
        t.resize(20, 5)
        let lines = try #require(t.waitFor(timeout: 3) { $0.hasPrefix("PLANK") })
        #expect(lines.split(separator: "\n").count <= 5)
        t.resize(19, 4)
        #expect(t.waitFor("enlarge", timeout: 3) != nil)
        t.resize(80, 24)
        #expect(t.waitFor("██", timeout: 3) != nil)
        // The 10 s plank ends on time despite the resizes: REST appears about 10 s after PLANK did.
        #expect(t.waitFor("REST", timeout: 12) != nil)
        let took = Date().timeIntervalSince(plankSeen)
        #expect(took > 9.3 && took < 10.5, "plank lasted \(took) s")
        #expect(t.exitStatus() == 0)
    }

    /// A whole frame at `width`×`height` of a paused warm-up's get-ready screen: the header (title and step)
    /// on the top row, the bar and the time left on the row above the keys, the keys on the last row, the
    /// pause said, and no row wider than the window. A frame drawn for another size, or half-drawn, is not.
    static func isWholePausedFrame(_ screen: String, _ width: Int, _ height: Int) -> Bool {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard rows.count >= height else { return false }
        let header = rows[0], bar = rows[height - 2], keys = rows[height - 1]
        return header.hasPrefix(" Pre-run warm-up") && header.hasSuffix("step 1 of 24")
            && bar.hasPrefix(" ─") && bar.hasSuffix(" left") && keys.hasPrefix(" ") && keys.hasSuffix("! pain")
            && screen.contains("PAUSED") && rows.prefix(height).allSatisfy { $0.count <= width }
            && (width >= 46 && height >= 18) == screen.contains("██")
    }

    /// Resizing while paused draws the new size at once, however the resizes come: in a burst with keys
    /// between them (the runner's report), and straight after a big frame, when the window changes while the
    /// frame is still being written (which left the old frame, wrapped, on screen until a key).
    @Test func aBurstOfResizesWhilePausedEndsOnAWholeFrameEachTime() throws {
        let t = Tmux(["run", "warmup", "--no-sound", "--data-dir", "d"])
        defer { t.stop() }
        #expect(t.waitFor("GET READY", timeout: 5) != nil)
        t.send("Space")
        #expect(t.waitFor("PAUSED", timeout: 3) != nil)
        func settles(_ w: Int, _ h: Int, _ what: String) {
            let seen = eventually(timeout: 3, { t.screen() }) { Self.isWholePausedFrame($0, w, h) }
            #expect(Self.isWholePausedFrame(seen, w, h), "\(what): \(w)×\(h)\n\(seen)")
            // Nothing is left to draw: a full redraw (Ctrl-L) gives the very same picture.
            t.send("C-l")
            let again = eventually(timeout: 3, { t.screen() }) { $0 == seen }
            #expect(again == seen, "\(what): after Ctrl-L\n\(again)")
        }
        t.resize(40, 12); t.send("s"); t.resize(60, 16); t.resize(40, 12); t.resize(80, 24)
        t.send("Space", "Space")
        t.resize(40, 12)
        settles(40, 12, "the runner's burst")
        for (i, (w, h)) in [(40, 12), (80, 24), (60, 16), (40, 12), (30, 10), (46, 18)].enumerated() {
            t.resize(250, 80)
            _ = t.waitFor(timeout: 3) { Self.isWholePausedFrame($0, 250, 80) }
            // tmux holds back a resize that follows another within about 250 ms; past that, the next one
            // reaches the program at once, while it writes the big frame.
            usleep(300_000)
            t.send("C-l")   // a big frame to write...
            t.resize(w, h)  // ...and the window changes under it
            settles(w, h, "resize \(i + 1) after a big frame")
        }
        t.send("q", "y")
        #expect(t.exitStatus() == 1)
    }

    /// While a step runs, a resize is drawn at once too, not at the clock's next second: a whole frame at the
    /// new size within half a second, each time (the old frame used to stay until the next tick).
    @Test func aResizeWhileAStepRunsIsDrawnAtOnce() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = dir.write("long.yaml", "title: Long\nsteps:\n  - name: Plank\n    time: 1m\n    cue: Straight line, brace.\n")
        let t = Tmux(["run", routine, "--no-sound", "--data-dir", dir.path])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        func whole(_ screen: String, _ w: Int, _ h: Int) -> Bool {
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return rows.count >= h && rows[0].hasPrefix(" Long") && rows[0].hasSuffix("step 1 of 1") && rows[h - 2].hasSuffix(" left")
                && rows[h - 1].hasPrefix(" space pause") && rows[h - 1].hasSuffix("! pain") && rows.prefix(h).allSatisfy { $0.count <= w }
        }
        for (w, h) in [(40, 12), (60, 16), (46, 18)] {
            t.resize(250, 80)
            _ = t.waitFor(timeout: 3) { whole($0, 250, 80) }
            usleep(300_000)   // past tmux's holding back of a quick second resize (see above)
            t.send("C-l")
            let asked = Date()
            t.resize(w, h)
            let seen = eventually(timeout: 0.5, { t.screen() }) { whole($0, w, h) }
            #expect(whole(seen, w, h), "\(w)×\(h) after \(Date().timeIntervalSince(asked)) s:\n\(seen)")
        }
        t.send("q", "y")
        #expect(t.exitStatus() == 1)
    }

    @Test func noColorLeavesNoColourOnScreen() throws {
        let t = Tmux(["run", fixture("ten.yaml")], environment: ["NO_COLOR": "1"])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        let plain = t.screen(escapes: true)
        #expect(colourCodes(plain).isEmpty, "\(colourCodes(plain))")
        #expect(plain.contains("\u{1B}[1m"))  // bold still marks the clock
        t.send("C-c")
        #expect(t.exitStatus() == 130)

        let c = Tmux(["run", fixture("ten.yaml")])
        defer { c.stop() }
        #expect(c.waitFor("PLANK", timeout: 5) != nil)
        let coloured = c.screen(escapes: true)
        #expect(colourCodes(coloured).contains(32), "\(coloured)")  // green while working
        c.send("C-c")
    }

    @Test func theBellRingsAtThreeTwoOneSecondsLeft() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("bells-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let t = Tmux(["run", fixture("beeps.yaml")], recordTo: log)
        defer { t.stop() }
        // Watch the bytes the program sends; note when each bell (BEL outside a title sequence) arrives.
        var bells: [TimeInterval] = []
        var seen = 0
        let deadline = Date().addingTimeInterval(10)
        var exited: Date?
        // Until the program has ended, and a moment more for the recorder to catch up.
        while Date() < deadline, exited.map({ Date().timeIntervalSince($0) < 0.3 }) ?? true {
            if exited == nil, t.screen().contains("EXIT=") { exited = Date() }
            if let data = FileManager.default.contents(atPath: log) {
                let text = String(decoding: data, as: UTF8.self)
                let withoutTitles = text.replacingOccurrences(of: "\u{1B}\\][^\u{07}]*\u{07}", with: "", options: .regularExpression)
                let count = withoutTitles.filter { $0 == "\u{07}" }.count
                while seen < count { bells.append(t.secondsSinceStart); seen += 1 }
            }
            usleep(20_000)
        }
        // Get-ready starts (0 s), the 5 s plank starts (1 s), T−3, T−2, T−1 (3, 4, 5 s), the finish (6 s):
        // no countdown bell at T itself.
        #expect(bells.count == 6, "\(bells)")
        if bells.count == 6 {
            let gaps = zip(bells.dropFirst(), bells).map { $0 - $1 }
            for (gap, expected) in zip(gaps, [1.0, 2, 1, 1, 1]) { #expect(abs(gap - expected) < 0.3, "\(gaps)") }
        }
        #expect(t.exitStatus() == 0)
    }

    @Test func theWindowTitleShowsTheTimeLeft() throws {
        let t = Tmux(["run", fixture("ten.yaml")])
        defer { t.stop() }
        #expect(t.waitFor("PLANK", timeout: 5) != nil)
        let title = eventually({ t.format("#{pane_title}") }) { $0.hasSuffix("Plank - runcore") && $0.hasPrefix("0:") }
        #expect(title.hasSuffix("Plank - runcore") && title.hasPrefix("0:"), "\(title)")
        t.send("C-c")
    }

    @Test func theMenuStartsTheChosenRoutine() throws {
        let t = Tmux([])
        defer { t.stop() }
        t.passFirstQuestion()
        // With nothing logged, today is a day off: the cursor starts on the core session.
        #expect(t.waitFor("▶ Off-day core", timeout: 5) != nil)
        t.send("Down")
        #expect(t.waitFor("▶ Plank hold", timeout: 3) != nil)
        t.send("Enter")
        #expect(t.waitFor("GET INTO POSITION", timeout: 3) != nil)
        t.send("Space")  // space starts the clock once in position
        #expect(t.waitFor("PLANK HOLD", timeout: 3) != nil)
        usleep(1_100_000)
        t.send("Space")  // space stops a hold
        #expect(t.exitStatus() == 0)
        #expect(t.screen().contains("Plank hold — held 0:01."))
    }
}
