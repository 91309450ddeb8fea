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
            " ↑↓ choose · Enter start · h history · q quit",
        ])
        #expect(screen[1, 3].style.bold)
    }

    @Test func tinyMenusDoNotCrash() {
        for (w, h) in [(0, 0), (1, 1), (19, 2), (20, 3), (20, 5)] {
            let s = renderMenu(MenuView(items: items, selected: 0), width: w, height: h)
            #expect(s.width == w && s.height == h)
        }
        #expect(renderMenu(MenuView(items: items, selected: 2), width: 12, height: 2).lines == ["▶ Plank hold", ""])
    }

    static let today = [MenuLine("STOP: you said today that your back pain is spreading. Do not run; talk to a healthcare provider before you train again.", alert: true),
                        MenuLine("Rest today: no running and no core session until you have seen a healthcare provider."),
                        MenuLine("Shoes \"Old\" have 820 km (510 mi): past 500 mi.", alert: true)]

    /// A stop for pain is the first thing under the title at every size from 40×8 up; the list keeps its rows.
    @Test func aStopForPainIsFirstAtEverySize() {
        let big = renderMenu(MenuView(items: items, selected: 0, today: Self.today), width: 80, height: 24)
        #expect(Array(big.lines[2...8]) == [
            " ! STOP: you said today that your back pain is spreading. Do not run; talk to a",
            " healthcare provider before you train again.",
            " → Rest today: no running and no core session until you have seen a healthcare",
            " provider.",
            " ! Shoes \"Old\" have 820 km (510 mi): past 500 mi.",
            "",
            " ▶ Pre-run warm-up  11:11",
        ])
        #expect(big[3, 2].style.bold)
        let small = renderMenu(MenuView(items: items, selected: 0, today: Self.today), width: 40, height: 12)
        #expect(Array(small.lines[0...5]) == [
            " runcore · warm-up and core for runners",
            "",
            " ! STOP: you said today that your back …",
            " ▶ Pre-run warm-up  11:11",
            "   Off-day core      4:40",
            "   Plank hold        0:30",
        ])
        for (w, h) in [(40, 8), (60, 10), (100, 40)] {
            let s = renderMenu(MenuView(items: items, selected: 0, today: Self.today), width: w, height: h)
            #expect(s.lines[2].hasPrefix(" ! STOP"), "\(w)×\(h)")
            #expect(s.lines.contains { $0.contains("Plank hold") }, "\(w)×\(h)")
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
}
