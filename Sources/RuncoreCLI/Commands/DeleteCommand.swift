import ArgumentParser
import Foundation
import RunnerLog
import RuncoreApp
import History

/// `runcore delete run|back|session ID...`: removes rows by the ids `history` shows, in one transaction, and
/// says what each held. A row that no longer reads (a time that is not a time) can be deleted all the same.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete runs, back check-ins, a provider's go-ahead or sessions by id (as runcore history --of ... shows them).",
        discussion: "All of them or none: an id that is not there deletes nothing. `runcore log undo` takes back the last thing logged.")
    @Argument(help: ArgumentHelp("run, back, cleared or session.", valueName: "KIND")) var kind: String
    @Argument(help: ArgumentHelp("Ids, as runcore history --of runs|back|sessions shows them.", valueName: "ID")) var ids: [String] = []
    @OptionGroup var data: DataOptions

    var logKind: HistoryStore.LogKind? {
        switch kind.lowercased() {
        case "run", "runs": return .run
        case "back", "check-in", "checkin": return .back
        case "session", "sessions": return .session
        case "cleared", "clearance": return .cleared
        default: return nil
        }
    }

    func validate() throws {
        guard logKind != nil else { throw ValidationError("delete takes run, back, cleared or session, then ids; got '\(Out.shown(kind))'") }
        guard !ids.isEmpty else { throw ValidationError("say which \(kind) to delete, by id (runcore history --of \(listName) shows them)") }
        for id in ids where Int64(id) == nil || Int64(id)! < 1 {
            throw ValidationError("an id is a whole number, as runcore history --of \(listName) shows; got '\(Out.shown(id))'")
        }
    }

    var listName: String {
        switch logKind {
        case .run?: return "runs"
        case .back?, .cleared?: return "back"
        default: return "sessions"
        }
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let kind = logKind!
        let numbers = ids.compactMap { Int64($0) }
        guard FileManager.default.fileExists(atPath: context.paths.historyFile.path) else {
            Out.error("runcore: nothing to delete: no history yet")
            throw ExitStatus(Exit.usage)
        }
        let units = context.limits(context.settings).units
        switch try context.writing({ try $0.delete(kind, ids: numbers) }) {
        case .missing(let missing):
            let what = kind == .back ? "back check-in" : kind == .cleared ? "go-ahead from a provider" : kind.rawValue
            Out.error("runcore: no \(what) \(missing.map(String.init).joined(separator: ", ")) (runcore history --of \(listName) shows the ids); nothing was deleted")
            throw ExitStatus(Exit.usage)
        case .removed(let removed):
            for r in removed { Out.line("Deleted " + Corrections.describe(r, units: units, calendar: context.calendar) + ".") }
        }
    }
}
