import Foundation

/// What a watch's file says about one activity: enough to log it as a run.
public struct Activity: Sendable, Equatable {
    public enum Sport: Sendable, Equatable {
        /// Running of any kind (street, trail, track, treadmill).
        case running
        /// Another sport, by name: `cycling`, `walking`, `swimming`…
        case other(String)
        /// The file does not say (many GPX files): taken as a run.
        case unspecified

        public var isRun: Bool { self == .running || self == .unspecified }
        public var name: String {
            switch self {
            case .running: return "running"
            case .other(let n): return n
            case .unspecified: return "unspecified"
            }
        }
    }

    public var startedAt: Date?
    public var meters: Double?
    /// Moving time in seconds: a watch's timer time (its auto-pause left out), or for a GPX track the time spent
    /// moving faster than 1 km/h (as gpxpy's `get_moving_data`). Nil when the file does not say.
    public var seconds: Double?
    /// From the first point to the last, pauses included.
    public var elapsedSeconds: Double?
    public var sport: Sport
    /// What was skipped or repaired on the way, one phrase each (`cut off at byte 1234`).
    public var notes: [String]
    /// Running form from the records, when the file has it.
    public var form: Form
    /// The activity type the file names when runcore does not know it (the activity is then taken as a run).
    public var unknownType: String?

    public init(startedAt: Date? = nil, meters: Double? = nil, seconds: Double? = nil, elapsedSeconds: Double? = nil,
                sport: Sport = .unspecified, notes: [String] = [], form: Form = Form(), unknownType: String? = nil) {
        self.unknownType = unknownType
        self.startedAt = startedAt
        self.meters = meters
        self.seconds = seconds
        self.elapsedSeconds = elapsedSeconds
        self.sport = sport
        self.notes = notes
        self.form = form
    }

    /// Running form, averaged over the records taken while moving (cadence above zero). Nil where the file has
    /// no such figure.
    public struct Form: Sendable, Equatable {
        /// Steps a minute, both feet (FIT, TCX and GPX store one foot's strides: doubled).
        public var cadence: Double?
        /// Metres a step.
        public var stepLength: Double?
        /// Ground contact (stance) time, milliseconds.
        public var groundContact: Double?
        /// Vertical oscillation, millimetres.
        public var verticalOscillation: Double?
        /// The first two thirds' average cadence minus the last third's (by time), steps a minute.
        public var cadenceDrop: Double?
        public init(cadence: Double? = nil, stepLength: Double? = nil, groundContact: Double? = nil,
                    verticalOscillation: Double? = nil, cadenceDrop: Double? = nil) {
            self.cadence = cadence
            self.stepLength = stepLength
            self.groundContact = groundContact
            self.verticalOscillation = verticalOscillation
            self.cadenceDrop = cadenceDrop
        }
    }

    /// Sport names as GPX and TCX files write them (Strava's numbers included), to a sport. A name runcore does
    /// not know is taken as a run (`known` is false then, for a note naming it).
    static func sport(named raw: String) -> (sport: Sport, known: Bool) {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: " ", with: "_")
        if s.isEmpty { return (.unspecified, true) }
        if s.contains("run") || s == "9" || s == "jogging" { return (.running, true) }
        switch s {
        case "1", "biking", "cycling", "ride", "bike", "road_biking", "mountain_biking", "virtualride", "ebikeride": return (.other("cycling"), true)
        case "10", "walk", "walking": return (.other("walking"), true)
        case "4", "hike", "hiking": return (.other("hiking"), true)
        case "16", "swim", "swimming": return (.other("swimming"), true)
        case "other", "generic": return (.unspecified, true)
        default: return (.unspecified, false)
        }
    }
}

/// A file that could not be read at all: names the file and where (byte offset or line).
public struct ActivityFileError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var location: String?
    public var message: String
    public init(file: String, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }
    public var description: String { location.map { "\(file): \($0): \(message)" } ?? "\(file): \(message)" }
}

/// Which reader a file needs, from its name (`.fit`, `.gpx`, `.tcx`, each also `.gz`).
public enum ActivityFormat: String, Sendable, CaseIterable {
    case fit, gpx, tcx

    /// The format and whether it is gzipped, from the name; nil for other files.
    public static func of(_ name: String) -> (ActivityFormat, gzipped: Bool)? {
        var n = name.lowercased()
        var gz = false
        if n.hasSuffix(".gz") { gz = true; n.removeLast(3) }
        for f in allCases where n.hasSuffix("." + f.rawValue) { return (f, gz) }
        return nil
    }
}

public enum ActivityReader {
    /// The most a file may hold, read as it is or once expanded from gzip: 256 MB. A day-long run recorded every
    /// second is a few MB as FIT and tens of MB as GPX.
    public static let largest = 256 << 20

    /// `256 MB`.
    public static var largestText: String { "\(largest >> 20) MB" }

    /// Reads one file's bytes (`name` decides the format and is used in errors).
    public static func read(_ data: [UInt8], name: String) -> Result<[Activity], ActivityFileError> {
        guard let (format, gzipped) = ActivityFormat.of(name) else {
            return .failure(ActivityFileError(file: name, message: "not a FIT, GPX or TCX file (by its name)"))
        }
        var bytes = data
        var notes: [String] = []
        if gzipped {
            switch Gzip.inflate(data, limit: largest) {
            case .success(let out): bytes = out
            case .failure(let e) where e.tooLarge:
                return .failure(ActivityFileError(file: name, message: "expands past \(largestText); not read"))
            case .failure(let e):
                guard !e.partial.isEmpty else { return .failure(ActivityFileError(file: name, message: "not a readable gzip file (\(e.reason))")) }
                bytes = e.partial
                notes.append("gzip \(e.reason) after \(e.partial.count) bytes")
            }
        }
        let result: Result<[Activity], ActivityFileError>
        switch format {
        case .fit: result = FIT.activities(bytes, file: name)
        case .gpx: result = XMLActivity.gpx(bytes, file: name)
        case .tcx: result = XMLActivity.tcx(bytes, file: name)
        }
        return result.map { list in list.map { var a = $0; a.notes = notes + a.notes; return a } }
    }

    /// FNV-1a, 64 bits, of the bytes: the file's fingerprint, so the same file is never imported twice.
    public static func fingerprint(_ data: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBufferPointer { buf in
            for b in buf { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return String(format: "fnv1a64:%016llx:%d", h, data.count)
    }
}
