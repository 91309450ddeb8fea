import ArgumentParser
import Foundation
import RoutineKit
import RunnerLog
import RuncoreApp
import History

/// `runcore shoes`: the pairs, how far each has gone and how old it is; add, retire, choose the default.
struct ShoesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shoes", abstract: "Your running shoes: distance and age of each pair (shoes last 300–500 mi).",
        subcommands: [ShoesList.self, ShoesAdd.self, ShoesRetire.self, ShoesUnretire.self, ShoesDefault.self, ShoesRename.self, ShoesAssign.self],
        defaultSubcommand: ShoesList.self)
}

struct ShoesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the pairs (the default).")
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let settings = context.settings
        let store = try context.openHistoryForReport()
        let log = try context.runnerLog(store)
        for line in TodayText.shoes(log, limits: context.limits(settings), now: context.now, calendar: context.calendar) { Out.line(line) }
        try reportProblems(store)
    }
}

struct ShoesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a pair: runcore shoes add \"Pegasus 41\" --bought 2026-03-01 --start 120km.")
    @Argument(help: ArgumentHelp("A name for the pair.", valueName: "NAME")) var name: String
    @Option(help: ArgumentHelp("The day you bought them, like 2026-03-01.", valueName: "DAY")) var bought: String?
    @Option(help: ArgumentHelp("How far they had gone before, like 120km or 75mi.", valueName: "DISTANCE")) var start: String?
    @Flag(name: .customLong("default"), help: "Make it the pair new runs go to.") var makeDefault = false
    @OptionGroup var data: DataOptions

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let limits = context.limits(context.settings)
        let units = limits.units
        let clean = Shoe.stored(name)
        guard !clean.isEmpty, clean.count <= 60 else { throw ValidationError("a pair's name is 1 to 60 characters") }
        var meters = 0.0
        if let start {
            guard let m = units.parse(start) else { throw ValidationError("--start takes a distance like 120km or 75mi; got '\(Out.shown(start))'") }
            guard m <= RunBounds.longestMeters else { throw ValidationError("--start \(units.format(m)) is more than a pair can have gone (1,000 km)") }
            meters = m
        }
        let day = try bought.map { try context.day($0, what: "--bought") }
        if let day, day > context.today { throw ValidationError("--bought \(day) is in the future") }
        let shoe = Shoe(name: clean, bought: day, startMeters: meters, isDefault: makeDefault, addedAt: context.now)
        let change = try context.writing { try $0.add(shoe, at: context.now) }
        guard change == .added else {
            Out.error("runcore: you have a pair called \"\(Out.shown(clean))\" already")
            throw ExitStatus(Exit.usage)
        }
        Out.line("Added \"\(Out.shown(clean))\"\(meters > 0 ? " at \(units.format(meters))" : "")\(day.map { ", bought \($0)" } ?? ""). New runs from \(day ?? "today") on go to it\(makeDefault ? "; it is the default" : "").")
        // Runs already logged keep their pair, or none: those with none since the day bought are named, so the
        // runner can put them on it (nothing is moved without a line saying so).
        if let day, day < context.today, let runs = try? context.historyForReading()?.runs() {
            let loose = runs.filter { $0.shoe == nil && $0.day >= day }.compactMap(\.id)
            if !loose.isEmpty {
                let ids = loose.map(String.init).joined(separator: " ")
                Out.line("\(plural(loose.count, "run")) since \(day) \(loose.count == 1 ? "is" : "are") on no pair; to put \(loose.count == 1 ? "it" : "them") on this one: runcore shoes assign \(ids) \"\(Out.shown(clean))\"")
            }
        }
        // Past the limits already (a pair bought long ago, or with many miles before runcore): said at once.
        for w in ShoeRules.warnings(RunnerLog(shoes: [shoe]), limits: limits, today: context.now, calendar: context.calendar) {
            Out.line("! " + w.text)
        }
    }
}

struct ShoesRetire: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retire", abstract: "Retire a pair: its runs stay, its warnings stop.")
    @Argument(help: ArgumentHelp("The pair's name.", valueName: "NAME")) var name: String
    @OptionGroup var data: DataOptions

    func run() throws {
        try changePair(name, data: data, done: .retired, line: { "Retired \($0). Its runs stay in your log." }) {
            try $0.retireShoe(name, day: $1.today, at: $1.now)
        }
    }
}

struct ShoesUnretire: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unretire", abstract: "Bring a retired pair back into use.")
    @Argument(help: ArgumentHelp("The pair's name.", valueName: "NAME")) var name: String
    @OptionGroup var data: DataOptions

    func run() throws {
        try changePair(name, data: data, done: .unretired, line: { "\($0) is in use again (runcore shoes default \($0) makes it the default)." },
                       unknown: "no retired pair called") { try $0.unretireShoe(name, at: $1.now) }
    }
}

