import Foundation

/// Which pair a run goes to: the pair in use on its day. A pair is in use from the day it was bought (or, when
/// that is not known, its first run or the day it was added, whichever came first) to the day it was retired.
/// A run on a day no pair covers goes to no pair: an old history imported after a new pair is added stays off it.
public struct ShoesInUse: Sendable {
    public struct Span: Sendable, Equatable {
        public var name: String
        /// First and last day in use (`yyyy-MM-dd`); nil: open.
        public var from: String?
        public var to: String?
        public var isDefault: Bool
    }

    public var spans: [Span]

    /// `firstRuns`: each pair's first run day, by `Shoe.key`.
    public init(shoes: [Shoe], firstRuns: [String: String], calendar: Calendar) {
        spans = shoes.map { shoe in
            let added = shoe.addedAt.map { CalendarDay.string($0, calendar) }
            let from = shoe.bought ?? [firstRuns[shoe.key], added].compactMap { $0 }.min()
            return Span(name: shoe.name, from: from, to: shoe.retired, isDefault: shoe.isDefault && shoe.retired == nil)
        }
    }

    public init(_ log: RunnerLog, calendar: Calendar) {
        var first: [String: String] = [:]
        for run in log.runs {
            guard let shoe = run.shoe else { continue }
            let key = Shoe.key(shoe)
            if first[key].map({ run.day < $0 }) ?? true { first[key] = run.day }
        }
        self.init(shoes: log.shoes, firstRuns: first, calendar: calendar)
    }

    /// The pair for a run on `day`: the default pair if it is in use that day, else the pair in use that day
    /// that came last; nil when none is.
    public func pair(on day: String) -> String? {
        let covering = spans.filter { ($0.from.map { day >= $0 } ?? true) && ($0.to.map { day <= $0 } ?? true) }
        if let d = covering.first(where: \.isDefault) { return d.name }
        return covering.max { ($0.from ?? "") < ($1.from ?? "") }?.name
    }

    /// The earliest day any pair is in use, for a line saying why older runs went to none.
    public var earliest: String? { spans.compactMap(\.from).min() }
}
