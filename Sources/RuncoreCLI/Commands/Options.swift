import ArgumentParser
import Foundation
import History
import RoutineFiles
import RoutineKit

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
}

/// Where the history is, for the commands that only read or write the log.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Keep routines, settings and history in DIR.", valueName: "DIR"))
    var dataDir: String?
}

/// `--set NAME=VALUE`, and `--NAME VALUE` (or `--NAME=VALUE`) for any parameter of the routine: `runcore warmup
/// --rolling 30s` is `runcore run warmup --set rolling=30s`. The routine decides which names exist, so these
/// are collected as given and checked against the routine (an unknown one is refused with the list it has).
struct DoseOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Change a dose of the routine, e.g. --set plank=45s.", valueName: "NAME=VALUE"))
    var set: [String] = []
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Any dose of the routine as --NAME VALUE (see the routine's --help).", valueName: "--NAME VALUE"))
    var named: [String] = []

    /// Doses given in code (the menu's pick): `--set` for each.
    static func setting(_ pairs: [String] = []) -> DoseOptions {
        (try? DoseOptions.parse(pairs.flatMap { ["--set", $0] })) ?? (try! DoseOptions.parse([]))
    }

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

    /// The doses the runner typed, by name (the last one given wins).
    func explicitNames() throws -> Set<String> { Set(try overrides().map(\.0)) }
}

/// What a command works with: locations and the routine catalog, built from the options and environment.
struct Context {
    var paths: Paths
    var environment: [String: String]
    var catalog: Catalog
    /// Exercise figures: built-in, and the runner's own in the `figures` folder beside their routines.
    var figures: FigureLibrary { FigureLibrary(userDirectory: paths.configDir.appendingPathComponent("figures")) }
    /// The history opened for reading, kept for the run: progression, picks and the hold screen share it.
    let readCache = ReadCache()

    final class ReadCache {
        var store: HistoryStore??
        /// Databases opened along the way, kept open until exit (see `MenuPicks.save`).
        var kept: [HistoryStore] = []
    }

    init(_ common: CommonOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(dataDir: common.dataDir, environment: environment)
    }

    init(dataDir: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        paths = Paths.resolve(dataDirOption: dataDir, environment: environment)
        catalog = Catalog(userDirectory: paths.routinesDir)
    }

    /// The routine called `name` (an id or a path), or an error line and the right exit status.
    func routine(_ name: String) throws -> Routine {
        do {
            return try catalog.find(name).routine
        } catch let e as RoutineFileError {
            Out.error(e.description)
            throw ExitCode(Exit.badData)
        } catch let e as UnknownRoutine {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.usage)
        }
    }

    /// The routine's timeline with the runner's doses applied; a bad dose is a usage error.
    func timeline(_ routine: Routine, doses: DoseOptions, extra: ParamValues? = nil) throws -> Timeline {
        do {
            var values = try ParamValues.resolve(routine, overrides: try doses.overrides())
            if let extra {
                let typed = try doses.explicitNames()
                for (name, value) in extra.values where !typed.contains(name) {
                    values[name] = value
                    if let why = extra.reasons[name] { values.reasons[name] = why }
                }
            }
            return try Timeline(routine, params: values)
        } catch let e as ParamError {
            Out.error("runcore: \(e)")
            throw ExitCode(Exit.usage)
        } catch let e as TimelineError {
            Out.error("runcore: \(routine.id): \(e)")
            throw ExitCode(Exit.badData)
        } catch let e as ValidationError {
            Out.error("runcore: \(e.message)")
            throw ExitCode(Exit.usage)
        }
    }
}
