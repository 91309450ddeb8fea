import Foundation
import RoutineKit
import Testing
@testable import TerminalUI

/// The session screen as pictures: each state rendered at a size and compared cell by cell (trailing
/// spaces aside) with what a runner should see.
@Suite("Session screens")
struct SessionScreenTests {
    let safety = ["Stop straight away if pain is constant or spreads, and talk to a healthcare provider."]

    /// work, 80×24: big digits, the cue, what comes next, the whole routine's bar
    @Test func work80x24() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn), 80, 24) == """
             Off-day core                                                      step 2 of 12
            
            
            
            
                                               SIDE PLANK
                                                set 1/3
            
                     ██      ██████  ██████  ██████      ██████      ████    ██████
                     ██      ██      ██        ██        ██  ██  ██    ██    ██
                     ██      ████    ████      ██        ██  ██        ██    ██████
                     ██      ██      ██        ██        ██  ██  ██    ██        ██
                     ██████  ██████  ██        ██        ██████      ██████  ██████
            
                 Elbow under shoulder, feet stacked. Lift your hips until shoulder, hip
                                     and ankle line up, and brace.
            
                                       Next: switch to right side
            
            
            
            
             ━━━━━━────────────────────────────────────────────────────────────── 4:15 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// work, 40×12: small digits
    @Test func work40x12() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn), 40, 12) == """
             Off-day core              step 2 of 12
                  SIDE PLANK · LEFT · set 1/3
            
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
              Elbow under shoulder, feet stacked.
               Lift your hips until shoulder, hip
                 and ankle line up, and brace.
                   Next: switch to right side
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
    }

    /// work, 20×5: a few lines
    @Test func work20x5() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn), 20, 5) == """
            SIDE PLANK · LEFT ·…
            0:15
            Next: switch to rig…
            ────────── 4:15 left
            q quit · ! pain
            """)
    }

    /// A few lines, with rows to spare: the cue wraps onto them (it was left out, above three empty rows).
    @Test func work40x8And29x9ShowTheCue() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn), 40, 8) == """
            SIDE PLANK · LEFT · set 1/3
            0:15
            Elbow under shoulder, feet stacked. Lift
            your hips until shoulder, hip and ankle
            line up, and brace.
            Next: switch to right side
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
        #expect(picture(SessionView(session: work, now: wn), 40, 9) == """
            SIDE PLANK · LEFT · set 1/3
            0:15
            Elbow under shoulder, feet stacked. Lift
            your hips until shoulder, hip and ankle
            line up, and brace.
            Next: switch to right side

             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
        #expect(picture(SessionView(session: work, now: wn), 29, 9) == """
            SIDE PLANK · LEFT · set 1/3
            0:15
            Elbow under shoulder, feet
            stacked. Lift your hips until
            shoulder, hip and ankle line
            up, and brace.
            Next: switch to right side
            ━────────────────── 4:15 left
            space pause · q quit · ! pain
            """)
    }

    /// In the few-lines layout the cue is whole wherever the rows between the clock and the bar can hold it
    /// (then the next step gives way if it must), and otherwise fills them, with the next step last.
    @Test func theCueIsNeverLeftOutWhileRowsRemain() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let cue = work.current?.cue ?? ""
        for w in 20...80 {
            for h in 5...9 where Layout.choose(width: w, height: h) == .lines {
                let lines = renderSession(SessionView(session: work, now: wn), width: w, height: h).lines
                let wrapped = wrap(cue, width: w)
                let between = Array(lines[2..<(h - 2)])
                if wrapped.count <= h - 4 {
                    #expect(Array(between.prefix(wrapped.count)) == wrapped, "\(w)×\(h)")
                    if wrapped.count < h - 4 { #expect(between[wrapped.count].hasPrefix("Next: "), "\(w)×\(h)") }
                } else {
                    #expect(between.last?.hasPrefix("Next: ") == true, "\(w)×\(h)")
                    #expect(between.dropLast().allSatisfy { !$0.isEmpty }, "\(w)×\(h): \(between)")
                }
            }
        }
    }

    /// rest between sets
    @Test func rest80x24() throws {
        let (rest, rn) = try coreSession(at: secs(85))
        #expect(picture(SessionView(session: rest, now: rn), 80, 24) == """
             Off-day core                                                      step 5 of 12
            
            
            
            
            
                                                  REST
            
                                       ██████      ██████  ██████
                                       ██  ██  ██      ██  ██
                                       ██  ██      ██████  ██████
                                       ██  ██  ██  ██          ██
                                       ██████      ██████  ██████
            
            
                                Next: Side plank (left), set 2/3 · 0:30
            
            
            
            
            
            
             ━━━━━━━━━━━━━━━━━━━━──────────────────────────────────────────────── 3:15 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// paused: the clock frozen and saying so
    @Test func paused40x12() throws {
        let (paused, pn) = try coreSession(at: secs(30), pauseAt: secs(25))
        #expect(picture(SessionView(session: paused, now: pn), 40, 12) == """
             Off-day core              step 2 of 12
                  SIDE PLANK · LEFT · set 1/3
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
                    PAUSED · space to resume
              Elbow under shoulder, feet stacked.
               Lift your hips until shoulder, hip
                 and ankle line up, and brace.
                   Next: switch to right side
             ━━────────────────────────── 4:15 left
             space resume · ? keys · q quit · ! pain
            """)
    }

    /// Paused, the key line says what space does now: resume, at every width that shows it (the narrow
    /// variants too), on a timed step, the get-ready countdown, a hold and the countdown before one.
    @Test func thePausedKeyLineSaysResume() throws {
        let (work, wn) = try coreSession(at: secs(30), pauseAt: secs(25))
        let (ready, rn) = try coreSession(at: secs(5), pauseAt: secs(3))
        var hold = try holdSession(elapsed: secs(5))
        _ = hold.0.handle(.suspended(hold.1))   // Ctrl-Z pauses a hold
        let position = try Session(timeline: Timeline(Routine(id: "hold", title: "Plank hold", steps: [
            .exercise(Exercise(name: "Plank hold", work: .hold(target: .literal(45)), position: .literal(5)))])))
        var pos = position
        _ = pos.handle(.start(t0))
        _ = pos.handle(.key(.togglePause, t0 + secs(1)))
        for (session, now) in [(work, wn), (ready, rn), hold, (pos, t0 + secs(2))] {
            #expect(session.status == .paused)
            var seen = false
            for width in 20...140 {
                for height in [5, 10, 12, 18, 24] {
                    let keys = renderSession(SessionView(session: session, now: now), width: width, height: height).lines.last ?? ""
                    #expect(!keys.contains("pause") && !keys.contains("stop the clock") && !keys.contains("start"), "\(width)×\(height): \(keys)")
                    if keys.contains("space") { #expect(keys.contains("space resume"), "\(width)×\(height): \(keys)") }
                    seen = seen || keys.contains("space resume")
                }
            }
            #expect(seen, "\(session.current?.name ?? "")")
        }
        #expect(picture(SessionView(session: work, now: wn), 80, 24).hasSuffix(" space resume · n next · p back · +/- 10 s · ? help · q quit · ! pain"))
    }

    /// paused, 20×5
    @Test func paused20x5() throws {
        let (paused, pn) = try coreSession(at: secs(30), pauseAt: secs(25))
        #expect(picture(SessionView(session: paused, now: pn), 20, 5) == """
            SIDE PLANK · LEFT ·…
            0:15 PAUSED
            Next: switch to rig…
            ────────── 4:15 left
            q quit · ! pain
            """)
    }

    /// the last three seconds
    @Test func last80x24() throws {
        let (last, ln) = try coreSession(at: secs(38) + 500_000_000)
        #expect(picture(SessionView(session: last, now: ln), 80, 24) == """
             Off-day core                                                      step 2 of 12
            
            
            
            
                                               SIDE PLANK
                                                set 1/3
            
                     ██      ██████  ██████  ██████      ██████      ██████  ██████
                     ██      ██      ██        ██        ██  ██  ██  ██  ██      ██
                     ██      ████    ████      ██        ██  ██      ██  ██  ██████
                     ██      ██      ██        ██        ██  ██  ██  ██  ██  ██
                     ██████  ██████  ██        ██        ██████      ██████  ██████
            
                 Elbow under shoulder, feet stacked. Lift your hips until shoulder, hip
                                     and ankle line up, and brace.
            
                                       Next: switch to right side
            
            
            
            
             ━━━━━━━━━─────────────────────────────────────────────────────────── 4:02 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// a hold counting up past its target and the old best
    @Test func hold80x24() throws {
        let (hold, hn) = try holdSession(elapsed: secs(47))
        #expect(picture(SessionView(session: hold, now: hn, hold: HoldInfo(best: secs(46), recent: [])), 80, 24) == """
             Plank hold                                                         step 2 of 2
            
            
            
            
                                               PLANK HOLD
                                       target 0:45 · best 0:46.0
            
                                       ██████      ██  ██  ██████
                                       ██  ██  ██  ██  ██      ██
                                       ██  ██      ██████      ██
                                       ██  ██  ██      ██      ██
                                       ██████          ██      ██
            
                                    New best! Enter stops the clock
                     Elbows under shoulders, one straight line from head to heels.
            
                                              Next: finish
            
            
            
            
             ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0:00 left
             space or Enter stop the clock · ? help · q quit · ! pain
            """)
    }

    /// a hold at 40×12
    @Test func hold40x12() throws {
        let (hold, hn) = try holdSession(elapsed: secs(47))
        #expect(picture(SessionView(session: hold, now: hn, hold: HoldInfo(best: secs(46), recent: [])), 40, 12) == """
             Plank hold                 step 2 of 2
                           PLANK HOLD
                   target 0:45 · best 0:46.0
                         █▀█ ▄ █ █ ▀▀█
                         █ █ ▄ ▀▀█   █
                         ▀▀▀     ▀   ▀
                New best! Enter stops the clock
              Elbows under shoulders, one straight
                    line from head to heels.
                          Next: finish
             ━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0:00 left
             space stops · ? keys · q quit · ! pain
            """)
    }

    /// help: keys and safety, the clock still shown
    @Test func help80x24() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .help, safety: safety), 80, 24) == """
             Off-day core                                                      step 2 of 12
                   0:15  SIDE PLANK · LEFT
            
                     space   pause / resume (on a hold: stop the clock)
                     → or n  next step
                     ← or p  back a step
                     + / -   add / take 10 seconds
                     Enter   done (rep and hold steps)
                     ?       these keys, the day's warnings and the safety notes
                     s       more safety notes (get-ready)
                     q       quit (asks first)
                     !       stop for pain
                     Ctrl-L  draw the screen again
                     Ctrl-Z  pause and hand the shell a normal terminal
            
                     Stop straight away if pain is constant or spreads, and talk to a
                     healthcare provider.
            
                   Any key goes back; the clock keeps running.
            
            
            
             ━━━━━━────────────────────────────────────────────────────────────── 4:15 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// The help page lists every key of the keymap, Ctrl-L and Ctrl-Z too, with what it does; and the README's
    /// table of keys is the keymap's, row for row, so the two cannot disagree.
    @Test func theHelpPageAndTheREADMEListEveryKeyOfTheKeymap() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let help = picture(SessionView(session: work, now: wn, overlay: .help), 80, 24)
        for row in Keymap.session {
            #expect(help.split(separator: "\n").contains { $0.contains(row.keys + "  ") && $0.hasSuffix(row.help) }, "\(row.keys)")
        }
        #expect(help.contains("Ctrl-L") && help.contains("Ctrl-Z"))
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "| key | what it does |"))
        let table = Array(lines[start...].prefix { $0.hasPrefix("|") })
        #expect(table == Keymap.readmeTable)
    }

    /// `?` shows the day's warnings too (a stop first), before the routine's safety notes, at 80×24 and, on
    /// its pages, at 40×8.
    @Test func theHelpPageShowsTheDaysWarnings() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let stop = "STOP: you said today that your back pain is spreading. Do not run or train; talk to a healthcare provider."
        let view = SessionView(session: work, now: wn, overlay: .help, safety: ["Stop if it hurts."], notices: [stop])
        let help = picture(view, 80, 24)
        #expect(help.contains("STOP: you said today") && help.contains("Stop if it hurts."), "\(help)")
        #expect(help.range(of: "STOP: you said today")!.lowerBound < help.range(of: "Stop if it hurts.")!.lowerBound)
        let pages = helpPageCount(view, width: 40, height: 8)
        let small = (0..<pages).map { page -> String in
            var v = view
            v.helpPage = page
            return picture(v, 40, 8)
        }.joined(separator: "\n")
        #expect(small.contains("STOP: you said today"), "\(small)")
    }

    /// The quit question keeps the screen as it was (the figure, the digits), with the question under them.
    @Test func theQuitQuestionKeepsTheLayout() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let figure = ["  ●  ", " /█\\ ", " / \\ "]
        let running = picture(SessionView(session: work, now: wn, figure: figure), 80, 24)
        let asking = picture(SessionView(session: work, now: wn, overlay: .confirmQuit, figure: figure), 80, 24)
        #expect(running.contains(" /█\\ ") && asking.contains(" /█\\ "), "\(asking)")
        #expect(asking.contains("Quit this session?  y quit · any other key keeps going"))
        let digitRows = { (p: String) in p.split(separator: "\n").filter { $0.contains("██████") }.count }
        #expect(digitRows(asking) == digitRows(running))
    }

    /// help at 40×12
    @Test func help40x12() throws {
        let (work, wn) = try coreSession(at: secs(25))
        var view = SessionView(session: work, now: wn, overlay: .help, safety: safety)
        #expect(helpPageCount(view, width: 40, height: 12) == 2)
        #expect(picture(view, 40, 12) == """
             Off-day core              step 2 of 12
             0:15  SIDE PLANK · LEFT
             space pause        n next
             p back             +/- 10 s
             Enter done         ? help
             s more notes       q quit
             ! pain             Ctrl-L redraw
             Ctrl-Z suspend
            
             1/2 · ? next · other keys: back
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
        view.helpPage = 1
        #expect(picture(view, 40, 12) == """
             Off-day core              step 2 of 12
             0:15  SIDE PLANK · LEFT
             Stop straight away if pain is constant
             or spreads, and talk to a healthcare
             provider.
            
            
            
            
             2/2 · ? first · other keys: back
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
    }

    /// Help at 40×8 pages the keys and every safety note, whole: `?` turns the pages (the last back to the
    /// first), and a line on each says so. Nothing is cut with "…".
    @Test func helpAt40x8PagesEveryNoteWhole() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let view = SessionView(session: work, now: wn, overlay: .help, safety: Self.warmupSafety)
        let count = helpPageCount(view, width: 40, height: 8)
        #expect(count == 4)
        var pages: [String] = []
        for page in 0..<count {
            var v = view
            v.helpPage = page
            pages.append(picture(v, 40, 8))
        }
        #expect(pages[1] == """
            0:15 SIDE PLANK
            Stop straight away if pain is constant
            or spreads (down a leg, say), and talk
            to a healthcare provider. Press ! to
            stop.


            2/4 · ? next · other keys: back
            """)
        #expect(pages[3].hasSuffix("4/4 · ? first · other keys: back"))
        let words = Set(pages.joined(separator: "\n").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for note in Self.warmupSafety { for w in note.split(separator: " ") { #expect(words.contains(String(w)), "\(w)") } }
        #expect(!pages.joined().contains("…"))
    }

    /// At every size from 20×5, `?` shows the keys and every safety note whole over its pages; below, one line
    /// says the window is too small for it. Never nothing, never a word cut.
    @Test func helpShowsEverythingAtEverySizeWhereTextFits() throws {
        let (work, wn) = try coreSession(at: secs(25))
        let view = SessionView(session: work, now: wn, overlay: .help, safety: Self.warmupSafety)
        for w in [20, 23, 29, 30, 35, 40, 45, 46, 60, 80] {
            for h in 5...24 {
                let count = helpPageCount(view, width: w, height: h)
                var text = ""
                for page in 0..<count {
                    var v = view
                    v.helpPage = page
                    let lines = renderSession(v, width: w, height: h).lines
                    #expect(!lines.dropFirst(Layout.choose(width: w, height: h) == .lines ? 1 : 2).contains { $0.contains("…") },
                            "\(w)×\(h) page \(page + 1):\n\(lines.joined(separator: "\n"))")
                    text += lines.joined(separator: "\n") + "\n"
                }
                let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
                for note in Self.warmupSafety { for word in note.split(separator: " ") { #expect(words.contains(String(word)), "\(w)×\(h): \(word)") } }
                for key in ["pause", "next", "back", "10", "done", "quit", "pain"] { #expect(text.contains(key), "\(w)×\(h): \(key)") }
                if count > 1 { #expect(text.contains("\(count)/\(count) · ? first"), "\(w)×\(h)") }
            }
        }
        #expect(picture(view, 20, 5) == """
            0:15 SIDE PLANK
            space pause
            n next
            p back
            1/13 · ? next page
            """)
        #expect(picture(view, 19, 4) == "0:15 no room for ?\n\n\n")
    }

    /// the quit question
    @Test func quit80x24() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .confirmQuit), 80, 24) == """
             Off-day core                                                      step 2 of 12
            
            
            
                                               SIDE PLANK
                                                set 1/3
            
                     ██      ██████  ██████  ██████      ██████      ████    ██████
                     ██      ██      ██        ██        ██  ██  ██    ██    ██
                     ██      ████    ████      ██        ██  ██        ██    ██████
                     ██      ██      ██        ██        ██  ██  ██    ██        ██
                     ██████  ██████  ██        ██        ██████      ██████  ██████
            
                         Quit this session?  y quit · any other key keeps going
                 Elbow under shoulder, feet stacked. Lift your hips until shoulder, hip
                                     and ankle line up, and brace.
            
                                       Next: switch to right side
            
            
            
            
             ━━━━━━────────────────────────────────────────────────────────────── 4:15 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// the quit question at 40×12
    @Test func quit40x12() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .confirmQuit), 40, 12) == """
             Off-day core              step 2 of 12
                  SIDE PLANK · LEFT · set 1/3
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
                 Quit? y = yes, other key = no
              Elbow under shoulder, feet stacked.
               Lift your hips until shoulder, hip
                 and ankle line up, and brace.
                   Next: switch to right side
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit · ! pain
            """)
    }

    /// The hold screen lists the last five holds instead of "Next: finish".
    @Test func holdShowsTheLastFiveHolds() throws {
        let (hold, hn) = try holdSession(elapsed: secs(12))
        let recent = [41_500, 38_000, 52_000, 30_100, 44_400, 20_000].map { Nanos($0) * 1_000_000 }
        let text = picture(SessionView(session: hold, now: hn, hold: HoldInfo(best: secs(52), recent: recent)), 80, 24)
        #expect(text.contains("last 0:41.5 · 0:38.0 · 0:52.0 · 0:30.1 · 0:44.4\n"))
        #expect(!text.contains("0:20.0") && !text.contains("Next:"))
    }

    // MARK: A runner's first week (issue 8)

    static let coreSafety = [
        "Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.",
        "A shaking core is fine. Sharp pain in your lower back is not. Stop if you feel it.",
    ]

    /// The get-ready screen shows the routine's safety notes, whole, at 80×24 and 40×12.
    @Test func getReadyShowsTheSafetyNotes() throws {
        let (ready, now) = try coreSession(at: secs(1))
        let view = SessionView(session: ready, now: now, safety: Self.coreSafety)
        #expect(picture(view, 80, 24) == """
             Off-day core                                                      step 1 of 12
            
            
            
                                               GET READY
            
                                       ██████      ██████  ██████
                                       ██  ██  ██  ██  ██  ██  ██
                                       ██  ██      ██  ██  ██████
                                       ██  ██  ██  ██  ██      ██
                                       ██████      ██████  ██████
            
                Stop straight away if pain is constant or spreads (down a leg, say), and
                            talk to a healthcare provider. Press ! to stop.
                 A shaking core is fine. Sharp pain in your lower back is not. Stop if
                                              you feel it.
            
                                Next: Side plank (left), set 1/3 · 0:30
            
            
            
            
             ──────────────────────────────────────────────────────────────────── 4:39 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
        let small = picture(view, 40, 12)
        #expect(small == """
             Off-day core              step 1 of 12
                        GET READY · 0:09
                 Stop straight away if pain is
                constant or spreads (down a leg,
                 say), and talk to a healthcare
                   provider. Press ! to stop.
               A shaking core is fine. Sharp pain
               in your lower back is not. Stop if
                          you feel it.
            Next: Side plank (left), set 1/3 · 0:30
             ──────────────────────────── 4:39 left
             space pause · ? keys · q quit · ! pain
            """)
    }

    /// Notes that do not fit are paged with `s`, and the screen says so.
    @Test func safetyNotesThatDoNotFitArePaged() throws {
        let (ready, now) = try coreSession(at: secs(1))
        let notes = Self.coreSafety + ["Some soreness just after a run, and the next day, is normal. More than that can point to a bigger problem.",
                                       "Already living with low-back pain? See a doctor before you take up running."]
        var seen = ""
        for page in 0..<2 {
            let text = picture(SessionView(session: ready, now: now, safety: notes, safetyPage: page), 40, 12)
            // The last page does not promise more: s goes back to the first, and it says so.
            #expect(text.contains(page < 1 ? "safety notes 1/2 · s for more" : "safety notes 2/2 · s: back to 1"), "\(text)")
            #expect(page < 1 || !text.contains("for more"), "\(text)")
            seen += text.split(separator: "\n").joined(separator: " ")
        }
        #expect(picture(SessionView(session: ready, now: now, safety: notes, safetyPage: 2), 40, 12)
                == picture(SessionView(session: ready, now: now, safety: notes, safetyPage: 0), 40, 12))
        for word in notes.joined(separator: " ").split(separator: " ") { #expect(seen.contains(word), "\(word)") }
        // At 80×24 all four fit on one page.
        let big = picture(SessionView(session: ready, now: now, safety: notes), 80, 24)
        #expect(!big.contains("s for more") && big.contains("running."))
    }

    static let warmupSafety = [
        "Stop straight away if pain is constant or spreads (down a leg, say), and talk to a healthcare provider. Press ! to stop.",
        "Some soreness just after a run, and the next day, is normal. More than that can point to a bigger problem.",
        "Already living with low-back pain? See a doctor before you take up running.",
        "Shoes past 300 to 500 miles (about 500 to 800 km), or that no longer fit, can change your stride. Time for a new pair.",
    ]
    static let risingBack = "Your back has got worse three check-ins in a row (2 → 3 → 5). Look at the usual causes: core work on 0 days "
        + "off running in two weeks, a warm-up before 1 of 4 runs, and your running form (have a running coach watch your form and stride)."

    /// Every page of a get-ready screen at a size, as `s` turns them, until they come back to the first.
    func readyPages(_ view: SessionView, _ w: Int, _ h: Int) -> [String] {
        var pages: [String] = []
        var v = view
        for page in 0..<40 {
            v.safetyPage = page
            let text = picture(v, w, h)
            if page > 0 && text == pages[0] { break }
            pages.append(text)
        }
        return pages
    }

    /// At 40×8 (a few lines) the get-ready screen shows the safety notes, a page at a time, and `s` turns the
    /// pages, as its key line says: no key offered that changes nothing.
    @Test func getReadyAt40x8PagesTheNotes() throws {
        let (ready, now) = try coreSession(at: secs(1))
        let view = SessionView(session: ready, now: now, safety: Self.warmupSafety)
        let pages = readyPages(view, 40, 8)
        #expect(pages.first == """
            0:09 GET READY
            Stop straight away if pain is constant
            or spreads (down a leg, say), and talk
            to a healthcare provider. Press ! to
            stop.
            safety notes 1/4 · s for more
             ──────────────────────────── 4:39 left
             space pause · s notes · q quit · ! pain
            """)
        #expect(pages.count == 4, "\(pages)")
        let seen = pages.joined(separator: "\n").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for note in Self.warmupSafety { #expect(seen.contains(note.split(separator: " ").suffix(3).joined(separator: " ")), "\(note)") }
    }

    /// A warning from the day's verdict and the routine's safety notes share the pages at 40×12: the warning
    /// whole first, every note after it reached with `s`, no sentence cut.
    @Test func aWarningAndTheSafetyNotesSharePages() throws {
        let (ready, now) = try coreSession(at: secs(1))
        let view = SessionView(session: ready, now: now, safety: Self.warmupSafety, notices: [Self.risingBack])
        let pages = readyPages(view, 40, 12)
        #expect(pages.first == """
             Off-day core              step 1 of 12
                        GET READY · 0:09
                 Your back has got worse three
              check-ins in a row (2 → 3 → 5). Look
              at the usual causes: core work on 0
                days off running in two weeks, a
              warm-up before 1 of 4 runs, and your
               running form (have a running coach
                  watch your form and stride).
                 safety notes 1/3 · s for more
             ──────────────────────────── 4:39 left
             space pause · s notes · q quit · ! pain
            """)
        let seen = pages.joined(separator: "\n").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for note in Self.warmupSafety + [Self.risingBack] {
            for word in note.split(separator: " ") { #expect(seen.contains(word), "\(word)") }
        }
        #expect(!pages.joined().contains("…"))
        #expect(pages.count == 3 && pages.last?.contains("safety notes 3/3 · s: back to 1") == true, "\(pages.last ?? "")")
    }

    /// At every size, the get-ready screen's notes (a warning, then the safety notes) are reached whole, page by
    /// page, wherever a page fits; `s` is offered only where it turns a page; nothing is cut with "…".
    @Test func everyNoteIsReachedAtEverySizeWhereAPageFits() throws {
        let (ready, now) = try coreSession(at: secs(1))
        let notes = [Self.risingBack] + Self.warmupSafety
        let view = SessionView(session: ready, now: now, safety: Self.warmupSafety, notices: [Self.risingBack])
        for w in [20, 24, 29, 30, 36, 40, 46, 60, 80] {
            for h in 5...24 {
                let pages = readyPages(view, w, h)
                let shown = pages.joined(separator: "\n").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
                let words = Set(shown)
                let paged = pages.count > 1
                let whole = notes.allSatisfy { $0.split(separator: " ").allSatisfy { words.contains(String($0)) } }
                for page in pages {
                    let keys = page.split(separator: "\n").last.map(String.init) ?? ""
                    if keys.contains("s notes") { #expect(paged, "\(w)×\(h) offers s with one page:\n\(page)") }
                    #expect(!page.split(separator: "\n").dropFirst(2).contains { $0.contains("…") }, "\(w)×\(h):\n\(page)")
                }
                if paged { #expect(whole, "\(w)×\(h): not every note can be reached") }
                // Where any page fits (beside the name, clock, bar and keys, a line of notes and the line that
                // turns pages), the notes show.
                if Layout.choose(width: w, height: h) == .lines ? h - 3 >= 3 : Layout.choose(width: w, height: h) != .tiny {
                    #expect(paged || whole, "\(w)×\(h):\n\(pages[0])")
                }
            }
        }
    }

    /// Getting into position for a hold: the target shows, the form cue stays, and no word of a safety note
    /// is cut, even when the cue leaves room for only a few lines a page.
    @Test func holdPositionPagesItsSafetyNotesWithoutCuttingThem() throws {
        let routine = Routine(id: "hold", title: "Plank hold", steps: [
            .exercise(Exercise(name: "Plank hold", cue: "Elbows under shoulders, one straight line from head to heels. Brace and breathe. Enter stops.",
                               work: .hold(target: .literal(30)), position: .literal(30))),
        ])
        var session = Session(timeline: try Timeline(routine))
        _ = session.handle(.start(t0))
        let notes = ["Stop when your hips sag or your lower back starts to ache. A good hold beats a long one.",
                     "Stop straight away if pain is constant or spreads, and talk to a healthcare provider."]
        var seen = ""
        for page in 0..<2 {
            let text = picture(SessionView(session: session, now: t0 + secs(1), safety: notes, safetyPage: page), 40, 12)
            #expect(text.contains("target 0:30") && text.contains("Enter stops.") && text.contains("safety notes \(page + 1)/2"), "\(text)")
            #expect(!text.contains("…"), "\(text)")
            seen += text.split(separator: "\n").joined(separator: " ")
        }
        for word in notes.joined(separator: " ").split(separator: " ") { #expect(seen.contains(word), "\(word)") }
    }

    /// `!` stays in the key line at every width from 30 columns, whatever the step.
    @Test func painKeyIsAlwaysInTheKeyLine() throws {
        let moments: [(Session, Nanos)] = [try coreSession(at: secs(1)), try coreSession(at: secs(25)), try coreSession(at: secs(85)),
                                            try holdSession(elapsed: secs(5))]
        for (session, now) in moments {
            for width in 30...140 {
                for height in [5, 10, 12, 18, 24] {
                    let lines = renderSession(SessionView(session: session, now: now), width: width, height: height).lines
                    #expect(lines.last?.contains("! pain") == true, "\(width)×\(height) \(session.current?.name ?? "")")
                }
            }
        }
    }

    /// The form cue wraps onto free rows: nothing is cut with "…" while rows remain.
    @Test func theCueWrapsInsteadOfBeingCut() throws {
        let (work, now) = try coreSession(at: secs(25))
        for (w, h) in [(40, 12), (46, 18), (80, 24), (60, 14)] {
            let text = picture(SessionView(session: work, now: now), w, h)
            #expect(!text.contains("…"), "\(w)×\(h)")
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(words.contains("Lift your hips until shoulder, hip and ankle line up, and brace."), "\(w)×\(h)")
        }
    }

    /// The side is on screen at every size from 20×5 up; in big letters beside big digits when they fit.
    @Test func theSideIsAlwaysVisible() throws {
        let (work, now) = try coreSession(at: secs(25))
        for w in 20...120 {
            for h in 5...40 {
                let text = picture(SessionView(session: work, now: now), w, h)
                #expect(text.contains("LEFT") || text.contains("██      ██████  ██████  ██████"), "\(w)×\(h)")
            }
        }
        let big = picture(SessionView(session: work, now: now), 80, 24)
        #expect(big.contains("██      ██████  ██████  ██████"))   // L E F T, five rows high
    }
}
