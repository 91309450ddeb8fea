import RoutineFiles
import RuncoreApp

/// A command line that starts a session in the plain way — `runcore run FILE`, `runcore warmup --no-sound`,
/// `runcore hold --data-dir DIR` — read without ArgumentParser, whose reflection of a command's options took 2 to
/// 3 ms of every start (a fifth of the time to the first frame).
///
/// Only the common options and `--set NAME=VALUE` are read here, each once, in the forms `--name value` and
/// `--name=value`. Anything else (help, a dose given as `--plank 45s`, a word or an option it does not know, an
/// option given twice, a value that looks like an option) makes `init` fail, and the line goes to ArgumentParser,
/// which stays the one judge of what runcore accepts and what it says about the rest. An option added to the
/// commands later simply takes that usual way until it is added here; `SessionCommandLineTests` checks that
/// both read the same from every line this one accepts.
struct SessionCommandLine {
    var routine: String
    var options: SessionOptions
    var dataDir: String?
    var doses: [(String, String)]

    static let flags = ["--plain", "--no-sound", "--voice", "--no-color"]
    static let valued = ["--theme", "--data-dir", "--on-event", "--cue-log", "--set"]

    init?(_ args: [String]) {
        guard let first = args.first else { return nil }
        var routine: String?
        var rest = args.dropFirst()
        if Context.shortcuts.contains(first) {
            routine = first
        } else if first == "run", let name = rest.first, !name.hasPrefix("-") {
            routine = name
            rest = rest.dropFirst()
        } else {
            return nil
        }
        var options = SessionOptions()
        var dataDir: String?
        var doses: [(String, String)] = []
        var seen: Set<String> = []
        while let word = rest.popFirst() {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let attached = parts.count > 1 ? String(parts[1]) : nil
            guard name.hasPrefix("--"), name == "--set" || !seen.contains(name) else { return nil }
            seen.insert(name)
            if Self.flags.contains(name) {
                guard attached == nil else { return nil }
                switch name {
                case "--plain": options.plain = true
                case "--no-sound": options.noSound = true
                case "--voice": options.voice = true
                default: options.noColor = true
                }
                continue
            }
            guard Self.valued.contains(name), let value = attached ?? rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "--theme":
                guard Settings.themes.contains(value) else { return nil }
                options.theme = value
            case "--data-dir": dataDir = value
            case "--on-event": options.onEvent = value
            case "--cue-log": options.cueLog = value
            default:
                guard let eq = value.firstIndex(of: "="), eq != value.startIndex else { return nil }
                doses.append((String(value[..<eq]), String(value[value.index(after: eq)...])))
            }
        }
        guard let routine else { return nil }
        self.routine = routine
        self.options = options
        self.dataDir = dataDir
        self.doses = doses
    }

    func run() throws {
        try Launcher(options: options, context: Context(dataDir: dataDir)).run(routine, overrides: doses)
    }
}
