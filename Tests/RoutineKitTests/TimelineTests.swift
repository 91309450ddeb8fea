import Testing
@testable import RoutineKit

@Suite("Timeline and doses")
struct TimelineTests {
    @Test func coreFlattensIntoSidesSwitchesAndRests() throws {
        let t = try Timeline(coreRoutine(sets: 2))
        #expect(t.blocks.map(\.label) == [
            "Get ready",
            "Side plank (left), set 1/2", "Switch sides", "Side plank (right), set 1/2",
            "Rest",
            "Side plank (left), set 2/2", "Switch sides", "Side plank (right), set 2/2",
        ])
        #expect(t.blocks.map { Int($0.plannedStart / nanosPerSecond) } == [0, 10, 40, 50, 80, 110, 140, 150])
        #expect(t.total == s(180))
        #expect(t.blocks[2].side == "right" && t.blocks[2].kind == .switchSides)
    }

    @Test func eachMakesOneBlockPerItemAndGroupsRepeatWithRestBetween() throws {
        let routine = Routine(id: "t", title: "t", steps: [
            .exercise(Exercise(name: "Foam rolling", work: .time(.literal(45)), each: .literal(["calves", "glutes"]))),
            .group(Group(name: "Circuit", sets: .literal(2), rest: .literal(30), steps: [timed("Squat", 20), timed("Lunge", 20)])),
        ])
        let t = try Timeline(routine)
        #expect(t.blocks.map(\.label) == ["Foam rolling: calves", "Foam rolling: glutes",
                                          "Squat, set 1/2", "Lunge, set 1/2", "Rest", "Squat, set 2/2", "Lunge, set 2/2"])
        #expect(t.total == s(90 + 40 + 30 + 40))
    }

    @Test func dosesFromTheCommandLineAreCheckedAgainstTheirBounds() throws {
        let r = warmupRoutine()
        let v = try ParamValues.resolve(r, overrides: [("plank", "45s"), ("roll", "calves, glutes")])
        #expect(v["plank"] == .seconds(45))
        #expect(v["roll"] == .list(["calves", "glutes"]))
        #expect(try Timeline(r, params: v).blocks.filter { $0.name == "Plank" }.map(\.duration) == [s(45), s(45)])
        #expect(throws: ParamError("plank=90s is too long: allowed 30s to 1m")) {
            try ParamValues.resolve(r, overrides: [("plank", "90s")])
        }
        #expect(throws: ParamError("plank=forty: a duration must be like 30s, 5m or 1m30s")) {
            try ParamValues.resolve(r, overrides: [("plank", "forty")])
        }
        #expect(throws: ParamError("routine 'warmup' has no parameter 'sets' (it has: plank, roll)")) {
            try ParamValues.resolve(r, overrides: [("sets", "2")])
        }
    }

    @Test func durationsParseTheWayRunnersWriteThem() {
        #expect(DurationText.parse("45s") == 45)
        #expect(DurationText.parse("5m") == 300)
        #expect(DurationText.parse("1m30s") == 90)
        #expect(DurationText.parse("1h2m3s") == 3723)
        for bad in ["45", "forty seconds", "-5s", "1.5m", "30s1m", "5mm", "", "s", "99999999s"] {
            #expect(DurationText.parse(bad) == nil, "\(bad)")
        }
        #expect(DurationText.compact(90) == "1m30s")
        #expect(DurationText.clock(3723) == "1:02:03")
        #expect(DurationText.clock(45) == "0:45")
    }

    @Test func tooManyBlocksIsRefusedNotExpanded() {
        var step = timed("x", 1)
        for _ in 0..<6 { step = .group(Group(name: "g", sets: .literal(100), steps: [step])) }
        #expect(throws: TimelineError.self) { try Timeline(Routine(id: "t", title: "t", steps: [step])) }
    }

    /// One rounding rule: measured times to the nearest unit shown.
    @Test func measuredTimesRoundToTheNearestUnitShown() {
        #expect(DurationText.tenths(ms(2_995)) == "0:03.0")
        #expect(DurationText.tenths(ms(6_840)) == "0:06.8")
        #expect(DurationText.tenths(ms(59_960)) == "1:00.0")
        #expect(DurationText.measured(ms(6_840)) == "0:07")
        #expect(DurationText.measured(ms(6_499)) == "0:06")
        #expect(DurationText.nanos(fromSeconds: .infinity) == 0 && DurationText.nanos(fromSeconds: -3) == 0)
        #expect(DurationText.nanos(fromSeconds: 1e18) > 0)
    }

    /// Foam rolling: sides for groups that have them, none for the upper back, and time to move the roller.
    @Test func eachItemsGetSidesAndAMoveBetweenThem() throws {
        let t = try Timeline(Routine(id: "r", title: "r", steps: [
            .exercise(Exercise(name: "Foam rolling", work: .time(.literal(30)), sides: ["left", "right"], switchTime: .literal(5),
                               each: .literal(["calves", "upper back", "quads"]), oneSided: ["upper back"], move: .literal(5),
                               moveCue: "Move the roller.")),
        ]))
        #expect(t.blocks.map(\.label) == [
            "Foam rolling: calves (left)", "Switch sides", "Foam rolling: calves (right)",
            "Move to upper back", "Foam rolling: upper back",
            "Move to quads, left side", "Foam rolling: quads (left)", "Switch sides", "Foam rolling: quads (right)",
        ])
        #expect(t.blocks[3].kind == .move && t.blocks[3].cue == "Move the roller.")
    }
}
