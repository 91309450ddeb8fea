import Testing
@testable import RoutineKit

/// The voice coach on virtual time: the engine runs a session, the queue decides what is said when, and each
/// utterance lasts as long as espeak-ng takes at 165 words a minute.
@Suite("Voice coach on virtual time")
struct CoachTests {
    struct Said: Equatable {
        var text: String
        var kind: Utterance.Kind
        var due: Nanos
        var deadline: Nanos
        var start: Nanos
        var end: Nanos
    }

    /// Runs `timeline` to the end, waking whenever the engine or the queue asks. Returns what was said and
    /// what was dropped.
    func speak(_ timeline: Timeline, pressEnterAfter: Nanos = s(20)) -> (said: [Said], dropped: [Utterance], session: Session) {
        var session = Session(timeline: timeline)
        var queue = SpeechQueue()
        var said: [Said] = []
        var now = t0
        func feed(_ effects: [Effect]) {
            for e in effects { if let u = CoachWords.words(for: e, session: session, at: now) { queue.add(u) } }
        }
        func pump() {
            if let u = queue.take(now: now) {
                let end = now + CoachWords.estimate(u.text)
                queue.ends(at: end)
                said.append(Said(text: u.text, kind: u.kind, due: u.due, deadline: u.deadline, start: now, end: end))
            }
        }
        feed(session.handle(.start(now)))
        pump()
        var steps = 0
        while !session.status.isFinished, steps < 100_000 {
            steps += 1
            var wake = [session.nextWake(after: now), queue.nextWake(after: now)].compactMap { $0 }.min() ?? now + s(1)
            if session.current?.kind.countsUp == true { wake = min(wake, session.blockStart + pressEnterAfter) }
            now = max(now + 1, wake)
            if session.current?.kind.countsUp == true, now >= session.blockStart + pressEnterAfter {
                feed(session.handle(.key(.done, now)))
            } else {
                feed(session.handle(.tick(now)))
            }
            pump()
        }
        // The finish words, once the voice is free.
        while let end = queue.nextWake(after: now), queue.isSpeaking || !queue.pending.isEmpty, steps < 100_010 {
            steps += 1
            now = max(now + 1, end)
            pump()
        }
        return (said, queue.dropped, session)
    }

    @Test func noUtteranceOverlapsAnotherOrStartsLate() throws {
        for timeline in [try Timeline(coreRoutine()), try Timeline(warmupRoutine())] {
            let (said, dropped, _) = speak(timeline)
            #expect(!said.isEmpty)
            for (a, b) in zip(said, said.dropFirst()) {
                #expect(b.start >= a.end, "'\(b.text)' starts before '\(a.text)' ends")
            }
            for u in said {
                #expect(u.start >= u.due && u.start <= u.deadline, "'\(u.text)' started \(u.start - u.due) ns after it was due")
                if u.kind == .countdown { #expect(u.start - u.due <= CoachWords.countdownGrace) }
            }
            // Every step is named when it starts; only countdown words give way.
            #expect(dropped.allSatisfy { $0.kind == .countdown }, "\(dropped.map(\.text))")
            let steps = said.filter { $0.kind == .step }.count
            #expect(steps == timeline.blocks.count)
            #expect(said.last?.kind == .finish)
        }
    }

    /// The core session's speech timeline, as the closing note shows it.
    @Test func theCoreSessionSpeaksLikeACoach() throws {
        let (said, _, _) = speak(try Timeline(coreRoutine(sets: 2)))
        let lines = said.map { "\(Double($0.start - t0) / 1e9)s \($0.text)" }
        #expect(lines.prefix(4) == [
            "0.0s Get ready. First: side plank (left).",
            "7.0s Three",
            "8.0s Two",
            "9.0s One",
        ])
        #expect(said.contains { $0.text == "Side plank (left), set 1 of 2." && $0.start == t0 + s(10) })
        #expect(said.contains { $0.text == "Halfway" && $0.start == t0 + s(25) })
        #expect(said.contains { $0.text == "Switch to the right side." })
        #expect(said.contains { $0.text == "Rest. Next: side plank (left)." })
        #expect(said.contains { $0.text == "Side plank (left), set 2 of 2." })
        #expect(said.last?.text == "All done. Every step, well done. 2 minutes of exercise.")
    }

    @Test func theQueueKeepsOneVoiceAndDropsWhatIsStale() {
        var q = SpeechQueue()
        q.add(Utterance("Side plank", kind: .step, due: 0, deadline: s(3)))
        #expect(q.take(now: 0)?.text == "Side plank")
        q.ends(at: s(2))
        q.add(Utterance("Three", kind: .countdown, due: ms(500), deadline: ms(800)))
        q.add(Utterance("Two", kind: .countdown, due: ms(1500), deadline: ms(1800)))
        #expect(q.take(now: s(1)) == nil)                 // busy: nothing is cut off
        #expect(q.nextWake(after: s(1)) == s(2))
        q.add(Utterance("One", kind: .countdown, due: ms(2500), deadline: ms(2800)))
        #expect(q.take(now: s(2)) == nil)                 // free, but "One" is not due yet
        #expect(q.dropped.map(\.text) == ["Three", "Two"]) // too late to say: dropped, not said late
        #expect(q.take(now: ms(2500))?.text == "One")
        q.ended()
        // A new step's words replace what is still waiting from the last one, and go first.
        q.add(Utterance("Halfway", kind: .cue, due: s(4), deadline: s(6)))
        q.add(Utterance("Rest", kind: .step, due: s(4), deadline: s(7)))
        #expect(q.dropped.last?.text == "Halfway")
        #expect(q.take(now: s(4))?.text == "Rest")
    }
}