struct ShoesDefault: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "default", abstract: "Choose the pair new and imported runs go to.")
    @Argument(help: ArgumentHelp("The pair's name.", valueName: "NAME")) var name: String
    @OptionGroup var data: DataOptions

    func run() throws {
        try changePair(name, data: data, done: .madeDefault, line: { "New runs go to \($0)." }) { try $0.makeDefaultShoe(name, at: $1.now) }
    }
}

struct ShoesRename: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a pair (its runs follow).")
    @Argument(help: ArgumentHelp("The pair's name now.", valueName: "OLD")) var old: String
    @Argument(help: ArgumentHelp("Its new name.", valueName: "NEW")) var new: String
    @OptionGroup var data: DataOptions

    func validate() throws {
        let clean = Shoe.stored(new)
        guard !clean.isEmpty, clean.count <= 60 else { throw ValidationError("a pair's name is 1 to 60 characters") }
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let was = storedName(old, context: context)
        switch try context.writing({ try $0.renameShoe(old, to: new, at: context.now) }) {
        case .renamed: Out.line("Renamed \(was) to \"\(Out.shown(Shoe.stored(new)))\"; its runs went with it.")
        case .exists:
            Out.error("runcore: you have a pair called \"\(Out.shown(new))\" already")
            throw ExitStatus(Exit.usage)
        default: try unknownPair(old, context: context, retiredToo: true)
        }
    }
}

struct ShoesAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Put runs on a pair (or on none with --none): runcore shoes assign 12 13 \"Pegasus 41\".")
    @Argument(help: ArgumentHelp("Run ids (runcore history --of runs shows them), then the pair's name.", valueName: "RUN_ID... NAME"))
    var words: [String] = []
    @Flag(help: "Put the runs on no pair.") var none = false
    @OptionGroup var data: DataOptions

    var ids: [String] { none ? words : Array(words.dropLast()) }

    func validate() throws {
        guard !ids.isEmpty, none || words.count >= 2 else {
            throw ValidationError("say which runs and which pair: runcore shoes assign RUN_ID... NAME (or RUN_ID... --none)")
        }
        for id in ids where Int64(id) == nil {
            throw ValidationError("a run id is a whole number, as runcore history --of runs shows; got '\(Out.shown(id))'")
        }
    }

    func run() throws {
        let context = Context(dataDir: data.dataDir)
        let pair = none ? nil : words.last
        switch try context.writing({ try $0.assign(runs: ids.compactMap { Int64($0) }, to: pair, at: context.now) }) {
        case .assigned(let name, let count):
            Out.line("\(plural(count, "run")) now on \(name.map { "\"\(Out.shown($0))\"" } ?? "no pair").")
        case .unknownRuns(let missing):
            Out.error("runcore: no run \(missing.map(String.init).joined(separator: ", ")) (runcore history --of runs shows the ids); nothing was changed")
            throw ExitStatus(Exit.usage)
        case .unknownPair:
            try unknownPair(pair ?? "", context: context, retiredToo: true)
        }
    }
}

/// Changes the pair `name` in one write; says `line` when it was `done`, else which pairs there are (exit 64).
/// `line` is given the pair's name as kept (the runner may type it in any case).
func changePair(_ name: String, data: DataOptions, done: HistoryStore.ShoeChange, line: (String) -> String, unknown: String = "no pair in use called",
                _ change: (HistoryStore, Context) throws -> HistoryStore.ShoeChange) throws {
    let context = Context(dataDir: data.dataDir)
    guard try context.writing({ try change($0, context) }) == done else { try unknownPair(name, context: context, what: unknown) }
    Out.line(line(storedName(name, context: context)))
}

/// The pair's name as kept, shown safely, for a name the runner typed (`pegasus 41` is "Pegasus 41").
func storedName(_ typed: String, context: Context) -> String {
    let shoes = ((try? context.historyForReading()?.shoes()) ?? nil) ?? []
    return "\"" + Out.shown(shoes.first { Shoe.key($0.name) == Shoe.key(typed) }?.name ?? Shoe.stored(typed)) + "\""
}

/// A pair that is not there (or retired): say which pairs there are, exit 64.
func unknownPair(_ name: String, context: Context, what: String = "no pair in use called", retiredToo: Bool = false) throws -> Never {
    let shoes = ((try? context.historyForReading()?.shoes()) ?? nil) ?? []
    let names = shoes.filter { retiredToo || $0.retired == nil }.map { "\"\(Out.shown($0.name))\"" }
    Out.error("runcore: \(retiredToo ? "no pair called" : what) \"\(Out.shown(name))\"\(names.isEmpty ? "" : " (you have \(names.joined(separator: ", ")))")")
    throw ExitStatus(Exit.usage)
}
