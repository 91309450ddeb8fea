/// Writes FIT files: a 14-byte header with its CRC, definition and data messages (little endian), the CRC
/// at the end.
public struct FITWriter {
    public enum BaseType: UInt8 {
        case enumeration = 0x00, uint8 = 0x02, uint16 = 0x84, uint32 = 0x86, string = 0x07
        var size: Int {
            switch self {
            case .enumeration, .uint8, .string: return 1
            case .uint16: return 2
            case .uint32: return 4
            }
        }
    }

    public enum Value {
        case int(UInt64?)       // nil: FIT's "invalid" for the type
        case text(String, size: Int)
    }

    public struct Field {
        public var number: UInt8
        public var type: BaseType
        public var value: Value
        public init(_ number: UInt8, _ type: BaseType, _ value: Value) {
            self.number = number
            self.type = type
            self.value = value
        }
        var size: Int {
            if case .text(_, let size) = value { return size }
            return type.size
        }
    }

    private var records: [UInt8] = []
    /// The field layout last defined for each local message type.
    private var defined: [UInt8: [UInt8]] = [:]

    public init() {}

    /// A data message of `global` with `fields`; a definition is written first when the layout is new.
    public mutating func message(_ global: UInt16, local: UInt8, _ fields: [Field]) {
        var layout: [UInt8] = [UInt8(global & 0xFF), UInt8(global >> 8)]
        for f in fields { layout += [f.number, UInt8(f.size), f.type.rawValue] }
        if defined[local] != layout {
            records += [0x40 | local, 0, 0] + layout.prefix(2) + [UInt8(fields.count)] + layout.dropFirst(2)
            defined[local] = layout
        }
        records.append(local)
        for f in fields {
            switch f.value {
            case .int(let v):
                let invalid: UInt64 = f.type == .uint16 ? 0xFFFF : f.type == .uint32 ? 0xFFFF_FFFF : 0xFF
                var n = v ?? invalid
                for _ in 0..<f.type.size {
                    records.append(UInt8(n & 0xFF))
                    n >>= 8
                }
            case .text(let s, let size):
                // Whole characters only, up to the size less its NUL.
                var bytes: [UInt8] = []
                for ch in s {
                    let b = Array(String(ch).utf8)
                    guard bytes.count + b.count <= size - 1 else { break }
                    bytes += b
                }
                records += bytes + Array(repeating: 0, count: size - bytes.count)
            }
        }
    }

    /// The file: header, records, CRC.
    public func bytes(profileVersion: UInt16 = 2121) -> [UInt8] {
        let n = UInt32(records.count)
        var header: [UInt8] = [14, 0x20, UInt8(profileVersion & 0xFF), UInt8(profileVersion >> 8),
                               UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
        header += Array(".FIT".utf8)
        let hcrc = FIT.crc(header)
        header += [UInt8(hcrc & 0xFF), UInt8(hcrc >> 8)]
        var out = header + records
        let crc = FIT.crc(out)
        out += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        return out
    }
}

/// A workout for a watch, as FIT's workout file holds it.
public struct FITWorkout {
    public struct Step: Equatable {
        public enum Duration: Equatable {
            /// Ends by itself after this many milliseconds.
            case time(ms: UInt32)
            /// Ends when the runner presses lap.
            case open
            /// Go back to step `from` until done `times` times in all.
            case repeatFrom(UInt16, times: UInt32)
        }
        public enum Intensity: UInt8 { case active = 0, rest = 1, warmup = 2, cooldown = 3 }
        public var name: String
        public var notes: String
        public var duration: Duration
        public var intensity: Intensity
        /// FIT's exercise category and name (within the category), when the step is one FIT knows.
        public var exercise: (category: UInt16, name: UInt16)?

        public init(name: String, notes: String = "", duration: Duration, intensity: Intensity, exercise: (category: UInt16, name: UInt16)? = nil) {
            self.name = name
            self.notes = notes
            self.duration = duration
            self.intensity = intensity
            self.exercise = exercise
        }

        public static func == (a: Step, b: Step) -> Bool {
            a.name == b.name && a.notes == b.notes && a.duration == b.duration && a.intensity == b.intensity
                && a.exercise?.category == b.exercise?.category && a.exercise?.name == b.exercise?.name
        }
    }

    /// sport: training (10); sub_sport: strength training (20).
    public static func encode(name: String, steps: [Step], created: UInt32, sport: UInt8 = 10, subSport: UInt8 = 20) -> [UInt8] {
        var w = FITWriter()
        w.message(0, local: 0, [
            FITWriter.Field(0, .enumeration, .int(5)),              // type: workout
            FITWriter.Field(1, .uint16, .int(255)),                 // manufacturer: development
            FITWriter.Field(2, .uint16, .int(0)),                   // product
            FITWriter.Field(4, .uint32, .int(UInt64(created))),     // time_created
        ])
        w.message(26, local: 1, [
            FITWriter.Field(4, .enumeration, .int(UInt64(sport))),
            FITWriter.Field(11, .enumeration, .int(UInt64(subSport))),
            FITWriter.Field(6, .uint16, .int(UInt64(steps.count))),
            FITWriter.Field(8, .string, .text(name, size: size(of: [name], cap: 48))),
        ])
        let nameSize = size(of: steps.map(\.name), cap: 48)
        let notesSize = size(of: steps.map(\.notes), cap: 160)
        for (i, s) in steps.enumerated() {
            let (type, value, target): (UInt64, UInt64?, UInt64?)
            switch s.duration {
            case .time(let ms): (type, value, target) = (0, UInt64(ms), nil)
            case .open: (type, value, target) = (5, nil, nil)
            case .repeatFrom(let from, let times): (type, value, target) = (6, UInt64(from), UInt64(times))
            }
            w.message(27, local: 2, [
                FITWriter.Field(254, .uint16, .int(UInt64(i))),
                FITWriter.Field(0, .string, .text(s.name, size: nameSize)),
                FITWriter.Field(1, .enumeration, .int(type)),
                FITWriter.Field(2, .uint32, .int(value)),
                FITWriter.Field(3, .enumeration, .int(2)),            // target: open
                FITWriter.Field(4, .uint32, .int(target)),
                FITWriter.Field(7, .enumeration, .int(UInt64(s.intensity.rawValue))),
                FITWriter.Field(8, .string, .text(s.notes, size: notesSize)),
                FITWriter.Field(10, .uint16, .int(s.exercise.map { UInt64($0.category) })),
                FITWriter.Field(11, .uint16, .int(s.exercise.map { UInt64($0.name) })),
            ])
        }
        return w.bytes()
    }

    /// A string field's size: the longest value and its NUL, at most `cap`.
    static func size(of values: [String], cap: Int) -> Int {
        min(cap, max(2, (values.map(\.utf8.count).max() ?? 0) + 1))
    }
}
