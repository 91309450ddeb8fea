import Foundation
import RoutineKit
import Testing
@testable import TerminalUI

/// Colour by phase, and the monochrome look that carries the same information with attributes.
@Suite("Styles and sizes")
struct StyleTests {
    /// The style of the clock's first lit cell.
    func clockStyle(_ view: SessionView) -> Style {
        let screen = renderSession(view, width: 80, height: 24)
        for y in 0..<screen.height { for x in 0..<screen.width where screen[x, y].char == "█" { return screen[x, y].style } }
        return .plain
    }

    @Test func eachPhaseHasItsColour() throws {
        let (ready, r) = try coreSession(at: secs(2))
        let (work, w) = try coreSession(at: secs(25))
        let (rest, s) = try coreSession(at: secs(85))
        let (paused, p) = try coreSession(at: secs(30), pauseAt: secs(25))
        let (last, l) = try coreSession(at: secs(38) + 500_000_000)
        #expect(clockStyle(SessionView(session: ready, now: r)).role == .getReady)
        #expect(clockStyle(SessionView(session: work, now: w)).role == .work)
        #expect(clockStyle(SessionView(session: rest, now: s)).role == .rest)
        #expect(clockStyle(SessionView(session: paused, now: p)).role == .paused)
        #expect(clockStyle(SessionView(session: last, now: l)).role == .final)
    }

    @Test func withoutColourAttributesTellThePhases() throws {
        let (work, w) = try coreSession(at: secs(25))
        let (rest, s) = try coreSession(at: secs(85))
        let (paused, p) = try coreSession(at: secs(30), pauseAt: secs(25))
        let (last, l) = try coreSession(at: secs(38) + 500_000_000)
        let styles = [clockStyle(SessionView(session: work, now: w, colour: false)),
                      clockStyle(SessionView(session: rest, now: s, colour: false)),
                      clockStyle(SessionView(session: paused, now: p, colour: false)),
                      clockStyle(SessionView(session: last, now: l, colour: false))]
        #expect(styles == [Style(bold: true), Style(), Style(dim: true), Style(bold: true, reverse: true)])
        // Nothing on a monochrome screen asks for a colour.
        for view in [SessionView(session: work, now: w, colour: false), SessionView(session: paused, now: p, overlay: .confirmQuit, colour: false)] {
            let screen = renderSession(view, width: 80, height: 24)
            #expect(screen.cells.allSatisfy { $0.style.role == .normal })
        }
    }

    @Test func theWindowTitleShowsTheTimeLeft() throws {
        let (work, w) = try coreSession(at: secs(25))
        #expect(renderSession(SessionView(session: work, now: w), width: 80, height: 24).title == "0:15 Side plank (left) - runcore")
    }

    @Test func belowTwentyByFiveOneLineAsksForMoreRoomAndTheClockStillShows() throws {
        let (work, w) = try coreSession(at: secs(25))
        let view = SessionView(session: work, now: w)
        #expect(picture(view, 40, 4) == "0:15 · enlarge window\n\n\n")
        #expect(picture(view, 19, 12).hasPrefix("0:15 enlarge\n"))
        #expect(picture(view, 6, 1) == "0:15")
        #expect(picture(view, 1, 1) == "…")
        #expect(picture(view, 0, 0) == "")
        #expect(renderSession(view, width: 0, height: 5).cells.isEmpty)
        #expect(renderSession(view, width: 5, height: 0).cells.isEmpty)
    }

