import Foundation
import RoutineKit

/// Where start-up goes: with `RUNCORE_PROFILE=1`, runcore notes the wall and CPU time at each phase of a
/// start and prints them on standard error when it ends. Costs nothing otherwise.
package enum Profile {
    static let enabled = ProcessEnvironment.current["RUNCORE_PROFILE"] != nil
    nonisolated(unsafe) static var marks: [(String, Nanos, Double)] = []

    package static func cpuMillis() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000
    }

    package static func mark(_ phase: String) {
        guard enabled else { return }
        marks.append((phase, MonotonicClock.now(), cpuMillis()))
    }

    package static func report() {
        guard enabled, let first = marks.first else { return }
        var previous = first
        var lines = ["profile: phase                         wall (ms)  cpu (ms), from main"]
        for m in marks {
            let wall = Double(m.1 - first.1) / 1e6
            let step = Double(m.1 - previous.1) / 1e6
            lines.append("profile: " + m.0.padding(toLength: 28, withPad: " ", startingAt: 0)
                         + String(format: " %7.2f (+%6.2f)  %7.2f", wall, step, m.2))
            previous = m
        }
        Out.error(lines.joined(separator: "\n"))
    }
}
