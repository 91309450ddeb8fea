import ArgumentParser
import Foundation
import RoutineKit
import RunnerLog
import RoutineFiles
import RuncoreApp

/// Options every command that runs or reads routines accepts.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Line output, no full screen (automatic when standard output is not a terminal).")
    var plain = false
    @Flag(name: .customLong("no-sound"), help: "No beeps or flashes.")
    var noSound = false
    @Flag(help: "A voice coach: each step, its cue, countdowns and rests spoken with espeak-ng, when it is installed.")
    var voice = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false
    @Option(help: ArgumentHelp("Colours for your terminal's background: auto (ask the terminal), dark or light.", valueName: "THEME"))
    var theme: String?
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Keep routines, settings and history in DIR.", valueName: "DIR"))
    var dataDir: String?
    @Option(name: .customLong("on-event"), help: ArgumentHelp("Run CMD (without waiting) at each step start, pause, resume and finish.", valueName: "CMD"))
    var onEvent: String?
    @Option(name: .customLong("cue-log"), help: .hidden)
    var cueLog: String?

    func validate() throws {
        if let theme, !Settings.themes.contains(theme) {
            throw ValidationError("--theme takes auto, dark or light (got '\(theme)')")
        }
    }

    /// How a session is shown and heard.
    var session: SessionOptions {
        SessionOptions(plain: plain, noSound: noSound, voice: voice, noColor: noColor, theme: theme, onEvent: onEvent, cueLog: cueLog)
    }

    /// The launcher for these options: the context (files, the present) and how sessions are shown.
    var launcher: Launcher { Launcher(options: session, context: Context(dataDir: dataDir)) }
}

/// Where the history is, for the commands that only read or write the log. They take the session's options
/// too, unlisted and without effect, so that an option given before any command (`alias runcore='runcore
/// --no-color'`, moved after the command's name by `RuncoreCommand.commandFirst`) is never an error.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Keep routines, settings and history in DIR.", valueName: "DIR"))
    var dataDir: String?
    @Flag(help: .hidden) var plain = false
    @Flag(name: .customLong("no-sound"), help: .hidden) var noSound = false
    @Flag(help: .hidden) var voice = false
    @Flag(name: .customLong("no-color"), help: .hidden) var noColor = false
    @Option(help: .hidden) var theme: String?
    @Option(name: .customLong("on-event"), help: .hidden) var onEvent: String?
    @Option(name: .customLong("cue-log"), help: .hidden) var cueLog: String?

    func validate() throws {
        if let theme, !Settings.themes.contains(theme) {
            throw ValidationError("--theme takes auto, dark or light (got '\(theme)')")
        }
    }
}

/// `--set NAME=VALUE`, and `--NAME VALUE` (or `--NAME=VALUE`) for any parameter of the routine: `runcore warmup
/// --rolling 30s` is `runcore run warmup --set rolling=30s`. The routine decides which names exist, so these
/// are collected as given and checked against the routine (an unknown one is refused with the list it has).
struct DoseOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Change a dose of the routine, e.g. --set plank=45s.", valueName: "NAME=VALUE"))
    var set: [String] = []
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Any dose of the routine as --NAME VALUE (see the routine's --help).", valueName: "--NAME VALUE"))
    var named: [String] = []

    /// (name, value as typed), in the order given.
    func overrides() throws -> [(String, String)] {
        var out: [(String, String)] = []
        for item in set {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--set takes NAME=VALUE, like --set plank=45s (got '\(item)')")
            }
            out.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
        }
        var i = 0
        while i < named.count {
            let word = named[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw ValidationError("unexpected argument '\(word)'; doses are given as --NAME VALUE, like --plank 45s")
            }
            let body = word.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                out.append((String(body[..<eq]), String(body[body.index(after: eq)...])))
                i += 1
            } else {
                guard i + 1 < named.count else {
                    throw ValidationError("\(word) needs a value, like \(word) 45s")
                }
                out.append((String(body), named[i + 1]))
                i += 2
            }
        }
        return out
    }

    /// The doses as typed; a malformed one is one line and a usage error, like a dose the routine refuses.
    func checked() throws -> [(String, String)] {
        do {
            return try overrides()
        } catch let e as ValidationError {
            Out.error("runcore: \(e.message)")
            throw ExitStatus(Exit.usage)
        }
    }
}
