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
}
