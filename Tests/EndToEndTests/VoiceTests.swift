import Foundation
import Testing
import TestSupport

/// The voice coach with the real espeak-ng, writing each utterance to a WAV file (this machine has no sound
/// card): what the cue log says was started, and how long each WAV is, show that no utterance overlaps the
/// next and none starts late.
@Suite("Voice coach with espeak-ng")
struct VoiceTests {
    @Test func utterancesNeverOverlapAndNoneStartsLate() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let routine = dir.write("short-core.yaml", """
            title: Short core
            id: core
            steps:
              - get-ready: 3s
              - name: Side plank
                time: 8s
                sides: [left, right]
                switch: 3s
                sets: 2
                rest: 4s
                figure: side-plank-{side}
                cue: Elbow under shoulder, feet stacked. Lift your hips.
            """)
        let wavs = dir.path + "/wav"
        try FileManager.default.createDirectory(atPath: wavs, withIntermediateDirectories: true)
        let log = dir.path + "/cues.log"
        let r = try runcore(["run", routine, "--plain", "--voice", "--no-sound", "--cue-log", log, "--data-dir", dir.path],
                            environment: ["RUNCORE_VOICE_WAV_DIR": wavs], timeout: 90)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line -> (ms: Int, text: String) in
            let sp = line.firstIndex(of: " ")!
            return (Int(line[..<sp])!, String(line[line.index(after: sp)...]))
        }
        let starts = lines.filter { $0.text.hasPrefix("voice start ") }
        // runcore exits at once after the finish; espeak-ng goes on writing the last words, so the files are
        // waited for (each is complete once its writer has exited, which `fuser` would show; the count and
        // each file's length settling is enough here).
        func wavFiles() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: wavs)) ?? []).filter { $0.hasSuffix(".wav") }.sorted() }
        let files = eventually(timeout: 10, wavFiles) { $0.count >= starts.count }
        #expect(files.count == starts.count)
        _ = eventually(timeout: 10, { shellOutput("pgrep -f 'espeak-ng -s 165 -w \(wavs)' | wc -l") }) { $0 == "0" }
        let lengths = try Oracle.python(Binary.fixtures.appendingPathComponent("wav_lengths.py").path, files.map { wavs + "/" + $0 })
            .split(separator: "\n").map { Int($0.split(separator: " ")[1])! }
        #expect(lengths.count == starts.count)
        #expect(lengths.allSatisfy { $0 > 300 && $0 < 8000 }, "\(lengths)")
        // One voice at a time: each utterance starts once the one before has been said to its end.
        for i in 1..<starts.count {
            #expect(starts[i].ms >= starts[i - 1].ms + lengths[i - 1] - 1,
                    "'\(starts[i].text)' at \(starts[i].ms) overlaps '\(starts[i - 1].text)' (\(starts[i - 1].ms) + \(lengths[i - 1]) ms)")
        }
        // None late: a countdown word within 300 ms of its beep, a step's words within 3 s of the step.
        for s in starts {
            let text = String(s.text.dropFirst("voice start ".count))
            let word = ["Three": "countdown 3", "Two": "countdown 2", "One": "countdown 1"][text]
            let causes: Set<String> = word.map { [$0] } ?? ["start", "switch", "finish"]
            // (The cue line is written a moment after the instant the voice was asked for.)
            let cause = lines.last { line in line.ms <= s.ms + 50 && causes.contains(line.text) }
            let c = try #require(cause, "nothing led to '\(text)'")
            #expect(s.ms - c.ms <= (word == nil ? 3000 : 300) && s.ms - c.ms >= -50, "'\(text)' started \(s.ms - c.ms) ms after '\(c.text)'")
        }
        // Every step was named, and the finish was said.
        #expect(starts.filter { $0.text.contains("Side plank") }.count == 4)
        #expect(starts.last?.text == "voice start All done. Every step, well done.")
    }
}
