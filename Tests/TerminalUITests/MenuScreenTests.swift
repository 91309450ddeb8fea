import Testing
@testable import TerminalUI

@Suite("Menu screen")
struct MenuScreenTests {
    let items = [
        MenuItem(id: "warmup", title: "Pre-run warm-up", total: "11:11", summary: "About ten minutes that ready your body, core first, before you head out."),
        MenuItem(id: "core", title: "Off-day core", total: "4:40", summary: "Side planks for the days you do not run. A strong core takes load off your back."),
        MenuItem(id: "hold", title: "Plank hold", total: "0:30", summary: "One plank."),
    ]

    @Test func theChosenRoutineIsMarkedAndItsSummaryShown() {
        let screen = renderMenu(MenuView(items: items, selected: 1), width: 60, height: 12)
        #expect(screen.lines == [
            " runcore · warm-up and core for runners",
            "",
            "   Pre-run warm-up  11:11",
            " ▶ Off-day core      4:40",
            "   Plank hold        0:30",
            "",
            "   Side planks for the days you do not run. A strong core",
            "   takes load off your back.",
            "",
            "",
            "",
            " ↑↓ choose · Enter start · h history · ? help · q quit",
        ])
        #expect(screen[1, 3].style.bold)
    }

    /// Down to one cell the chosen routine's marker is on screen, and nothing is drawn at zero size.
    @Test func tinyMenusShowTheChoice() {
        for (w, h) in [(1, 1), (19, 2), (20, 3), (20, 5)] {
            let s = renderMenu(MenuView(items: items, selected: 0), width: w, height: h)
            #expect(s.lines.first?.hasPrefix("▶") == true || s.lines.contains { $0.contains("▶ Pre-run") }, "\(w)×\(h)")
        }
        #expect(renderMenu(MenuView(items: items, selected: 0), width: 0, height: 0).cells.isEmpty)
        #expect(renderMenu(MenuView(items: items, selected: 2), width: 12, height: 2).lines == ["▶ Plank hold", ""])
    }

    static let today = [MenuLine("STOP: you said today that your back pain is spreading. Do not run or train; talk to a healthcare provider.", style: .stop),
                        MenuLine("Rest: no running and no core session until a healthcare provider has seen you. Once one has: runcore log cleared"),
                        MenuLine("Shoes \"Old\" have 820 km (510 mi): past 500 mi, the top of the 300–500 mi a pair lasts. Replace them, then: runcore shoes retire \"Old\"", style: .warning)]

    /// A stop is the first thing under the title at every size from 40×8 up, whole (wrapped, never cut); the
    /// advice and warnings after it are shown whole or left to `runcore today`; the chosen routine stays in view.
    @Test func aStopForPainIsFirstAndWholeAtEverySize() {
        let big = renderMenu(MenuView(items: items, selected: 0, today: Self.today), width: 80, height: 24)
        #expect(Array(big.lines[0...11]) == [
            " runcore · warm-up and core for runners",
            "",
            " ! STOP: you said today that your back pain is spreading. Do not run or train;",
            "   talk to a healthcare provider.",
            " → Rest: no running and no core session until a healthcare provider has seen",
            "   you. Once one has: runcore log cleared",
            " ! Shoes \"Old\" have 820 km (510 mi): past 500 mi, the top of the 300–500 mi a",
            "   pair lasts. Replace them, then: runcore shoes retire \"Old\"",
            "",
            " ▶ Pre-run warm-up  11:11",
            "   Off-day core      4:40",
            "   Plank hold        0:30",
        ])
        #expect(big[3, 2].style.bold && big[3, 3].style.bold)
        #expect(renderMenu(MenuView(items: items, selected: 0, today: Self.today), width: 40, height: 12).lines == [
            " runcore · warm-up and core for runners",
            "",
            " ! STOP: you said today that your back",
            "   pain is spreading. Do not run or",
            "   train; talk to a healthcare",
            "   provider.",
            " … the rest: runcore today",
            " ▶ Pre-run warm-up  11:11",
            "   Off-day core      4:40",
            "   Plank hold        0:30",
            "",
            " ↑↓ Enter start · h history · q quit",
        ])
        #expect(renderMenu(MenuView(items: items, selected: 2, today: Self.today), width: 40, height: 8).lines == [
            " runcore · warm-up and core for runners",
            " ! STOP: you said today that your back",
            "   pain is spreading. Do not run or",
            "   train; talk to a healthcare",
            "   provider.",
            " … the rest: runcore today",
            " ▶ Plank hold        0:30",
            " ↑↓ Enter start · h history · q quit",
        ])
        for (w, h) in [(40, 8), (60, 10), (100, 40)] {
            let s = renderMenu(MenuView(items: items, selected: 1, today: Self.today), width: w, height: h)
            #expect(s.lines[1...2].contains { $0.hasPrefix(" ! STOP") }, "\(w)×\(h)")
            #expect(s.lines.contains { $0.contains("provider.") }, "\(w)×\(h)")
            #expect(s.lines.contains { $0.contains("▶ Off-day core") }, "\(w)×\(h)")
        }
    }

    @Test func aFormShowsItsFieldsAndTheCursor() {
        let form = FormView(question: "You warmed up at 07:02. How far did you run?", lines: ["Like 8.2km or 5mi."],
                            fields: [FormField(label: "Distance", kind: .text("8.2", placeholder: "8.2km")),
                                     FormField(label: "Time", kind: .text("", placeholder: "45m (optional)")),
                                     FormField(label: "Back", kind: .choice(["0", "1", "2"], selected: 1))], colour: false)
        #expect(renderForm(form, width: 40, height: 12).lines == [
            " You warmed up at 07:02. How far did",
            " you run?",
            "",
            " Like 8.2km or 5mi.",
            "",
            " ▶ Distance  8.2▏",
            "   Time      45m (optional)",
            "   Back       0 [1] 2",
            "",
            "",
            "",
            " Enter save · Esc skip · ↑↓ ←→",
        ])
        var field = form.fields[2]
        field = field.handling(.right)!
        #expect(field.value == "2")
        #expect(field.handling(.right)!.value == "2")     // stays at the end
        #expect(form.fields[0].handling(.backspace)?.value == "8.")
        for (w, h) in [(0, 0), (1, 1), (20, 3), (20, 5)] { #expect(renderForm(form, width: w, height: h).width == w) }
    }

    /// The foam-rolling checklist at 40×12: its question whole on two rows, every choice below it, and a key
    /// line that drops the count before it cuts a key.
    @Test func theChecklistKeepsItsQuestionAndKeysWholeAt40Columns() {
        let v = ChecklistView(title: "Pre-run warm-up: what feels tight today?",
                              choices: ["calves", "quads", "hamstrings", "glutes", "hip flexors", "IT band", "upper back"],
                              ticked: ["calves", "quads"], cursor: 1, colour: false)
        #expect(renderChecklist(v, width: 40, height: 12).lines == [
            " Pre-run warm-up: what feels tight",
            " today?",
            "",
            "   [x] calves",
            " ▶ [x] quads",
            "   [ ] hamstrings",
            "   [ ] glutes",
            "   [ ] hip flexors",
            "   [ ] IT band",
            "   [ ] upper back",
            "",
            " space tick · Enter start · Esc back",
        ])
        #expect(renderChecklist(v, width: 80, height: 24).lines.last == " space tick · Enter start (2 ticked) · Esc back")
        #expect(renderChecklist(v, width: 80, height: 24).lines[0] == " Pre-run warm-up: what feels tight today?")
        for (w, h) in [(0, 0), (1, 1), (20, 3), (40, 8)] { #expect(renderChecklist(v, width: w, height: h).width == w) }
        // Where the rows are few, the question keeps one row and the cursor stays in view.
        #expect(renderChecklist(ChecklistView(title: v.title, choices: v.choices, ticked: [], cursor: 6, colour: false), width: 40, height: 8)
            .lines.contains(" ▶ [ ] upper back"))
    }

    /// At 40 columns a 0-10 scale closes up instead of being cut, and a refusal wraps whole above the keys.
    @Test func aFormAt40ColumnsCutsNeitherTheScaleNorTheReason() {
        let form = FormView(question: "How is your back?", lines: [],
                            fields: [FormField(label: "Back", kind: .choice((0...10).map(String.init), selected: 5))],
                            problem: "not logged: 50.0 km in 20:00 is 0:24 per km: faster than 1:30 per km, beyond any runner", colour: false)
        let lines = renderForm(form, width: 40, height: 12).lines
        #expect(lines.contains(" ▶ Back  0 1 2 3 4 [5] 6 7 8 9 10"), "\(lines)")
        #expect(lines[4...6] == [" not logged: 50.0 km in 20:00 is 0:24", " per km: faster than 1:30 per km,", " beyond any runner"], "\(lines)")
        #expect(renderForm(form, width: 80, height: 24).lines.contains(" ▶ Back   0  1  2  3  4 [5] 6  7  8  9  10"))
    }
}
