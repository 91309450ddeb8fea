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
        subcommands: [ShoesList.self, ShoesAdd.self, ShoesRetire.self, ShoesDefault.self], defaultSubcommand: ShoesList.self)
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
        let units = context.limits(context.settings).units
        let clean = Out.sanitized(name).trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty, clean.count <= 60 else { throw ValidationError("a pair's name is 1 to 60 characters") }
        var meters = 0.0
        if let start {
            guard let m = units.parse(start) else { throw ValidationError("--start takes a distance like 120km or 75mi; got '\(start)'") }
            meters = m
        }
        let day = try bought.map { try context.day($0, what: "--bought") }
        if let day, day > context.today { throw ValidationError("--bought \(day) is in the future") }
        let change = try context.writing { try $0.add(Shoe(name: clean, bought: day, startMeters: meters, isDefault: makeDefault), at: context.now) }
        guard change == .added else {
            Out.error("runcore: you have a pair called \"\(clean)\" already")
            throw ExitStatus(Exit.usage)
        }
        Out.line("Added \"\(clean)\"\(meters > 0 ? " at \(units.format(meters))" : "")\(day.map { ", bought \($0)" } ?? "").")
    }
}

struct ShoesRetire: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retire", abstract: "Retire a pair: its runs stay, its warnings stop.")
    @Argument(help: ArgumentHelp("The pair's name.", valueName: "NAME")) var name: String
    @OptionGroup var data: DataOptions

    func run() throws {
        try changePair(name, data: data, done: .retired, line: "Retired \"\(name)\". Its runs stay in your log.") {
            try $0.retireShoe(name, day: $1.today)
        }
    }
}

struct ShoesDefault: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "default", abstract: "Choose the pair new and imported runs go to.")
    @Argument(help: ArgumentHelp("The pair's name.", valueName: "NAME")) var name: String
    @OptionGroup var data: DataOptions

    func run() throws {
        try changePair(name, data: data, done: .madeDefault, line: "New runs go to \"\(name)\".") { store, _ in try store.makeDefaultShoe(name) }
    }
}

/// Changes the pair `name` in one write; says `line` when it was `done`, else which pairs there are (exit 64).
func changePair(_ name: String, data: DataOptions, done: HistoryStore.ShoeChange, line: String,
                _ change: (HistoryStore, Context) throws -> HistoryStore.ShoeChange) throws {
    let context = Context(dataDir: data.dataDir)
    guard try context.writing({ try change($0, context) }) == done else { try unknownPair(name, context: context) }
    Out.line(line)
}

/// A pair that is not there (or retired): say which pairs there are, exit 64.
func unknownPair(_ name: String, context: Context) throws -> Never {
    let names = ((try? context.historyForReading()?.shoes()) ?? nil)?.filter { $0.retired == nil }.map { "\"\($0.name)\"" } ?? []
    Out.error("runcore: no pair in use called \"\(name)\"\(names.isEmpty ? "" : " (in use: \(names.joined(separator: ", ")))")")
    throw ExitStatus(Exit.usage)
}
