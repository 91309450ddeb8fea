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

    @Test func aNewSizeWritesEverything() {
        let a = screen(["ab"], 2), b = screen(["ab"], 3)
        #expect(b.diff(from: a).clear && b.diff(from: a).runs == [ScreenRun(x: 0, y: 0, text: "ab ", style: .plain)])
        #expect(Screen(width: 0, height: 0).diff(from: nil).runs.isEmpty)
    }
}
