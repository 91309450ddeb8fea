import Foundation
import GRDB

extension HistoryStore {
    /// Schema step "log v4" (one version after the runner's log came in): each run keeps its elapsed time beside
    /// the moving one, a note from its import and the watch's running form; shoe changes are kept so that
    /// `log undo` can take the last one back. Idempotent, like every step: a file half way through is finished.
    static func migrateLogV4(_ db: Database) throws {
        let runColumns = try columns(db, "run")
        for (name, type) in Self.runColumnsV4 where !runColumns.contains(name) {
            try db.execute(sql: "ALTER TABLE run ADD COLUMN \(name) \(type)")
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS shoe_change (
              id INTEGER PRIMARY KEY AUTOINCREMENT, at DATETIME NOT NULL, action TEXT NOT NULL, shoe TEXT NOT NULL, detail TEXT);
            CREATE INDEX IF NOT EXISTS run_by_recorded ON run(recorded_at);
            """)
    }

    /// The run columns the step adds, in order.
    static let runColumnsV4: [(String, String)] = [
        ("elapsed_seconds", "DOUBLE"), ("note", "TEXT"), ("cadence", "DOUBLE"), ("step_length", "DOUBLE"),
        ("ground_contact", "DOUBLE"), ("vertical_oscillation", "DOUBLE"), ("cadence_drop", "DOUBLE"),
    ]
}
