import ArgumentParser
import Testing
@testable import RuncoreApp
@testable import RuncoreCLI

/// A session's command line read without ArgumentParser must mean what ArgumentParser makes of it, and every
/// line it does not fully understand must be left to ArgumentParser.
@Suite("A session's command line")
struct SessionCommandLineTests {
    /// What ArgumentParser makes of a line: the routine, how the session is shown, the data folder, the doses.
    func parsed(_ args: [String]) throws -> (String, SessionOptions, String?, [String])? {
        switch try RuncoreCommand.parseAsRoot(args) {
        case let c as RunCommand:
            return (c.target.routine, c.target.common.session, c.target.common.dataDir, try c.target.doses.overrides().map { "\($0)=\($1)" })
        case let c as RoutineShortcut:
            return (type(of: c).configuration.commandName!, c.common.session, c.common.dataDir, try c.doses.overrides().map { "\($0)=\($1)" })
        default:
            return nil
        }
    }

    @Test func eachLineItReadsMeansWhatArgumentParserReads() throws {
        let lines = [
            "run /tmp/x/sixty.yaml --no-sound --data-dir /tmp/x",
            "run warmup",
            "run my-routine --plain --voice --no-color --theme light --on-event notify-send --cue-log /tmp/cues",
            "warmup", "core --no-sound", "hold --data-dir=/tmp/d --theme=dark",
            "run core --set sets=2 --set plank=45s", "warmup --set=roll=calves,glutes --plain",
            "hold --set target=1m30s --no-sound --data-dir /tmp/d",
        ]
        for line in lines {
            let args = line.split(separator: " ").map(String.init)
            let quick = try #require(SessionCommandLine(args), "\(line)")
            let (routine, options, dataDir, doses) = try #require(try parsed(args), "\(line)")
            #expect(quick.routine == routine, "\(line)")
            #expect(quick.options == options, "\(line)")
            #expect(quick.dataDir == dataDir, "\(line)")
            #expect(quick.doses.map { "\($0)=\($1)" } == doses, "\(line)")
        }
    }

    /// Help, doses by name, unknown words and options, an option twice, values that look like options, a bad theme
    /// or `--set` without `=`, other commands: all go to ArgumentParser.
    @Test func anythingElseIsLeftToArgumentParser() {
        let lines = [
            "", "run", "run --no-sound x.yaml", "run x.yaml extra", "run x.yaml --help", "warmup -h", "hold --help",
            "warmup --plank 45s", "core --sets=3", "run x.yaml --data-dir", "run x.yaml --data-dir --plain",
            "run x.yaml --theme blue", "run x.yaml --set plank", "run x.yaml --set =45s", "run x.yaml --plain --plain",
            "run x.yaml --data-dir a --data-dir b", "run x.yaml --plain=yes", "run x.yaml -- --plain", "run x.yaml --data-dir=",
            "plan warmup", "list", "history --json", "--version", "warmups",
        ]
        for line in lines {
            #expect(SessionCommandLine(line.split(separator: " ").map(String.init)) == nil, "\(line)")
        }
    }
}
