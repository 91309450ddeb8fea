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
    /// Timer (or moving) time in seconds, when the file has it; else the time from first to last point.
    public var seconds: Double?
    public var sport: Sport
    /// What was skipped or repaired on the way, one phrase each (`cut off at byte 1234`).
    public var notes: [String]

    public init(startedAt: Date? = nil, meters: Double? = nil, seconds: Double? = nil, sport: Sport = .unspecified, notes: [String] = []) {
        self.startedAt = startedAt
        self.meters = meters
        self.seconds = seconds
        self.sport = sport
        self.notes = notes
    }

    /// Sport names as GPX and TCX files write them (Strava's numbers included), to a sport.
    static func sport(named raw: String) -> Sport {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: " ", with: "_")
        if s.isEmpty { return .unspecified }
        if s.contains("run") || s == "9" || s == "jogging" { return .running }
        switch s {
        case "1", "biking", "cycling", "ride", "bike", "road_biking", "mountain_biking", "virtualride", "ebikeride": return .other("cycling")
        case "10", "walk", "walking": return .other("walking")
        case "4", "hike", "hiking": return .other("hiking")
        case "16", "swim", "swimming": return .other("swimming")
        case "other", "generic": return .unspecified
        default: return .other(s.replacingOccurrences(of: "_", with: " "))
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
    /// Reads one file's bytes (`name` decides the format and is used in errors).
    public static func read(_ data: [UInt8], name: String) -> Result<[Activity], ActivityFileError> {
        guard let (format, gzipped) = ActivityFormat.of(name) else {
            return .failure(ActivityFileError(file: name, message: "not a FIT, GPX or TCX file (by its name)"))
        }
        var bytes = data
        var notes: [String] = []
        if gzipped {
            switch Gzip.inflate(data) {
            case .success(let out): bytes = out
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
        for b in data { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(format: "fnv1a64:%016llx:%d", h, data.count)
    }
}