    @Test func everySizeFromNothingToLargeRendersWithoutCrashing() throws {
        let (work, w) = try coreSession(at: secs(25))
        let (hold, h) = try holdSession(elapsed: secs(3))
        for view in [SessionView(session: work, now: w), SessionView(session: hold, now: h, overlay: .help),
                     SessionView(session: work, now: w, overlay: .painStopped), SessionView(session: work, now: w, overlay: .confirmQuit)] {
            for width in [0, 1, 2, 5, 19, 20, 29, 30, 45, 46, 80, 200] {
                for height in [0, 1, 2, 4, 5, 9, 10, 17, 18, 24, 60] {
                    let s = renderSession(view, width: width, height: height)
                    // No control character in any cell, and the right half of a wide character always
                    // follows its left half.
                    #expect(!s.cells.contains { c in c.char.unicodeScalars.contains { $0.value < 0x20 && $0.value != 0 } })
                    for y in 0..<s.height {
                        for x in 0..<s.width where s[x, y].isContinuation {
                            #expect(x > 0 && DisplayWidth.of(s[x - 1, y].char) == 2, "\(width)×\(height) at \(x),\(y)")
                        }
                    }
                    // From 20×5 up, the clock (or the pain stop's heading) is on screen.
                    if width >= 20 && height >= 5 {
                        let text = s.lines.joined(separator: "\n")
                        let clock = text.range(of: "[0-9]:[0-5][0-9]", options: .regularExpression) != nil || text.contains("█")
                        #expect(view.overlay == .painStopped ? text.contains("STOPPED FOR PAIN") || text.contains("Stopped for pain") : clock,
                                "\(width)×\(height)")
                    }
                }
            }
        }
    }

    @Test func thePainScreenGivesTheAdvice() throws {
        let (work, w) = try coreSession(at: secs(25))
        let text = picture(SessionView(session: work, now: w, overlay: .painStopped), 80, 24)
        #expect(text.contains("STOPPED FOR PAIN"))
        #expect(text.contains("healthcare provider"))
        #expect(text.contains("Press any key to leave."))
        #expect(text.contains("runcore log back 0-10"))
        // On a day a stop for pain stands already, the next step is the one the verdict names, not a check-in.
        let stands = picture(SessionView(session: work, now: w, overlay: .painStopped,
                                         painNext: "Your stop for pain stands: rest, and see a healthcare provider (then: runcore log cleared)."), 80, 24)
        #expect(stands.contains("runcore log cleared") && !stands.contains("runcore log back 0-10"), "\(stands)")
    }

    @Test func wrappingKeepsWordsAndMarksWhatIsCut() {
        #expect(wrap("Elbow under shoulder, feet stacked.", width: 15, maxLines: 3) == ["Elbow under", "shoulder, feet", "stacked."])
        #expect(wrap("one two three four five", width: 9, maxLines: 2) == ["one two", "three …"])
        #expect(fit("Side plank", 6) == "Side …")
    }

    /// On each theme every phase colour (the big digits, the step's name) and every text colour reaches
    /// 4.5:1 against that theme's background (digits need 3:1).
    @Test func everyColourReadsOnItsBackground() {
        for theme in Theme.allCases {
            let palette = Palette(theme)
            for role in Palette.phaseRoles + Palette.textRoles {
                let c = palette.contrast(role) ?? 0
                #expect(c >= 4.5, "\(theme) \(role): \(c)")
            }
        }
        // The old palette, for the record: pure green and yellow on white.
        #expect(RGB(0, 255, 0).contrast(with: Theme.light.background) < 1.5)
        #expect(RGB(255, 255, 0).contrast(with: Theme.light.background) < 1.1)
    }

    @Test func theBackgroundIsFoundFromTheTerminalsAnswerOrCOLORFGBG() {
        #expect(RGB.parseOSC("rgb:ffff/ffff/ffff") == RGB(255, 255, 255))
        #expect(RGB.parseOSC("rgb:1e/1e/1e") == RGB(30, 30, 30))
        #expect(RGB.parseOSC("rgb:fdfd/f6f6/e3e3").map(Theme.matching) == .light)   // Solarized light
        #expect(RGB.parseOSC("rgb:0000/2b2b/3636").map(Theme.matching) == .dark)    // Solarized dark
        #expect(RGB.parseOSC("nonsense") == nil)
        #expect(Theme.fromCOLORFGBG("0;15") == .light)
        #expect(Theme.fromCOLORFGBG("15;default;0") == .dark)
        #expect(Theme.fromCOLORFGBG(nil) == nil && Theme.fromCOLORFGBG("x") == nil)
        #expect(RGB.xterm(28) == RGB(0, 135, 0) && RGB.xterm(244) == RGB(128, 128, 128))
    }

    /// The answers to OSC 11 and DA1 as terminals send them: the colour ended by BEL or by ST, the attributes last,
    /// and a terminal that says nothing about its colours.
    @Test func theTerminalsAnswersAreReadByteByByte() {
        let xterm = Array("\u{1B}]11;rgb:ffff/ffff/ffff\u{07}\u{1B}[?64;1;2;6;22c".utf8)
        #expect(TerminalAnswers.hasAttributes(xterm))
        #expect(TerminalAnswers.background(in: xterm) == RGB(255, 255, 255))
        let st = Array("\u{1B}]11;rgb:1e1e/1e1e/1e1e\u{1B}\\\u{1B}[?1;2c".utf8)
        #expect(TerminalAnswers.background(in: st) == RGB(30, 30, 30))
        let silent = Array("\u{1B}[?62;c".utf8)
        #expect(TerminalAnswers.hasAttributes(silent) && TerminalAnswers.background(in: silent) == nil)
        // Half an answer: the colour is in, the attributes are still on their way.
        let half = Array("\u{1B}]11;rgb:0000/0000/0000\u{07}\u{1B}[?6".utf8)
        #expect(!TerminalAnswers.hasAttributes(half) && TerminalAnswers.background(in: half) == RGB(0, 0, 0))
        #expect(!TerminalAnswers.hasAttributes([]) && !TerminalAnswers.hasAttributes(Array("\u{1B}[c".utf8)))
    }

    /// xterm's flash: reverse video, 100 ms, back; the delay is found and left out of what is sent.
    @Test func aFlashIsSplitAtItsDelay() throws {
        let flash = try #require(TerminalAnswers.splitAtDelay("\u{1B}[?5h$<100/>\u{1B}[?5l"))
        #expect(flash.before == "\u{1B}[?5h" && flash.milliseconds == 100 && flash.after == "\u{1B}[?5l")
        let two = try #require(TerminalAnswers.splitAtDelay("a$<20>b$<5*>c"))
        #expect(two.before == "a" && two.milliseconds == 20 && two.after == "bc")
        #expect(TerminalAnswers.splitAtDelay("\u{1B}g") == nil)
        #expect(TerminalAnswers.splitAtDelay("a$<") == nil)
    }
}

extension StyleTests {
    /// The pain-stop screen at 40 columns: the advice wrapped whole, never cut; what gives way when rows run
    /// short is the blank rows, the note on soreness and the line about what was saved.
    @Test func thePainScreenAtFortyColumns() throws {
        let (work, w) = try coreSession(at: secs(25))
        let view = SessionView(session: work, now: w, overlay: .painStopped)
        #expect(picture(view, 40, 12) == """
                        STOPPED FOR PAIN
               Pain that stays with you, or that
               spreads (down a leg, for example),
               is a reason to stop and talk to a
              healthcare provider before you train
                             again.
              Then tell runcore how your back is:
                     runcore log back 0-10.
              Some soreness right after a run, and
               the next day, is normal. More than
                     that deserves a check.

            """)
        #expect(picture(view, 40, 8) == """
                        STOPPED FOR PAIN
               Pain that stays with you, or that
               spreads (down a leg, for example),
               is a reason to stop and talk to a
              healthcare provider before you train
                             again.
              Then tell runcore how your back is:
                     runcore log back 0-10.
            """)
    }
}
