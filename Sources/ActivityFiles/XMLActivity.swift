import Foundation

/// GPX and TCX, read with `XMLScanner`. A file is one outing: every track, segment and lap in it is joined into
/// one activity. A file cut off or damaged part way keeps what came before (with a note naming the line); a
/// file with nothing readable is an error naming the line.
enum XMLActivity {
    static func gpx(_ bytes: [UInt8], file: String) -> Result<[Activity], ActivityFileError> {
        let reader = GPXReader()
        let damage = parse(bytes, reader)
        if !reader.sawRoot {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "not a GPX file (\($0.message))" } ?? "not a GPX file"))
        }
        guard reader.points >= 2 else {
            return .failure(ActivityFileError(file: file, location: damage?.line, message: damage.map { "no track before the damage: \($0.message)" } ?? "no track (fewer than two points)"))
        }
        let notes = damage.map { ["\($0.message) at \($0.line ?? "the end"): read up to there"] } ?? []
        let (sport, unknown) = combine(reader.types)
        var elapsed: Double?
        if let first = reader.firstTime, let last = reader.lastTime, last > first { elapsed = last - first }
        let start = reader.firstTime.map { Date(timeIntervalSince1970: $0) } ?? reader.metadataTime
        return .success([Activity(startedAt: start, meters: reader.meters, seconds: reader.moving > 0 ? reader.moving : nil,
                                  elapsedSeconds: elapsed, sport: sport, notes: notes, form: reader.form.form, unknownType: unknown)])
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
        let (sport, unknown) = combine(found.compactMap(\.sport))
        var meters = 0.0, moving = 0.0
        for a in found {
            meters += max(a.laps.compactMap(\.meters).reduce(0, +), a.lastTrackDistance ?? 0)
            moving += a.laps.compactMap(\.seconds).reduce(0, +)
        }
        let start = found.compactMap { $0.start ?? $0.laps.first?.start }.min()
        var elapsed: Double?
        if let s = start?.timeIntervalSince1970, let last = reader.lastTime, last > s { elapsed = last - s }
        return .success([Activity(startedAt: start, meters: meters, seconds: moving > 0 ? moving : nil, elapsedSeconds: elapsed,
                                  sport: sport, notes: notes, form: reader.form.form, unknownType: unknown)])
    }

    /// One sport for a file whose tracks or activities name several: a run if any is a run; else a type
    /// runcore does not know (taken as a run, and named); else the first other sport; else unspecified.
    static func combine(_ types: [String]) -> (sport: Activity.Sport, unknown: String?) {
        let named = types.map { ($0, Activity.sport(named: $0)) }
        if named.contains(where: { $0.1.sport == .running }) { return (.running, nil) }
        if let u = named.first(where: { !$0.1.known }) {
            return (.unspecified, u.0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if let other = named.first(where: { if case .other = $0.1.sport { return true }; return false }) { return (other.1.sport, nil) }
        return (.unspecified, nil)
    }

    struct Damage { var line: String?; var message: String }

    static func parse(_ bytes: [UInt8], _ reader: XMLCollector) -> Damage? {
        var scanner = XMLScanner(bytes)
        var collecting = false
        let damage = scanner.scan { event, _ in
            switch event {
            case .start(let name, let attributes):
                if reader.path.isEmpty { reader.sawRoot = reader.accepts(root: name) }
                reader.path.append(name)
                reader.text.removeAll(keepingCapacity: true)
                collecting = reader.sawRoot && reader.wantsText(name)
                if reader.sawRoot { reader.start(name, attributes: attributes) }
            case .end(let name):
                if reader.sawRoot { reader.end(name) }
                if !reader.path.isEmpty { reader.path.removeLast() }
                reader.text.removeAll(keepingCapacity: true)
                collecting = false
            case .text(let raw, let escaped):
                guard collecting else { return }
                if escaped && raw.contains(UInt8(ascii: "&")) {
                    reader.text.append(contentsOf: XMLScanner.unescape(raw).utf8)
                } else {
                    reader.text.append(contentsOf: raw)
                }
            }
        }
        return damage.map { Damage(line: "line \($0.line)", message: $0.message) }
    }

    /// A number in an element's text (spaces around it allowed).
    static func number(_ bytes: [UInt8]) -> Double? {
        var lo = 0, hi = bytes.count
        while lo < hi, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[lo]) { lo += 1 }
        while hi > lo, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[hi - 1]) { hi -= 1 }
        guard lo < hi, hi - lo <= 40, let v = Double(String(decoding: bytes[lo..<hi], as: UTF8.self)), v.isFinite else { return nil }
        return v
    }
}

/// What the GPX and TCX readers share: where in the document they are, and the text of the element.
class XMLCollector {
    var sawRoot = false
    /// The current element's text, gathered only for elements the reader `wantsText` of.
    var text: [UInt8] = []
    var path: [String] = []
    func accepts(root: String) -> Bool { false }
    func wantsText(_ name: String) -> Bool { false }
    func start(_ name: String, attributes: [String: String]) {}
    func end(_ name: String) {}
    var textString: String { String(decoding: text, as: UTF8.self) }
}

/// A GPX file read as it streams by: distance, moving time and form are added up point by point, so a track
/// of any length costs no memory for its points.
final class GPXReader: XMLCollector {
    override func accepts(root: String) -> Bool { root == "gpx" }
    override func wantsText(_ name: String) -> Bool { name == "time" || name == "ele" || name == "type" || name == "cad" }

