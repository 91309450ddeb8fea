import Testing
@testable import TerminalUI

/// What the terminal writes is what `Screen.diff` returns: only the cells that changed, in runs of one style,
/// a wide character whole, everything when nothing was drawn before or the size changed.
@Suite("Screen diff")
struct DiffTests {
    func screen(_ lines: [String], _ width: Int = 10, style: Style = .plain) -> Screen {
        var s = Screen(width: width, height: lines.count)
        for (y, l) in lines.enumerated() { s.put(l, x: 0, y: y, style: style) }
        return s
    }

    @Test func theFirstFrameIsWrittenWhole() {
        let s = screen(["ab", "cd"], 3)
        let (clear, runs) = s.diff(from: nil)
        #expect(clear)
        #expect(runs == [ScreenRun(x: 0, y: 0, text: "ab ", style: .plain), ScreenRun(x: 0, y: 1, text: "cd ", style: .plain)])
    }

    @Test func anUnchangedScreenWritesNothing() {
        let s = screen(["0:45", "PLANK"])
        #expect(s.diff(from: s).runs.isEmpty)
        #expect(!s.diff(from: s).clear)
    }

    /// A clock going from 0:45 to 0:44: one cell.
    @Test func onlyChangedCellsAreWritten() {
        let a = screen(["0:45", "PLANK"]), b = screen(["0:44", "PLANK"])
        let (clear, runs) = b.diff(from: a)
        #expect(!clear)
        #expect(runs == [ScreenRun(x: 3, y: 0, text: "4", style: .plain)])
    }

    /// A run stops where the style changes, and a changed style alone is a change.
    @Test func runsKeepToOneStyle() {
        let a = screen(["abcd"])
        var b = screen(["abXY"])
        b[3, 0] = Cell("Y", Style(.alert, bold: true))
        #expect(b.diff(from: a).runs == [ScreenRun(x: 2, y: 0, text: "X", style: .plain),
                                          ScreenRun(x: 3, y: 0, text: "Y", style: Style(.alert, bold: true))])
        var c = a
        c[0, 0] = Cell("a", Style(bold: true))
        #expect(c.diff(from: a).runs == [ScreenRun(x: 0, y: 0, text: "a", style: Style(bold: true))])
    }

    /// A wide character is written with both its cells, never half.
    @Test func wideCharactersAreWrittenWhole() {
        let a = screen(["x—y"]), b = screen(["x日y"])
        // "—" is one column and 日 two: the y moves one to the right, so it is written too.
        #expect(b.diff(from: a).runs == [ScreenRun(x: 1, y: 0, text: "日y", style: .plain)])
        let c = screen(["x日z"])
        #expect(c.diff(from: b).runs == [ScreenRun(x: 3, y: 0, text: "z", style: .plain)])
    }

    /// A cell keeps its character's UTF-8 itself: every scalar comes back as it went in (one to four bytes, the
    /// same bytes as Swift's own encoding), a letter with marks whole, a cluster too long to keep as its first
    /// scalar, and the right half of a wide character is told from a space.
    @Test func aCellKeepsItsCharacter() {
        for v in [0x20, 0x41, 0x7E, 0xA0, 0xE9, 0x7FF, 0x800, 0x2588, 0x2501, 0xFFFD, 0x1_0000, 0x1F3C3, 0x10_FFFF] {
            let u = Unicode.Scalar(UInt32(v))!
            #expect(Cell(scalar: u, .plain).char == Character(u), "U+\(String(v, radix: 16))")
            #expect(Cell(scalar: u, .plain) == Cell(Character(u)), "U+\(String(v, radix: 16))")
        }
        let marked: Character = "e\u{301}\u{323}"
        #expect(Cell(marked).char == marked)
        let tooMany = Character("a" + String(repeating: "\u{301}", count: 8))
        #expect(Cell(tooMany).char == "a")
        #expect(Cell(Cell.continuationMark).isContinuation && !Cell(" ").isContinuation && !Cell().isContinuation)
        #expect(Cell("x", Style(bold: true)) != Cell("x") && Cell("x") != Cell("y"))
    }

    @Test func aNewSizeWritesEverything() {
        let a = screen(["ab"], 2), b = screen(["ab"], 3)
        #expect(b.diff(from: a).clear && b.diff(from: a).runs == [ScreenRun(x: 0, y: 0, text: "ab ", style: .plain)])
        #expect(Screen(width: 0, height: 0).diff(from: nil).runs.isEmpty)
    }
}
