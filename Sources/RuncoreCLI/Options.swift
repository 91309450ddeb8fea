import ArgumentParser
import Foundation
import RoutineFiles
import RoutineKit

/// Options every command that runs or reads routines accepts.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Line output, no full screen (automatic when standard output is not a terminal).")
    var plain = false
    @Flag(name: .customLong("no-sound"), help: "No beeps or flashes.")
    var noSound = false
    @Flag(help: "Speak step names with espeak-ng, when it is installed.")
    var voice = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Keep routines, settings and history in DIR.", valueName: "DIR"))
    var dataDir: String?
    @Option(name: .customLong("on-event"), help: ArgumentHelp("Run CMD (without waiting) at each step start, pause, resume and finish.", valueName: "CMD"))
    var onEvent: String?
    @Option(name: .customLong("cue-log"), help: .hidden)
    var cueLog: String?
}

/// `--set NAME=VALUE` and the shortcuts `--plank`, `--aerobic`, `--roll`, `--sets`, `--target`, which are
/// `--set` on the routine parameter of the same name.
struct DoseOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Change a dose of the routine, e.g. --set plank=45s.", valueName: "NAME=VALUE"))
    var set: [String] = []
    @Option(help: ArgumentHelp("Plank time (e.g. 45s): --set plank=…", valueName: "TIME"))
    var plank: String?
    @Option(help: ArgumentHelp("Light aerobic time (e.g. 4m): --set aerobic=…", valueName: "TIME"))
    var aerobic: String?
    @Option(help: ArgumentHelp("Muscle groups to foam roll (e.g. calves,glutes): --set roll=…", valueName: "LIST"))
    var roll: String?
    @Option(help: ArgumentHelp("Number of sets (e.g. 2): --set sets=…", valueName: "N"))
    var sets: String?
    @Option(help: ArgumentHelp("Hold target (e.g. 45s): --set target=…", valueName: "TIME"))
    var target: String?

    func overrides() throws -> [(String, String)] {
        var out: [(String, String)] = []
        for item in set {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--set takes NAME=VALUE, like --set plank=45s (got '\(item)')")
            }
            out.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
        }
        let shortcuts: [(String, String?)] = [("plank", plank), ("aerobic", aerobic), ("roll", roll),
                                               ("sets", sets), ("target", target)]
        for case let (name, value?) in shortcuts { out.append((name, value)) }
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

    init(_ common: CommonOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        paths = Paths.resolve(dataDirOption: common.dataDir, environment: environment)
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
