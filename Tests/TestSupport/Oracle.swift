import Foundation

/// Test data made by the tools the field trusts (Garmin's FIT SDK, gpxpy, icalendar), through Python. `make
/// test` installs them (Tests/requirements.txt).
public enum Oracle {
    /// Runs a Python script with arguments; fails the caller with Python's own error text.
    public static func python(_ script: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script] + arguments
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw OracleFailed(message: "python3 \(script) \(arguments.joined(separator: " ")): " + String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    public struct OracleFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The activity files of `Tests/Fixtures/make_activities.py`, made once per test run, and what each
    /// should read as (its `expected.json`).
    public static func activities() throws -> (dir: String, expected: [String: [String: Any]]) {
        try lock.withLock {
            if let made = madeActivities { return made }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runcore-activities-\(getpid())").path
            try? FileManager.default.removeItem(atPath: dir)
            _ = try python(Binary.fixtures.appendingPathComponent("make_activities.py").path, [dir])
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json"))
            let expected = (try JSONSerialization.jsonObject(with: data)) as? [String: [String: Any]] ?? [:]
            madeActivities = (dir, expected)
            return (dir, expected)
        }
    }

    nonisolated(unsafe) static var madeActivities: (dir: String, expected: [String: [String: Any]])?
    static let lock = NSLock()
}
