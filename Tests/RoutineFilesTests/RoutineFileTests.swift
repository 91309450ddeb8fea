import Foundation
import Testing
@testable import RoutineFiles
import RoutineKit

/// Parses `text` as the file `plank.yaml` and returns the one-line error, or nil if it loads.
func problem(_ text: String, file: String = "plank.yaml") -> String? {
    do {
        _ = try RoutineParser.parse(Data(text.utf8), file: file, defaultID: "plank")
        return nil
    } catch {
        return "\(error)"
    }
}

func load(_ text: String) throws -> Routine {
    try RoutineParser.parse(Data(text.utf8), file: "plank.yaml", defaultID: "plank")
}

let base = """
title: Plank test
params:
  plank: {default: 45s, min: 30s, max: 60s}
steps:
  - get-ready: 10s
  - name: Plank
    time: $plank

"""

/// Each error class, with the exact line a runner sees.
let problemCases: [(String, String)] = {
    var cases: [(String, String)] = []
    // Unknown keys, with a hint when the key is a near miss.
    cases.append(("titel: Plank\nsteps:\n  - rest: 5s\n", "plank.yaml:1:1: unknown key 'titel' in the routine; did you mean 'title'?"))
    cases.append((base + "    colour: red\n", "plank.yaml:8:5: unknown key 'colour' in a step (known keys: name, cue, time, reps, hold, target, get-ready, sets, rest, sides, switch, each, one-sided, move, move-cue, figure, say)"))
    // Durations.
    cases.append((base + "  - name: Bridge\n    time: forty seconds\n", "plank.yaml:9:11: duration must be like 30s or 1m30s"))
    cases.append((base + "  - name: Bridge\n    time: 45\n", "plank.yaml:9:11: duration must be like 30s or 1m30s"))
    cases.append((base + "  - name: Bridge\n    time: 0s\n", "plank.yaml:9:11: duration must be more than zero"))
    cases.append((base + "  - name: Bridge\n    time: -5s\n", "plank.yaml:9:11: duration must be more than zero"))
    cases.append((base + "  - rest: 1000h\n", "plank.yaml:8:11: duration must be at most 24h"))
    cases.append((base + "  - name: Bridge\n    time: 30s\n    sets: 0\n", "plank.yaml:10:11: sets must be more than zero"))
    cases.append((base + "  - name: Bridge\n    reps: 99999999999999999999\n", "plank.yaml:9:11: reps must be a whole number"))
    // A step that is two things at once, or nothing.
    cases.append((base + "  - name: Bridge\n    time: 30s\n    reps: 10\n", "plank.yaml:10:5: a step has one of time, reps or hold, not both 'time' and 'reps'"))
    cases.append((base + "  - name: Bridge\n", "plank.yaml:8:5: step 'Bridge' needs one of time (45s), reps (12) or hold (true)"))
    // Parameters.
    cases.append((base + "  - name: Bridge\n    time: $plnk\n", "plank.yaml:9:11: undefined parameter $plnk (defined: plank)"))
    cases.append((base + "  - name: Bridge\n    reps: $plank\n", "plank.yaml:9:11: parameter $plank is a duration, but a count is needed here"))
    cases.append(("title: T\nparams:\n  plank: {default: 90s, min: 30s, max: 60s}\nsteps:\n  - rest: 5s\n", "plank.yaml:3:20: default 1m30s is outside the allowed range (30s to 1m)"))
    // Shape.
    cases.append(("title: T\nsteps: []\n", "plank.yaml:2:8: steps must list at least one step"))
    cases.append(("title: T\n", "plank.yaml:1:1: missing required key 'steps'"))
    cases.append(("steps:\n  - rest: 5s\n", "plank.yaml:1:1: missing required key 'title'"))
    cases.append(("", "plank.yaml:1:1: the file is empty; a routine needs at least a title and steps"))
    cases.append(("- just\n- a list\n", "plank.yaml:1:1: the routine must be a mapping of keys to values"))
    // Syntax.
    cases.append(("title: T\nsteps:\n  - rest: [5s\n", "plank.yaml:4:1: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at 3:11)"))
    cases.append(("title: T\ntitle: U\nsteps:\n  - rest: 5s\n", "plank.yaml:1:1: duplicate key 'title'"))
    cases.append(("title: T\nsteps:\n\t- rest: 5s\n", "plank.yaml:3:1: tab used for indentation; indent with spaces"))
    // Anchors are refused before anything can expand.
    cases.append(("title: &t T\nsteps:\n  - rest: 5s\n", "plank.yaml:1:8: anchors and aliases (&name, *name) are not supported in routine files"))
    return cases
}()

