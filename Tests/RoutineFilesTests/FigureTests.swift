import Foundation
import Testing
@testable import RoutineFiles
import RoutineKit

@Suite("Exercise figures")
struct FigureTests {
    /// Every figure a built-in routine names exists, loads, and fits beside the digits; movements have two or
    /// three frames that change at most twice a second.
    @Test func everyBuiltInStepHasAFigureThatLoads() throws {
        let library = FigureLibrary(userDirectory: nil)
        let (entries, errors) = Catalog(userDirectory: nil).all()
        #expect(errors.isEmpty)
        var named = Set<String>()
        for entry in entries {
            let timeline = try Timeline(entry.routine, params: try ParamValues.resolve(entry.routine, overrides: []))
            for block in timeline.blocks where block.kind.isExercise || block.kind == .rest {
                let name = try #require(block.figure, "\(entry.routine.id): \(block.label) has no figure")
                named.insert(name)
            }
        }
        // Foam rolling: every group a runner can pick has its figure, not only the default ones.
        named.formUnion(["calves", "quads", "hamstrings", "glutes", "hip flexors", "IT band", "upper back"].map {
            Figure.resolve("roll-{item}", side: nil, item: $0)
        })
        for name in named.sorted() {
            let figure = try #require(library.figure(name), "\(name): \(library.problem(for: name) ?? "")")
            #expect(figure.rows <= 5, "\(name) is \(figure.rows) rows: it must fit beside the 5-row digits")
            #expect(figure.frames.flatMap { $0 }.allSatisfy { $0.count <= 20 }, "\(name)")
            #expect(figure.frames.count <= 3 && figure.every >= Figure.fastest)
        }
        for moving in ["light-aerobic", "hip-openers-left", "sumo-squat", "plank-leg-lift"] {
            #expect(library.figure(moving)?.isAnimated == true, "\(moving)")
        }
        #expect(named.count >= 17)
    }

    @Test func framesFollowActiveTime() {
        let f = Figure(name: "squat", frames: [["down"], ["up"]], every: 100_000_000)   // asked for 10 a second
        #expect(f.every == Figure.fastest)                                                // but at most 2
        #expect(f.frame(at: 0) == ["down"])
        #expect(f.frame(at: 499_999_999) == ["down"])
        #expect(f.frame(at: 500_000_000) == ["up"])
        #expect(f.frame(at: 1_000_000_000) == ["down"])
        #expect(f.nextChange(after: 200_000_000) == 300_000_000)
        #expect(Figure(name: "still", frames: [["x"]]).nextChange(after: 0) == nil)
        #expect(Figure.resolve("side-plank-{side}", side: "left", item: nil) == "side-plank-left")
        #expect(Figure.resolve("roll-{item}", side: "right", item: "IT band") == "roll-it-band")
    }

    /// A runner's own figure wins over a built-in one; a mistake is one FILE:LINE:COLUMN line.
    @Test func aRunnersFigureLoadsOrSaysWhereItIsWrong() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("figs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) { _ = FileManager.default.createFile(atPath: dir.path + "/\(name).fig", contents: Data(text.utf8)) }
        write("plank", "title: My plank\n~~~~\n  o__\n")
        write("bridge", "title: Bridge\nevery: 1s\n~~~~\n /\\\n~~~~\n_/\\_\n")
        write("wide", "~~~~\n" + String(repeating: "x", count: 25) + "\n")
        write("many", "~~~~\na\n~~~~\nb\n~~~~\nc\n~~~~\nd\n")
        write("fast", "every: 100ms\n~~~~\na\n")
        write("empty", "title: nothing\n")
        write("escape", "~~~~\nab\u{1B}[2J\n")
        let lib = FigureLibrary(userDirectory: dir)
        #expect(lib.figure("plank")?.title == "My plank")
        #expect(lib.figure("side-plank-left") != nil)
        let bridge = try #require(lib.figure("bridge"))
        #expect(bridge.frames == [[" /\\ "], ["_/\\_"]])      // frames padded to one size
        #expect(bridge.every == 1_000_000_000)
        let p = dir.path
        #expect(lib.problem(for: "wide") == "\(p)/wide.fig:2:25: a figure is at most 24 columns wide")
        #expect(lib.problem(for: "many") == "\(p)/many.fig:7:1: a figure has at most 3 frames")
        #expect(lib.problem(for: "fast") == "\(p)/fast.fig:1:8: every takes 500ms to 10s (a figure changes at most twice a second)")
        #expect(lib.problem(for: "empty") == "\(p)/empty.fig:1:1: a figure needs at least one frame of drawing after a line '~~~~'")
        #expect(lib.problem(for: "escape") == "\(p)/escape.fig:2:3: a control character cannot be drawn")
        #expect(lib.problem(for: "nope") == "no figure called 'nope': none is built in, and there is no \(p)/nope.fig")
        // A built-in figure's mistake would name its file as it is in Resources/figures.
        let builtIn = FigureLibrary(builtIns: BuiltInFiles(["lunge.fig": "title: Lunge\nspeed: 1s\n~~~~\n /\\\n"]), userDirectory: nil)
        #expect(builtIn.problem(for: "lunge") == "lunge.fig:2:1: unknown key 'speed' (a figure has title and every)")
        #expect(builtIn.problem(for: "plank") == "no figure called 'plank'")
        #expect(lib.figure("../etc/passwd") == nil)
    }
}