    struct Point { var lat: Double; var lon: Double; var ele: Double?; var time: Double?; var cad: Double? }
    /// The point being read, and the one before it in its segment.
    var current: Point?
    var previous: Point?
    var points = 0
    var meters = 0.0
    var moving = 0.0
    var firstTime: Double?
    var lastTime: Double?
    var metadataTime: Date?
    var types: [String] = []
    var form = FormSamples()
    /// Inside a `<trk>` (points elsewhere, in routes or waypoints, are not the track).
    var tracks = 0

    override func start(_ n: String, attributes: [String: String]) {
        switch n {
        case "trk":
            previous = nil
            tracks += 1
        case "trkseg": previous = nil
        case "trkpt":
            guard let lat = attributes["lat"].flatMap(Double.init), let lon = attributes["lon"].flatMap(Double.init),
                  (-90...90).contains(lat), (-180...180).contains(lon), tracks > 0 else { current = nil; return }
            current = Point(lat: lat, lon: lon)
        default: break
        }
    }

    override func end(_ n: String) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch n {
        case "trk": tracks -= 1
        case "trkpt":
            if let p = current { add(p) }
            current = nil
        case "time" where parent == "trkpt":
            current?.time = ISODate.seconds(text[...])
        case "ele" where parent == "trkpt":
            current?.ele = XMLActivity.number(text)
        case "cad" where current != nil:
            current?.cad = XMLActivity.number(text)
        case "time" where parent == "metadata":
            metadataTime = ISODate.date(text[...])
        case "type" where parent == "trk":
            types.append(textString)
        default: break
        }
    }

    /// A point joins its segment: the distance from the one before (great circle, as gpxpy's `length_2d` adds
    /// within each segment), and the time between them counted as moving when faster than 1 km/h, measured in
    /// 3D when both points have an elevation (as gpxpy's `get_moving_data`).
    func add(_ p: Point) {
        points += 1
        if let t = p.time {
            if firstTime == nil { firstTime = t }
            lastTime = t
        }
        form.add(time: p.time, spm: p.cad.map { $0 * 2 })
        defer { previous = p }
        guard let q = previous else { return }
        let d2 = GreatCircle.distance(q.lat, q.lon, p.lat, p.lon)
        meters += d2
        guard let t0 = q.time, let t1 = p.time, t1 > t0 else { return }
        var d = d2
        if let e0 = q.ele, let e1 = p.ele, e0 != 0, e1 != 0, e0 != e1 { d = (d2 * d2 + (e1 - e0) * (e1 - e0)).squareRoot() }
        guard d > 0 else { return }
        if d / 1000 / ((t1 - t0) / 3600) > GreatCircle.stoppedKmh { moving += t1 - t0 }
    }
}

/// A TCX file: its activities' laps (timer time and distance), the trackpoints' times (for the elapsed time)
/// and running cadence from Garmin's extension (`TPX/RunCadence`).
final class TCXReader: XMLCollector {
    override func accepts(root: String) -> Bool { root == "TrainingCenterDatabase" }
    override func wantsText(_ name: String) -> Bool {
        ["Id", "TotalTimeSeconds", "DistanceMeters", "Time", "RunCadence"].contains(name)
    }
    struct Lap { var start: Date?; var seconds: Double?; var meters: Double? }
    struct Act { var sport: String?; var start: Date?; var laps: [Lap] = []; var lastTrackDistance: Double? }
    var activities: [Act] = []
    var lastTime: Double?
    var form = FormSamples()
    var pointTime: Double?
    var pointCadence: Double?

    override func start(_ n: String, attributes: [String: String]) {
        switch n {
        case "Activity": activities.append(Act(sport: attributes["Sport"]))
        case "Lap" where !activities.isEmpty:
            activities[activities.count - 1].laps.append(Lap(start: attributes["StartTime"].flatMap(ISODate.date)))
        case "Trackpoint":
            pointTime = nil
            pointCadence = nil
        default: break
        }
    }

    override func end(_ n: String) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        guard let ai = activities.indices.last else { return }
        switch (n, parent) {
        case ("Id", "Activity"): activities[ai].start = ISODate.date(text[...])
        case ("TotalTimeSeconds", "Lap"):
            if let li = activities[ai].laps.indices.last { activities[ai].laps[li].seconds = XMLActivity.number(text) }
        case ("DistanceMeters", "Lap"):
            if let li = activities[ai].laps.indices.last { activities[ai].laps[li].meters = XMLActivity.number(text) }
        case ("DistanceMeters", "Trackpoint"):
            if let m = XMLActivity.number(text) { activities[ai].lastTrackDistance = max(activities[ai].lastTrackDistance ?? 0, m) }
        case ("Time", "Trackpoint"):
            pointTime = ISODate.seconds(text[...])
            if let t = pointTime { lastTime = max(lastTime ?? t, t) }
        case ("RunCadence", _):
            pointCadence = XMLActivity.number(text)
        case ("Trackpoint", _):
            form.add(time: pointTime, spm: pointCadence.map { $0 * 2 })
        default: break
        }
    }
}

/// Distance over the earth's surface.
public enum GreatCircle {
    /// The mean earth radius (IUGG), metres.
    public static let radius = 6_371_008.8
    /// Slower than this between two points is standing still (gpxpy's default for moving time).
    public static let stoppedKmh = 1.0

    /// Haversine distance between two points, in metres.
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let (p1, p2) = (lat1 * .pi / 180, lat2 * .pi / 180)
        let dp = p2 - p1
        let dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * radius * asin(min(1, sqrt(a)))
    }
}
