import Foundation
import History
import RoutineKit
import RunnerLog

/// Doses suggested from history: a dose marked `progress: true` in its routine (the warm-up's planks, the
/// hold's target) follows the plank progression.
package enum Progression {
    /// The suggested dose and its reason; or, when the history cannot be read, a line saying so (the dose then
    /// stays at the routine's own default, and the runner is told why).
    package static func suggest(for routine: Routine, context: Context) -> (values: ParamValues?, problem: String?) {
        guard let param = routine.progressingParam, case .duration(_, let lo, let hi) = param.kind else { return (nil, nil) }
        let name = param.name
        // The newest sessions, as far back as the last one whose dose lay in the range (an index makes
        // this a few rows however long the history is).
        var sessions: [SessionRow] = []
        do {
            try context.historyOpenedToRead()?.forEachSession(routine: routine.id) { s in
                sessions.append(s)
                let dose = s.params[name].flatMap(DurationText.parse)
                return !(dose.map { (PlankProgression.start...PlankProgression.top).contains($0) } ?? false) && sessions.count < 100
            }
        } catch {
            return (nil, "The history cannot be read, so \(name) stays at its default instead of your progression: \(error)")
        }
        Profile.mark("progression read")
        var (secs, reason) = PlankProgression.next(param: name, sessions: sessions, now: context.now, calendar: context.calendar)
        if let lo { secs = max(lo, secs) }
        if let hi { secs = min(hi, secs) }
        var values = ParamValues()
        values[name] = .seconds(secs)
        values.reasons[name] = reason
        return (values, nil)
    }
}

/// The runner's picks from the menu's checklist (the muscle groups to foam roll today), kept in the history
/// database and used as the default next time.
package enum MenuPicks {
    static func key(_ routine: Routine, _ param: String) -> String { "pick:\(routine.id):\(param)" }

    /// The picks kept for `routine`, and a line when they could not be read (the routine's defaults are used).
    static func load(routine: Routine, context: Context) -> (picks: [(String, ParamValue)], problem: String?) {
        // Only routines with a list to pick from have picks: the others need not open the history.
        guard routine.params.contains(where: { if case .list = $0.kind { return true } else { return false } }) else { return ([], nil) }
        do {
            guard let store = try context.historyOpenedToRead() else { return ([], nil) }
            return (try routine.params.compactMap { p in
                guard case .list = p.kind, let text = try store.preference(key(routine, p.name)), let value = try? p.parse(text) else { return nil }
                return (p.name, value)
            }, nil)
        } catch {
            return ([], "The history cannot be read, so your last pick is not used (\(routine.id) takes its defaults): \(error)")
        }
    }

    /// Saves a pick; returns a line to show if it could not be kept.
    static func save(routine: Routine, param: String, items: [String], context: Context) -> String? {
        do {
            let store = try HistoryStore(path: context.paths.historyFile.path, roles: context.routineRoles)
            try store.setPreference(key(routine, param), items.joined(separator: ","))
            return nil
        } catch {
            return "your pick could not be saved for next time: \(error)"
        }
    }
}