@Suite("Routine files")
struct RoutineFileTests {
    @Test func aGoodFileLoadsWithItsParametersAndSteps() throws {
        let r = try load(base + """
              - name: Side plank
                time: 30s
                sides: [left, right]
                switch: 5s
                sets: 2
                rest: 20s
                cue: "Stack the joints\\nand brace"
            """)
        #expect(r.id == "plank")
        #expect(r.params == [Param(name: "plank", kind: .duration(default: 45, min: 30, max: 60))])
        #expect(r.steps.count == 3)
        guard case .exercise(let e) = r.steps[2] else { Issue.record("not an exercise"); return }
        #expect(e.cue == "Stack the joints and brace")
        #expect(e.sides == ["left", "right"])
        let expected: Nanos = seconds(10 + 45 + (30 + 5 + 30) * 2 + 20)
        #expect(try Timeline(r).total == expected)
    }

    @Test(arguments: problemCases)
    func eachProblemIsOneLineNamingFileLineAndColumn(text: String, expected: String) {
        #expect(problem(text) == expected)
    }

    @Test func controlCharactersNeverReachTheRoutine() throws {
        let r = try load("title: \"Plank \\e]52;c;cHduZWQ=\\a\\e[2J now\"\nsteps:\n  - name: \"\\e]0;owned\\aPlank\"\n    time: 5s\n    cue: \"a\\u202Eb\\x9bc\"\n")
        #expect(r.title == "Plank ]52;c;cHduZWQ=[2J now")
        guard case .exercise(let e) = r.steps[0] else { Issue.record("not an exercise"); return }
        #expect(e.name == "]0;ownedPlank")
        #expect(e.cue == "abc")
        let all = r.title + e.name + e.cue
        #expect(!all.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func anAliasBombIsRefusedQuickly() {
        var text = "title: T\nsteps:\n  - rest: 5s\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...12 { text += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let start = Date()
        let message = problem(text)
        #expect(message?.hasPrefix("plank.yaml:4:") == true, "\(message ?? "")")
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func deepNestingAndHugeFilesAreRefused() {
        let deep = "title: T\nsteps: " + String(repeating: "[", count: 100_000) + "\n"
        #expect(problem(deep) == "plank.yaml:2:72: nested too deeply (more than 64 brackets)")
        let dashes = "title: T\nsteps:\n" + String(repeating: "- ", count: 50_000) + "x\n"
        #expect(problem(dashes) == "plank.yaml:3:134: nested too deeply (more than 200 columns of indentation)")
        let huge = "title: T\nsteps:\n  - rest: 5s\n#" + String(repeating: "x", count: 1 << 20) + "\n"
        #expect(problem(huge)?.hasSuffix("routine files are limited to 1 MiB") == true)
    }

    @Test func invalidUTF8IsPointedAt() {
        var bytes = Array("title: T\nsteps:\n  - name: Pl".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("ank\n    time: 5s\n".utf8)
        #expect(throws: RoutineFileError(file: "plank.yaml", line: 3, column: 13, message: "the file is not valid UTF-8 text")) {
            try RoutineParser.parse(Data(bytes), file: "plank.yaml", defaultID: "plank")
        }
    }

    @Test func theFileNameIsReportedAsGiven() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        try "title: T\nsteps:\n  - name: Plank\n    time: 5 minutes\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RoutineFileError(file: path, line: 4, column: 11, message: "duration must be like 30s or 1m30s")) {
            try RoutineParser.load(path: path)
        }
        #expect(throws: RoutineFileError(file: dir.path + "/missing.yaml", line: 1, column: 1, message: "cannot read the file: no such file")) {
            try RoutineParser.load(path: dir.path + "/missing.yaml")
        }
    }
}

@Suite("Built-in routines")
struct BuiltInRoutineTests {
    let catalog = Catalog(userDirectory: nil)

    @Test func allFourLoadInOrderWithTheirTotals() throws {
        let (entries, errors) = catalog.all()
        #expect(errors.isEmpty)
        #expect(entries.map(\.routine.id) == ["warmup", "core", "hold", "planks"])
        let totals = try entries.map { Int(try Timeline($0.routine).total / nanosPerSecond) }
        // warmup: 10 s + 5 min + 2 × 30 s plank + 20 s rest + 30/5/30 s hips + 12 squats × 3 s, then four
        // groups rolled 30 s a side with a 5 s switch, and 5 s to move the roller between groups.
        // core: 10 s + 3 × (30 + 10 + 30 s) + 2 × 30 s rest. hold: 5 s to get into position, a 30 s target.
        // planks: 10 s + 2 rounds of four 30 s planks (the side plank both sides, 10 s to switch) with 10 s
        // rests between, and 30 s between rounds.
        #expect(totals == [10 + 300 + 60 + 20 + 65 + 36 + 4 * 65 + 3 * 5, 280, 35, 10 + 2 * (30 + 10 + 70 + 10 + 30 + 10 + 30) + 30])
    }

