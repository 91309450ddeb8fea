import Foundation
import Testing
import TestSupport

/// The first work step of each built-in routine at 80×24, in a real terminal: the figure beside the digits,
/// the cue and what comes next, all on one screen; at 40×12 the figure gives way.
@Suite("Figures on screen")
struct FigureScreenTests {
    @Test(arguments: [("warmup", "LIGHT AEROBIC", "    ●", "Jog gently on the spot", "Next: Plank"),
                      ("core", "SIDE PLANK · LEFT", "▄▄▄▟█▄▀", "Elbow under shoulder", "Next: switch to right side"),
                      ("planks", "FOREARM PLANK", "▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄█▖", "Forearms flat", "Next: Rest"),
                      ("hold", "PLANK HOLD", "▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄█▖", "Elbows under shoulders", "target")])
    func theFirstWorkStepShowsFigureDigitsCueAndNext(routine: String, name: String, figure: String, cue: String, next: String) throws {
        let t = Tmux((routine == "planks" ? ["run", routine] : [routine]) + ["--no-sound", "--data-dir", "d"])
        defer { t.stop() }
        #expect(t.waitFor("step 1 of", timeout: 5) != nil)
        t.send(routine == "hold" ? "Space" : "n")
        #expect(t.waitFor(name, timeout: 3) != nil)
        let screen = try #require(t.waitFor(next, timeout: 3))
        #expect(screen.contains(figure), "\(screen)")
        #expect(screen.contains("██████"))
        #expect(screen.contains(cue))
        #expect(screen.contains(next), "\(screen)")
        // Figure and digits side by side on the same rows.
        #expect(screen.split(separator: "\n").contains { $0.contains(figure) && $0.contains("██") }, "\(screen)")
        if let out = ProcessInfo.processInfo.environment["RUNCORE_SCREENS_OUT"] {
            let text = "## runcore \(routine), first work step, 80×24\n```\n\(screen)\n```\n"
            if let h = FileHandle(forWritingAtPath: out) { h.seekToEndOfFile(); h.write(Data(text.utf8)); h.closeFile() }
            else { _ = FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) }
        }
        t.resize(40, 12)
        let small = t.waitFor(timeout: 3) { $0.contains(name.prefix(10)) && !$0.contains(figure) }
        #expect(small != nil, "\(t.screen())")
        t.send("q", "y")
    }
}
