import RoutineKit
import Testing
@testable import TerminalUI

/// Layout by display width: wide characters, emoji sequences, flags and combining marks (issue 9).
@Suite("Wide text")
struct WideTextTests {
    func session(name: String, cue: String) throws -> (Session, Nanos) {
        let routine = Routine(id: "w", title: "脇腹プランク 🏃‍♀️ 練習", steps: [
            .exercise(Exercise(name: name, cue: cue, work: .time(.literal(30)), sides: ["left", "right"], switchTime: .literal(5))),
        ])
        var s = Session(timeline: try Timeline(routine))
        _ = s.handle(.start(t0))
        _ = s.handle(.tick(t0 + secs(5)))
        return (s, t0 + secs(5))
    }

    /// Every wide character has its continuation cell, no continuation stands alone, and no row is wider
    /// than the screen.
    func checkCells(_ screen: Screen) {
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                let cell = screen[x, y]
                #expect(!cell.isContinuation, "row \(y) col \(x): a continuation without its character")
                let w = DisplayWidth.of(cell.char)
                #expect(w == 1 || w == 2, "row \(y) col \(x): width \(w)")
                if w == 2 {
                    #expect(x + 1 < screen.width && screen[x + 1, y].isContinuation, "row \(y) col \(x)")
                    x += 2
                } else {
                    x += 1
                }
            }
        }
    }

    @Test func wideTextIsLaidOutByColumns() throws {
        let (wide, now) = try session(name: "横向きプランク 👍🏽 🇫🇷 café", cue: "肘を肩の下に。腰を持ち上げて、頭からかかとまで一直線に。👨‍👩‍👧‍👦 Brace and breathe, e\u{301}lan.")
        let (plain, _) = try session(name: "Side plank", cue: "Elbow under shoulder.")
        for (w, h) in [(80, 24), (40, 12)] {
            let screen = renderSession(SessionView(session: wide, now: now), width: w, height: h)
            checkCells(screen)
            // The digits are where they would be with a plain name: text never gets inside them.
            let digitRows = { (s: Screen) in s.lines.filter { $0.contains("██") || $0.contains("▀") } }
            #expect(digitRows(screen) == digitRows(renderSession(SessionView(session: plain, now: now), width: w, height: h)), "\(w)×\(h)")
            let text = screen.text
            #expect(text.contains("横向きプランク") && text.contains("FR") && text.contains("👍") && !text.contains("🏽"), "\(w)×\(h)")
        }
    }

    @Test func emojiSequencesAreReducedToWhatEveryTerminalDrawsAlike() {
        #expect(DisplayWidth.normalized("🏃‍♀️") == "🏃")
        #expect(DisplayWidth.normalized("👨‍👩‍👧‍👦 family") == "👨 family")
        #expect(DisplayWidth.normalized("👍🏽") == "👍")
        #expect(DisplayWidth.normalized("🇫🇷🇯🇵") == "FRJP")
        #expect("e\u{301}".columns == 1 && "横".columns == 2 && "👍".columns == 2 && "abc".columns == 3)
        #expect(fit("横向きプランク", 7) == "横向き…")
        #expect(wrap("横向き プランク です", width: 8, maxLines: 3) == ["横向き", "プランク", "です"])
    }

    /// Writing over half of a wide character blanks all of it: nothing of an earlier screen is left.
    @Test func overwritingHalfAWideCharacterBlanksIt() {
        var s = Screen(width: 6, height: 1)
        s.put("横横横", x: 0, y: 0)
        s.put("a", x: 1, y: 0)
        #expect(s.lines == [" a横横"])
        s.put("b", x: 4, y: 0)
        #expect(s.lines == [" a横b"])
        checkCells(s)
        // Plain text over several wide characters: those it cuts at either end are blanked, those inside written over.
        var u = Screen(width: 8, height: 1)
        u.put("横横横横", x: 0, y: 0)
        u.put("abc", x: 1, y: 0)
        #expect(u.lines == [" abc横横"])
        u.put("横横横横", x: 0, y: 0)
        u.put("xy", x: 3, y: 0)
        #expect(u.lines == ["横 xy 横"])
        checkCells(u)
        // A wide character that does not fit at the edge is left out.
        var t = Screen(width: 3, height: 1)
        t.put("ab横", x: 0, y: 0)
        #expect(t.lines == ["ab"])
    }
}
