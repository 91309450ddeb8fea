import Foundation
import Testing
import TestSupport

/// The scenario table (TestSupport/Scenarios.swift) through the binary: each scenario's history made with the
/// real commands and sessions (`log`, `shoes`, quick routines in plain mode, each at its own `RUNCORE_NOW`),
/// then three surfaces read for the day: `today`, the calendar's event for it (read with icalendar), and where
/// the menu's cursor starts (tmux). All three must say what the table says.
@Suite("The day's verdict through the binary")
struct ScenarioEndToEndTests {
    struct Calendar: Decodable {
        struct Event: Decodable { var day: String; var end: String; var summary: String }
        var events: [Event]
    }

    static let titles = ["warmup": "Pre-run warm-up", "core": "Off-day core", "planks": "Plank variations", "my-core": "My core"]

    /// The words `today` starts each warning with.
    static let warningWords = ["stopPain": "STOP:", "painStopped": "You stopped", "existingPain": "You said you already have low-back pain",
                               "pastNormal": "Your back is still sore", "rising": "Your back has got worse", "shoeLimit": "Shoes \"",
                               "shoeTop": "Shoes \"", "shoeAge": "Shoes \""]
    /// The words `today` asks each question with.
    static let questionWords = ["existingPain": "Do you have low-back pain already?", "cleared": "Has a healthcare provider seen you since?",
                                "backAfterPainStop": "How is your back after the stop for pain?",
                                "runAfterWarmup": "How far did you run after your warm-up?", "backAfterRun": "How is your back"]

    @Test(arguments: Scenario.all)
    func todayTheCalendarAndTheMenuAgree(_ s: Scenario) throws {
        let dir = TempDir()
        defer { dir.remove() }
        let usesOwn = s.happenings.contains { if case .session("my-core", _, _, _) = $0 { return true }; return false }
        for (id, text) in Scenario.routines where id != "my-core" || usesOwn { dir.write("routines/\(id).yaml", text) }
        if let days = s.runDays { dir.write("config.yaml", "run-days: [\(days.joined(separator: ", "))]\n") }
        func env(_ day: Int, _ hour: Int) -> [String: String] { ["TZ": "UTC", "RUNCORE_NOW": Scenario.now(day, hour)] }
        func rc(_ args: [String], _ day: Int, _ hour: Int, stdin: String? = nil, status: Int32 = 0) throws -> String {
            let r = try runcore(args + ["--data-dir", dir.path], stdin: stdin, environment: env(day, hour))
            #expect(r.status == status, "\(s.name): runcore \(args.joined(separator: " ")): \(r.stderr)")
            return r.stdout
        }
        for h in s.happenings {
            switch h {
            case .existingPain(let yes, let day, let hour): _ = try rc(["log", "existing-pain", yes ? "yes" : "no"], day, hour)
            case .run(let day, let hour, let km): _ = try rc(["log", "run", "\(km)km", "--date", String(format: "2026-11-%02d", day)], day, hour)
            case .back(let day, let hour, let level, let spreading, let constant):
                _ = try rc(["log", "back", "\(level)"] + (spreading ? ["--spreading"] : []) + (constant ? ["--constant"] : []), day, hour)
            case .cleared(let day, let hour): _ = try rc(["log", "cleared"], day, hour)
            case .shoes(let name, let km, let day): _ = try rc(["shoes", "add", name, "--start", "\(Int(km))km"], day, 8)
            case .session(let id, let day, let hour, let how):
                switch how {
                case .full: _ = try rc(["run", id, "--plain"], day, hour)
                case .skipped: _ = try rc(["run", id, "--plain"], day, hour, stdin: String(repeating: "n\n", count: 8))
                case .pain: _ = try rc(["run", id, "--plain"], day, hour, stdin: "!\n", status: 1)
                case .zero: _ = try rc(["run", id, "--plain"], day, hour, stdin: "q\n", status: 1)
                }
            }
        }
        let e = s.expected

        // `today`.
        let today = try rc(["today"], s.day, s.hour).split(separator: "\n").map(String.init)
        #expect(today.contains { $0.hasPrefix("→ " + e.headline) }, "\(s.name): \(today)")
        let warnings = today.filter { $0.hasPrefix("! ") || $0.hasPrefix("  STOP") || $0.hasPrefix("  You stopped") || $0.hasPrefix("  You said") }
        if let first = e.firstWarning {
            let line = warnings.first.map { $0.dropFirst(2) }.map(String.init) ?? ""
            #expect(line.hasPrefix(Self.warningWords[first]!), "\(s.name): \(today)")
        } else {
            #expect(warnings.isEmpty, "\(s.name): \(today)")
        }
        let asked = today.filter { $0.hasPrefix("? ") }
        #expect(asked.count == e.questions.count, "\(s.name): \(today)")
        for (line, q) in zip(asked, e.questions) { #expect(line.contains(Self.questionWords[q]!), "\(s.name): \(line)") }

        // The calendar: the event covering the day, if any.
        let ics = dir.path + "/week.ics"
        let wrote = try rc(["export", "--ics", ics], s.day, s.hour)
        let cal = try JSONDecoder().decode(Calendar.self, from: Data(try Oracle.python(Binary.fixtures.appendingPathComponent("read_ics.py").path, [ics]).utf8))
        // What export says of the file is what the file holds.
        let training = cal.events.filter { $0.summary.hasPrefix("Core") || $0.summary.hasPrefix("Warm up") }
        #expect(wrote.contains("no training planned") == training.isEmpty, "\(s.name): \(wrote) / \(cal.events.map(\.summary))")
        let day = String(format: "2026-11-%02d", s.day)
        let event = cal.events.first { $0.day <= day && day < $0.end }
        if let expected = e.calendar {
            #expect(event?.summary.hasPrefix(expected) == true, "\(s.name): \(String(describing: event))")
        } else {
            #expect(event == nil, "\(s.name): \(String(describing: event))")
        }

        // The menu: its questions passed over, the cursor where the verdict says.
        let t = Tmux(["--data-dir", dir.path, "--no-sound"], environment: env(s.day, s.hour))
        defer { t.stop() }
        var list: String?
        for _ in 0..<6 {
            list = t.waitFor(timeout: 5) { $0.contains("Enter start") || $0.contains("Esc skip") }
            guard let form = list, !form.contains("Enter start") else { break }
            t.send("Escape")
            _ = t.waitFor(timeout: 5) { $0 != form }
        }
        let screen = try #require(list, "\(s.name): the list never came")
        let chosen = screen.split(separator: "\n").first { $0.contains("▶ ") }.map { $0.components(separatedBy: "▶ ")[1] } ?? ""
        #expect(chosen.hasPrefix(Self.titles[e.routine ?? "warmup"]!), "\(s.name): \(screen)")
        t.send("q")
    }
}
