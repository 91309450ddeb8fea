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
                                          set 1/3 · left side
            
                                       ██████      ████    ██████
                                       ██  ██  ██    ██    ██
                                       ██  ██        ██    ██████
                                       ██  ██  ██    ██        ██
                                       ██████      ██████  ██████
            
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
            
                           SIDE PLANK
                      set 1/3 · left side
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
              Elbow under shoulder, feet stacked.…
                   Next: switch to right side
            
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit
            """)
    }

    /// work, 20×5: a few lines
    @Test func work20x5() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn), 20, 5) == """
            SIDE PLANK · set 1/…
            0:15
            Next: switch to rig…
            ────────── 4:15 left
            ? keys · q quit
            """)
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
            
                           SIDE PLANK
                      set 1/3 · left side
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
                    PAUSED · space to resume
                   Next: switch to right side
            
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit
            """)
    }

    /// paused, 20×5
    @Test func paused20x5() throws {
        let (paused, pn) = try coreSession(at: secs(30), pauseAt: secs(25))
        #expect(picture(SessionView(session: paused, now: pn), 20, 5) == """
            SIDE PLANK · set 1/…
            0:15 PAUSED
            Next: switch to rig…
            ────────── 4:15 left
            ? keys · q quit
            """)
    }

    /// the last three seconds
    @Test func last80x24() throws {
        let (last, ln) = try coreSession(at: secs(38) + 500_000_000)
        #expect(picture(SessionView(session: last, now: ln), 80, 24) == """
             Off-day core                                                      step 2 of 12
            
            
            
            
                                               SIDE PLANK
                                          set 1/3 · left side
            
                                       ██████      ██████  ██████
                                       ██  ██  ██  ██  ██      ██
                                       ██  ██      ██  ██  ██████
                                       ██  ██  ██  ██  ██  ██
                                       ██████      ██████  ██████
            
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
             Plank hold                                                         step 1 of 1
            
            
            
            
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
             Plank hold                 step 1 of 1
            
                           PLANK HOLD
                   target 0:45 · best 0:46.0
                         █▀█ ▄ █ █ ▀▀█
                         █ █ ▄ ▀▀█   █
                         ▀▀▀     ▀   ▀
                New best! Enter stops the clock
                          Next: finish
            
             ━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0:00 left
             space stops · ? keys · q quit
            """)
    }

    /// help: keys and safety, the clock still shown
    @Test func help80x24() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .help, safety: safety), 80, 24) == """
             Off-day core                                                      step 2 of 12
                   0:15  SIDE PLANK
            
                     space  pause / resume
                     n  →   next step
                     p  ←   back a step
                     +  -   add / take 10 seconds
                     Enter  done (rep and hold steps)
                     q      quit (asks first)
                     !      stop for pain
            
                     Stop straight away if pain is constant or spreads, and talk to a
                     healthcare provider.
            
                   Any key goes back; the clock keeps running.
            
            
            
            
            
            
            
             ━━━━━━────────────────────────────────────────────────────────────── 4:15 left
             space pause · n next · p back · +/- 10 s · ? help · q quit · ! pain
            """)
    }

    /// help at 40×12
    @Test func help40x12() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .help, safety: safety), 40, 12) == """
             Off-day core              step 2 of 12
               0:15  SIDE PLANK
            
                 space  pause / resume
                 n  →   next step
                 p  ←   back a step
                 +  -   add / take 10 seconds
                 Enter  done (rep and hold steps)
                 q      quit (asks first)
                 !      stop for pain
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit
            """)
    }

    /// the quit question
    @Test func quit80x24() throws {
        let (work, wn) = try coreSession(at: secs(25))
        #expect(picture(SessionView(session: work, now: wn, overlay: .confirmQuit), 80, 24) == """
             Off-day core                                                      step 2 of 12
            
            
            
                                               SIDE PLANK
                                          set 1/3 · left side
            
                                       ██████      ████    ██████
                                       ██  ██  ██    ██    ██
                                       ██  ██        ██    ██████
                                       ██  ██  ██    ██        ██
                                       ██████      ██████  ██████
            
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
            
                           SIDE PLANK
                      set 1/3 · left side
                         █▀█ ▄ ▀█  █▀▀
                         █ █ ▄  █  ▀▀█
                         ▀▀▀   ▀▀▀ ▀▀▀
                 Quit? y = yes, other key = no
                   Next: switch to right side
            
             ━━────────────────────────── 4:15 left
             space pause · ? keys · q quit
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
}
