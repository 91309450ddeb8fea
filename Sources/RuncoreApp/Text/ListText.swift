import Foundation
import RunnerLog
import RoutineFiles
import RoutineKit

/// The routines as `runcore list` prints them (and the menu in plain mode): id, the total a session will have
/// now, title and summary, and where a runner's own routine lives. Ids are never cut.
package enum ListText {
    package static func lines(_ entries: [CatalogEntry], total: (Routine) -> String) -> [String] {
        let width = max(6, entries.map(\.routine.id.count).max() ?? 6)
        return entries.map { entry in
            let r = entry.routine
            var line = r.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + PlanText.pad(total(r), 6) + "  " + r.title
            if !r.summary.isEmpty { line += ": " + r.summary }
            if case .user(let path) = entry.source { line += " [\(path)]" }
            return line
        }
    }
}
