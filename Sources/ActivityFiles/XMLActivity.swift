import Foundation

/// GPX and TCX, read with `XMLScanner`. A file cut off or damaged part way keeps what came before
/// (with a note naming the line); a file with nothing readable is an error naming the line.
enum XMLActivity {
    static func gpx(_ bytes: [UInt8], file: String) -> Result<[Activity], ActivityFileError> {
        let reader = GPXReader()
        let damage = parse(bytes, reader)
        if !reader.sawRoot {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "not a GPX file (\($0.message))" } ?? "not a GPX file"))
        }
        if reader.tracks.allSatisfy({ $0.segments.map(\.count).reduce(0, +) < 2 }) {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "no track before the damage: \($0.message)" } ?? "no track (fewer than two points)"))
        }
        let notes = damage.map { ["\($0.message) at \($0.line ?? "the end"): read up to there"] } ?? []
        return .success(reader.tracks.filter { $0.segments.map(\.count).reduce(0, +) >= 2 }.map { track in
            let points = track.segments.flatMap { $0 }
            let times = points.compactMap(\.time)
            var seconds: Double?
            if let first = times.first, let last = times.last, last > first { seconds = last.timeIntervalSince(first) }
            return Activity(startedAt: times.first ?? reader.metadataTime, meters: GreatCircle.length(track.segments), seconds: seconds,
                            sport: Activity.sport(named: track.type ?? ""), notes: notes)
        })
    }

    static func tcx(_ bytes: [UInt8], file: String) -> Result<[Activity], ActivityFileError> {
        let reader = TCXReader()
        let damage = parse(bytes, reader)
        if !reader.sawRoot {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "not a TCX file (\($0.message))" } ?? "not a TCX file"))
        }
        let found = reader.activities.filter { $0.start != nil || !$0.laps.isEmpty }
        if found.isEmpty {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "no activity before the damage: \($0.message)" } ?? "no activity"))
        }
        let notes = damage.map { ["\($0.message) at \($0.line ?? "the end"): read up to there"] } ?? []
        return .success(found.map { a in
            let lapMeters = a.laps.compactMap(\.meters).reduce(0, +)
            let lapSeconds = a.laps.compactMap(\.seconds).reduce(0, +)
            return Activity(startedAt: a.start ?? a.laps.first?.start, meters: max(lapMeters, a.lastTrackDistance ?? 0),
                            seconds: lapSeconds > 0 ? lapSeconds : nil, sport: Activity.sport(named: a.sport ?? ""), notes: notes)
        })
    }

    struct Damage { var line: String?; var message: String }

    static func parse(_ bytes: [UInt8], _ reader: XMLCollector) -> Damage? {
        var scanner = XMLScanner(bytes)
        let damage = scanner.scan { event, line in
            switch event {
            case .start(let name, let attributes):
                if reader.path.isEmpty { reader.sawRoot = reader.accepts(root: name) }
                reader.path.append(name)
                reader.text = ""
                if reader.sawRoot { reader.start(name, attributes: attributes) }
            case .end(let name):
                if reader.sawRoot { reader.end(name) }
                if !reader.path.isEmpty { reader.path.removeLast() }
                reader.text = ""
            case .text(let t):
                reader.text += t
            }
        }
        return damage.map { Damage(line: "line \($0.line)", message: $0.message) }
    }

    static func date(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let f = ISO8601DateFormatter()
        if let d = f.date(from: t) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: t) { return d }
        // No zone: taken as UTC, as GPX requires.
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.date(from: t)
    }
}

/// What the GPX and TCX readers share: where in the document they are, and the text of the element.
class XMLCollector {
    var sawRoot = false
    var text = ""
    var path: [String] = []
    func accepts(root: String) -> Bool { false }
    func start(_ name: String, attributes: [String: String]) {}
    func end(_ name: String) {}
}

final class GPXReader: XMLCollector {
    override func accepts(root: String) -> Bool { root == "gpx" }
    struct Point { var lat: Double; var lon: Double; var time: Date? }
    struct Track { var type: String?; var segments: [[Point]] = [] }
    var tracks: [Track] = []
    var metadataTime: Date?

    override func start(_ n: String, attributes: [String: String]) {
        switch n {
        case "trk": tracks.append(Track())
        case "trkseg": if !tracks.isEmpty { tracks[tracks.count - 1].segments.append([]) }
        case "trkpt":
            guard let lat = attributes["lat"].flatMap(Double.init), let lon = attributes["lon"].flatMap(Double.init),
                  (-90...90).contains(lat), (-180...180).contains(lon), !tracks.isEmpty else { return }
            if tracks[tracks.count - 1].segments.isEmpty { tracks[tracks.count - 1].segments.append([]) }
            tracks[tracks.count - 1].segments[tracks[tracks.count - 1].segments.count - 1].append(Point(lat: lat, lon: lon, time: nil))
        default: break
        }
    }

    override func end(_ n: String) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        if n == "time", parent == "trkpt", let t = XMLActivity.date(text), let ti = tracks.indices.last,
           let si = tracks[ti].segments.indices.last, let pi = tracks[ti].segments[si].indices.last {
            tracks[ti].segments[si][pi].time = t
        } else if n == "time", parent == "metadata" {
            metadataTime = XMLActivity.date(text)
        } else if n == "type", parent == "trk", !tracks.isEmpty {
            tracks[tracks.count - 1].type = text
        }
    }
}

final class TCXReader: XMLCollector {
    override func accepts(root: String) -> Bool { root == "TrainingCenterDatabase" }
    struct Lap { var start: Date?; var seconds: Double?; var meters: Double? }
    struct Act { var sport: String?; var start: Date?; var laps: [Lap] = []; var lastTrackDistance: Double? }
    var activities: [Act] = []

    override func start(_ n: String, attributes: [String: String]) {
        if n == "Activity" { activities.append(Act(sport: attributes["Sport"])) }
        if n == "Lap", !activities.isEmpty {
            activities[activities.count - 1].laps.append(Lap(start: attributes["StartTime"].flatMap(XMLActivity.date)))
        }
    }

    override func end(_ n: String) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        if let ai = activities.indices.last {
            switch (n, parent) {
            case ("Id", "Activity"): activities[ai].start = XMLActivity.date(text)
            case ("TotalTimeSeconds", "Lap"):
                if let li = activities[ai].laps.indices.last { activities[ai].laps[li].seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            case ("DistanceMeters", "Lap"):
                if let li = activities[ai].laps.indices.last { activities[ai].laps[li].meters = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            case ("DistanceMeters", "Trackpoint"):
                if let m = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    activities[ai].lastTrackDistance = max(activities[ai].lastTrackDistance ?? 0, m)
                }
            default: break
            }
        }
    }
}

/// Distance over the earth's surface.
public enum GreatCircle {
    /// The mean earth radius (IUGG), metres.
    public static let radius = 6_371_008.8

    /// Haversine distance between two points, in metres.
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let (p1, p2) = (lat1 * .pi / 180, lat2 * .pi / 180)
        let dp = p2 - p1
        let dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * radius * asin(min(1, sqrt(a)))
    }

    /// A track's length: the sum within each segment (a gap between segments is not run).
    static func length(_ segments: [[GPXReader.Point]]) -> Double {
        segments.reduce(0) { total, seg in
            zip(seg, seg.dropFirst()).reduce(total) { $0 + distance($1.0.lat, $1.0.lon, $1.1.lat, $1.1.lon) }
        }
    }
}
