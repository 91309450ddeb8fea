import Foundation
import Testing
@testable import RoutineFiles
import RoutineKit
import TestSupport

/// Breaks routine files the ways files get broken: flipped bytes, cut-off ends, lines repeated or lost,
/// unknown keys, huge numbers, deep nesting, anchors, invalid UTF-8, control characters.
enum Mutator {
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            let line = lines.isEmpty ? 0 : Int.random(in: 0..<lines.count, using: &rng)
            func insert(_ text: [UInt8]) { lines.insert(text, at: line); bytes = Array(lines.joined(separator: [10])) }
            switch Int.random(in: 0..<12, using: &rng) {
            case 0:
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            case 2: if !lines.isEmpty { insert(lines[line]) }
            case 3: if !lines.isEmpty { lines.remove(at: line); bytes = Array(lines.joined(separator: [10])) }
            case 4: insert(Array("  \(["nme", "tiem", "sets", "zzz", "rest", "each", "hold", "target"].randomElement(using: &rng)!): \(["1", "30s", "x", "[a, b]", "$plank", "true", ""].randomElement(using: &rng)!)".utf8))
            case 5: insert(Array("    time: \(["99999999999999999999s", "1000000h", "0s", "-3s", "1e9s", "9223372036854775807s"].randomElement(using: &rng)!)".utf8))
            case 6: insert(Array("    sets: \(["99999999999999999999", "100000", "-1", "0", "3.5"].randomElement(using: &rng)!)".utf8))
            case 7:
                let depth = Int.random(in: 1...20_000, using: &rng)
                insert(Array("x: ".utf8) + Array(repeating: UInt8(ascii: ["[", "{"].randomElement(using: &rng)!), count: depth))
            case 8: insert(Array("a: &a [lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]".utf8))
            case 9: insert([0xFF, 0xC3, 0x28, 0xE2, 0x82])
            case 10: insert(Array("  - name: \"\u{1B}]52;c;aGk=\u{07}\u{01}\u{7F}\"".utf8) + [0x1B, 0x5B, 0x32, 0x4A])
            default:
                let nest = Int.random(in: 1...12, using: &rng)
                var text = "steps:\n"
                for level in 0..<nest {
                    let pad = String(repeating: "  ", count: level * 2)
                    text += "\(pad)  - group: g\(level)\n\(pad)    sets: 100\n\(pad)    steps:\n"
                }
                text += String(repeating: "  ", count: nest * 2) + "  - {name: x, time: 1s}"
                insert(Array(text.utf8))
            }
        }
        return bytes
    }

    static var seeds: [[UInt8]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dirs = [root.appendingPathComponent("Resources/routines"), root.appendingPathComponent("Tests/Fixtures")]
        return dirs.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
                .filter { $0.hasSuffix(".yaml") }
                .compactMap { FileManager.default.contents(atPath: dir.appendingPathComponent($0).path).map(Array.init) }
        }
    }
}

@Suite("Routine file fuzzing")
struct FuzzTests {
    /// `RUNCORE_FUZZ_CASES` (make stress: 100,000) overrides the 2,000 of `make test`.
    static var cases: Int { ProcessInfo.processInfo.environment["RUNCORE_FUZZ_CASES"].flatMap(Int.init) ?? 2_000 }

    @Test func mutatedFilesEitherLoadOrFailWithOneLineFileLineColumn() throws {
        let seeds = Mutator.seeds
        #expect(seeds.count >= 6)
        var rng = SplitMix64(seed: 20261126)
        var rejected = 0, slowest = 0.0
        for i in 0..<Self.cases {
            let data = Data(Mutator.mutate(seeds[i % seeds.count], &rng))
            let name = "fuzz-\(i).yaml"
            let start = Date()
            do {
                let routine = try RoutineParser.parse(data, file: name, defaultID: "fuzz")
                let timeline = try Timeline(routine)
                #expect(timeline.blocks.count <= maxBlocks)
            } catch let e as RoutineFileError {
                rejected += 1
                let line = e.description
                #expect(line.hasPrefix("\(name):\(e.line):\(e.column): ") && e.line >= 1 && e.column >= 1, "\(line)")
                #expect(!e.message.isEmpty && !line.contains("\n"), "\(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in: \(line)")
            } catch {
                Issue.record("case \(i): not a file error: \(error)")
            }
            let took = Date().timeIntervalSince(start)
            slowest = max(slowest, took)
            #expect(took < 1, "case \(i) took \(took) s")
        }
        #expect(rejected > Self.cases / 4)
        print("fuzz: \(Self.cases) cases, \(rejected) rejected, slowest \(String(format: "%.3f", slowest)) s")
    }
}