    @Test func theWarmupHasEveryExerciseTheArticleNames() throws {
        let t = try Timeline(try catalog.find("warmup").routine)
        let names = Set(t.blocks.map(\.name))
        #expect(names.isSuperset(of: ["Light aerobic", "Plank", "Hip openers", "Sumo squats", "Foam rolling"]))
        let planks = t.blocks.filter { $0.name == "Plank" }
        #expect(planks.count == 2 && planks.allSatisfy { $0.duration == 30 * nanosPerSecond })
        #expect(t.blocks.allSatisfy { !$0.kind.isExercise || !$0.cue.isEmpty })
    }

    @Test func coreIsTwoOrThreeSetsOfThirtySecondsASide() throws {
        let r = try catalog.find("core").routine
        for sets in [2, 3] {
            let t = try Timeline(r, params: try ParamValues.resolve(r, overrides: [("sets", "\(sets)")]))
            let planks = t.blocks.filter { $0.name == "Side plank" }
            #expect(planks.count == sets * 2)
            #expect(planks.allSatisfy { $0.duration == 30 * nanosPerSecond })
        }
        #expect(throws: ParamError.self) { try ParamValues.resolve(r, overrides: [("sets", "4")]) }
    }

    @Test func safetyAdviceIsThere() throws {
        let warmup = try catalog.find("warmup").routine
        let text = warmup.safety.joined(separator: " ")
        #expect(text.contains("constant") && text.contains("healthcare provider"))
        #expect(text.contains("300 to 500 miles"))
        #expect(text.contains("doctor"))
    }

    @Test func aUserRoutineIsFoundByIdAndReplacesABuiltInOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "title: My core\nsteps:\n  - name: Bird dog\n    time: 20s\n".write(to: dir.appendingPathComponent("core.yaml"), atomically: true, encoding: .utf8)
        try "title: Broken\nsteps: nope\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let catalog = Catalog(userDirectory: dir)
        #expect(try catalog.find("core").routine.title == "My core")
        let (entries, errors) = catalog.all()
        #expect(entries.map(\.routine.id) == ["warmup", "core", "hold", "planks"])
        #expect(errors.map(\.description) == [dir.appendingPathComponent("broken.yaml").path + ":2:8: steps must be a list of steps (lines starting with '- ')"])
        #expect(throws: UnknownRoutine.self) { try catalog.find("nope") }
    }
}

@Suite("Catalog")
struct CatalogTests {
    /// A built-in file that does not load is reported, not dropped without a word.
    @Test func aBrokenBuiltInFileIsReported() throws {
        let builtIns = BuiltInFiles(["good.yaml": "title: Good\nsteps:\n  - name: A\n    time: 5s\n",
                                     "bad.yaml": "title: Bad\nsteps:\n  - name: A\n    tme: 5s\n"])
        let catalog = Catalog(builtIns: builtIns, userDirectory: nil)
        let (entries, errors) = catalog.all()
        #expect(entries.map(\.routine.id) == ["good"])
        #expect(errors.map(\.description) == ["bad.yaml:4:5: unknown key 'tme' in a step; did you mean 'time'?"])
        #expect(throws: RoutineFileError(file: "bad.yaml", line: 4, column: 5, message: "unknown key 'tme' in a step; did you mean 'time'?")) {
            try catalog.find("bad")
        }
    }

    /// The built-in routines and figures are the files in Resources/, byte for byte, compiled into runcore:
    /// nothing is read from a folder beside it.
    @Test func theBuiltInFilesAreResourcesByteForByte() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (folder, files) in [("routines", BuiltInFiles.routines), ("figures", BuiltInFiles.figures)] {
            let dir = root.appendingPathComponent("Resources/\(folder)")
            let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(files.names == onDisk)
            for name in onDisk {
                #expect(files.contents(name) == FileManager.default.contents(atPath: dir.appendingPathComponent(name).path), "\(name)")
            }
        }
    }

    /// A runner's routines folder that cannot be read is said, once, and the built-in routines are still there.
    @Test func anUnreadableRoutinesFolderIsSaid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notafolder-\(UUID().uuidString)")
        try "x".write(to: dir, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (entries, errors) = Catalog(userDirectory: dir).all()
        #expect(entries.map(\.routine.id) == ["warmup", "core", "hold", "planks"])
        #expect(errors.map(\.description) == ["\(dir.path):1:1: cannot read the folder: not a folder"])
        #expect(Catalog(userDirectory: dir.appendingPathExtension("missing")).all().errors.isEmpty)
    }
}
