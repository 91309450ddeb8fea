import Foundation
import RoutineFiles
import RoutineKit
import TerminalUI
import Testing

/// The built-in routines as the runner sees them, step by step.
@Suite("Built-in routines on screen")
struct BuiltInScreensTests {
    /// A step says how to end it once: the screen's own line for a rep or hold step ("Press Enter when you have
    /// done them", "Enter or space stops the clock"), never again in the cue under it.
    @Test(arguments: ["warmup", "core", "hold", "planks"])
    func eachStepSaysHowToEndItOnce(_ id: String) throws {
        let timeline = try Timeline(try Catalog(userDirectory: nil).find(id).routine)
        var session = Session(timeline: timeline)
        let t0: Nanos = 1_000 * nanosPerSecond
        _ = session.handle(.start(t0))
        for (i, block) in timeline.blocks.enumerated() {
            #expect(session.index == i)
            if block.kind.isExercise {
                for (w, h) in [(80, 24), (40, 12)] {
                    let lines = renderSession(SessionView(session: session, now: t0), width: w, height: h).lines
                    let said = lines.dropLast(2).filter { $0.contains("Enter") }
                    #expect(said.count == (block.kind.countsUp ? 1 : 0), "\(id): \(block.label) at \(w)×\(h): \(said)")
                }
            }
            _ = session.handle(.key(.next, t0))
        }
    }
}
