import Foundation

/// Garmin's FIT format: the CRC, and a reader for activity files written from the public protocol
/// description (headers of 12 and 14 bytes, definition and data messages in either byte order, compressed
/// timestamps, developer fields, files chained one after another).
public enum FIT {
    /// 1989-12-31T00:00:00Z, where FIT's clock starts.
    public static let epoch = Date(timeIntervalSince1970: 631_065_600)

    static let crcTable: [UInt16] = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
                                     0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]

    /// FIT's CRC-16 of `bytes`, carried on from `crc`.
    public static func crc<C: Collection>(_ bytes: C, from crc: UInt16 = 0) -> UInt16 where C.Element == UInt8 {
        var crc = crc
        for byte in bytes {
            for nibble in [byte & 0x0F, byte >> 4] {
                let t = crcTable[Int(crc & 0xF)]
                crc = (crc >> 4) & 0x0FFF
                crc = crc ^ t ^ crcTable[Int(nibble)]
            }
        }
        return crc
    }

    struct Field { var number: UInt8; var size: Int; var baseType: UInt8 }
    struct Definition { var global: UInt16; var bigEndian: Bool; var fields: [Field]; var devBytes: Int
        var size: Int { fields.reduce(0) { $0 + $1.size } + devBytes } }

    /// What one FIT file (of a chain) held that matters for a run.
    struct Gathered {
        var fileType: Int?
        var timeCreated: UInt32?
        var sessions: [(start: UInt32?, sport: Int?, timer: Double?, elapsed: Double?, meters: Double?)] = []
        var laps: [(start: UInt32?, timer: Double?, elapsed: Double?, meters: Double?)] = []
        var sportMessage: Int?
        var firstRecord: UInt32?
        var lastRecord: UInt32?
        var lastDistance: Double?
        var lastDistanceAt: UInt32?
        /// Each record's form figures, with its time.
        var form: [(t: UInt32?, spm: Double?, stepMM: Double?, stanceMS: Double?, oscillationMM: Double?)] = []

        /// The form over the records from `from` to `to` (all of them when either is nil).
        func formSummary(from: UInt32?, to: UInt32?) -> Activity.Form {
            var samples = FormSamples()
            for r in form {
                if let from, let to, let t = r.t, t < from || t > to { continue }
                samples.add(time: r.t.map(Double.init), spm: r.spm, stepMM: r.stepMM, stanceMS: r.stanceMS, oscillationMM: r.oscillationMM)
            }
            return samples.form
        }
    }

    /// The activities in a FIT file (one a session; a chain of files may hold several). What precedes damage
    /// is kept and the damage named in the activity's notes; a file with nothing usable is an error naming the
    /// byte where it went wrong.
    public static func activities(_ data: [UInt8], file: String) -> Result<[Activity], ActivityFileError> {
        var out: [Activity] = []
        var pos = 0
        var firstError: ActivityFileError?
        if data.isEmpty { return .failure(ActivityFileError(file: file, message: "the file is empty")) }
        while pos < data.count {
            var notes: [String] = []
            guard data.count - pos >= 12, data[pos] == 12 || data[pos] == 14, data.count - pos >= Int(data[pos]),
                  Array(data[(pos + 8)..<(pos + 12)]) == Array(".FIT".utf8) else {
                if out.isEmpty {
                    firstError = ActivityFileError(file: file, location: "byte \(pos)", message: pos == 0 ? "not a FIT file (no FIT header)" : "no FIT header")
                }
                break
            }
            let headerSize = Int(data[pos])
            let dataSize = Int(le32(data, pos + 4))
            if headerSize == 14 {
                let stored = UInt16(data[pos + 12]) | UInt16(data[pos + 13]) << 8
                if stored != 0 && stored != crc(data[pos..<(pos + 12)]) { notes.append("header CRC does not match") }
            }
            let start = pos + headerSize
            var end = start + dataSize
            if end + 2 > data.count {
                notes.append("cut off at byte \(data.count) of \(end + 2)")
                end = min(end, data.count)
            } else if crc(data[pos..<(end + 2)]) != 0 {
                notes.append("CRC does not match (the file was changed or damaged)")
            }
            var g = Gathered()
            if let damage = decode(data, from: start, to: end, into: &g) {
                notes.append(damage)
            }
            pos = start + dataSize + 2
            if g.fileType != nil && g.fileType != 4 {
                if out.isEmpty && firstError == nil {
                    firstError = ActivityFileError(file: file, message: "a FIT \(fileTypeName(g.fileType!)) file, not an activity")
                }
                continue
            }
            let found = activities(from: g, notes: notes)
            if found.isEmpty {
                if firstError == nil {
                    firstError = ActivityFileError(file: file, location: notes.isEmpty ? nil : "byte \(start)",
                                                   message: notes.isEmpty ? "no activity in the file" : "nothing readable: " + notes.joined(separator: "; "))
                }
            } else {
                out += found
            }
        }
        if out.isEmpty { return .failure(firstError ?? ActivityFileError(file: file, message: "no activity in the file")) }
        return .success(out)
    }

    static func fileTypeName(_ t: Int) -> String {
        switch t {
        case 5: return "workout"
        case 6: return "course"
        case 2: return "settings"
        default: return "type-\(t)"
        }
    }

    static func activities(from g: Gathered, notes: [String]) -> [Activity] {
        func date(_ t: UInt32?) -> Date? { t.map { epoch.addingTimeInterval(Double($0)) } }
        if !g.sessions.isEmpty {
            return g.sessions.map { s in
                let start = s.start ?? g.firstRecord ?? g.timeCreated
                // With several sessions in a file, each takes the records of its own span.
                let form = g.sessions.count == 1 ? g.formSummary(from: nil, to: nil)
                    : g.formSummary(from: start, to: start.map { $0 &+ UInt32(max(0, min(s.elapsed ?? s.timer ?? 0, 1e9))) })
                return Activity(startedAt: date(start), meters: s.meters ?? g.lastDistance, seconds: s.timer ?? s.elapsed,
                                elapsedSeconds: s.elapsed ?? s.timer, sport: sport(s.sport ?? g.sportMessage), notes: notes, form: form)
            }
        }
        // No session message (the file was cut before it): the laps, else the records, say what there was.
        let span = g.firstRecord.flatMap { first in g.lastRecord.map { Double($0 &- first) } }
        if !g.laps.isEmpty {
            let meters = g.laps.compactMap(\.meters).reduce(0, +)
            let timer = g.laps.compactMap(\.timer).reduce(0, +)
            let elapsed = g.laps.compactMap(\.elapsed).reduce(0, +)
            return [Activity(startedAt: date(g.laps.first?.start ?? g.firstRecord ?? g.timeCreated),
                             meters: max(meters, g.lastDistance ?? 0), seconds: timer > 0 ? timer : nil,
                             elapsedSeconds: elapsed > 0 ? elapsed : span, sport: sport(g.sportMessage),
                             notes: notes + ["no session summary: taken from the laps"], form: g.formSummary(from: nil, to: nil))]
        }
        if let first = g.firstRecord, let span {
            return [Activity(startedAt: date(first), meters: g.lastDistance, seconds: span, elapsedSeconds: span,
                             sport: sport(g.sportMessage), notes: notes + ["no session summary: taken from the track"],
                             form: g.formSummary(from: nil, to: nil))]
        }
        return []
    }

    static func sport(_ n: Int?) -> Activity.Sport {
        switch n {
        case nil, 0?: return .unspecified
        case 1?: return .running
        case 2?: return .other("cycling")
        case 5?: return .other("swimming")
        case 11?: return .other("walking")
        case 17?: return .other("hiking")
        case 4?: return .other("fitness equipment")
        case 10?: return .other("training")
        case let n?: return .other("sport \(n)")
        }
    }

    static func le32(_ d: [UInt8], _ i: Int) -> UInt32 {
        UInt32(d[i]) | UInt32(d[i + 1]) << 8 | UInt32(d[i + 2]) << 16 | UInt32(d[i + 3]) << 24
    }

    /// Walks the records from `start` to `end`, gathering what matters. Returns a note when it met damage
    /// (and stopped there).
    static func decode(_ d: [UInt8], from start: Int, to end: Int, into g: inout Gathered) -> String? {
        var defs = [Definition?](repeating: nil, count: 16)
        var lastTimestamp: UInt32 = 0
        var p = start
        while p < end {
            let header = d[p]
            let at = p
            p += 1
            if header & 0x80 != 0 {
                // Compressed timestamp: a data message whose time is an offset from the last full timestamp.
                let local = Int((header >> 5) & 0x3)
                let offset = UInt32(header & 0x1F)
                guard let def = defs[local] else { return "a message with no definition at byte \(at)" }
                guard p + def.size <= end else { return "cut off at byte \(at)" }
                var ts = (lastTimestamp & ~0x1F) + offset
                if offset < (lastTimestamp & 0x1F) { ts &+= 0x20 }
                lastTimestamp = ts
                message(def, d, p, timestamp: ts, into: &g, lastTimestamp: &lastTimestamp)
                p += def.size
            } else if header & 0x40 != 0 {
                guard p + 5 <= end else { return "cut off at byte \(at)" }
                let big = d[p + 1] == 1
                guard d[p + 1] <= 1 else { return "a definition with an unknown byte order at byte \(at)" }
                let global = big ? UInt16(d[p + 2]) << 8 | UInt16(d[p + 3]) : UInt16(d[p + 2]) | UInt16(d[p + 3]) << 8
                let count = Int(d[p + 4])
                p += 5
                guard p + count * 3 <= end else { return "cut off at byte \(at)" }
                var fields: [Field] = []
                for i in 0..<count {
                    let f = Field(number: d[p + i * 3], size: Int(d[p + i * 3 + 1]), baseType: d[p + i * 3 + 2])
                    fields.append(f)
                }
                p += count * 3
                var devBytes = 0
                if header & 0x20 != 0 {
                    guard p < end else { return "cut off at byte \(at)" }
                    let devCount = Int(d[p])
                    p += 1
                    guard p + devCount * 3 <= end else { return "cut off at byte \(at)" }
                    for i in 0..<devCount { devBytes += Int(d[p + i * 3 + 1]) }
                    p += devCount * 3
                }
                defs[Int(header & 0x0F)] = Definition(global: global, bigEndian: big, fields: fields, devBytes: devBytes)
            } else {
                guard header & 0x10 == 0 else { return "a record header that is not FIT at byte \(at)" }
                guard let def = defs[Int(header & 0x0F)] else { return "a message with no definition at byte \(at)" }
                guard p + def.size <= end else { return "cut off at byte \(at)" }
                message(def, d, p, timestamp: nil, into: &g, lastTimestamp: &lastTimestamp)
                p += def.size
            }
        }
        return nil
    }

    /// A field's value as an unsigned or signed integer, nil when it holds FIT's "invalid".
    static func integer(_ d: [UInt8], _ at: Int, _ f: Field, big: Bool) -> Int64? {
        let size = f.size
        guard [1, 2, 4, 8].contains(size) else { return nil }
        var u: UInt64 = 0
        for i in 0..<size {
            let b = UInt64(d[at + (big ? i : size - 1 - i)])
            u = u << 8 | b
        }
        let base = f.baseType & 0x1F
        switch base {
        case 0x00, 0x02, 0x0D: if u == 0xFF { return nil }         // enum, uint8, byte
        case 0x04: if u == 0xFFFF { return nil }                   // uint16
        case 0x06: if u == 0xFFFF_FFFF { return nil }              // uint32
        case 0x0F: if u == UInt64.max { return nil }               // uint64
        case 0x0A, 0x0B, 0x0C, 0x10: if u == 0 { return nil }      // z types
        case 0x01: if u == 0x7F { return nil }; return Int64(Int8(truncatingIfNeeded: u))
        case 0x03: if u == 0x7FFF { return nil }; return Int64(Int16(truncatingIfNeeded: u))
        case 0x05: if u == 0x7FFF_FFFF { return nil }; return Int64(Int32(truncatingIfNeeded: u))
        case 0x0E: return Int64(bitPattern: u)
        case 0x08, 0x09: return nil                                // floats are not used here
        default: break
        }
        return Int64(truncatingIfNeeded: u)
    }

    static func message(_ def: Definition, _ d: [UInt8], _ start: Int, timestamp: UInt32?, into g: inout Gathered, lastTimestamp: inout UInt32) {
        var values: [UInt8: Int64] = [:]
        var p = start
        for f in def.fields {
            if let v = integer(d, p, f, big: def.bigEndian) { values[f.number] = v }
            p += f.size
        }
        if let ts = values[253], ts >= 0, ts <= Int64(UInt32.max) { lastTimestamp = UInt32(ts) }
        let time = values[253].map { UInt32(truncatingIfNeeded: $0) } ?? timestamp
        func u32(_ n: UInt8) -> UInt32? { values[n].flatMap { $0 >= 0 && $0 <= Int64(UInt32.max) ? UInt32($0) : nil } }
        func scaled(_ n: UInt8, _ by: Double) -> Double? { values[n].map { Double($0) / by } }
        switch def.global {
        case 0:
            g.fileType = values[0].map(Int.init)
            g.timeCreated = u32(4)
        case 12:
            g.sportMessage = values[0].map(Int.init)
        case 18:
            g.sessions.append((start: u32(2) ?? time, sport: values[5].map(Int.init), timer: scaled(8, 1000),
                               elapsed: scaled(7, 1000), meters: scaled(9, 100)))
        case 19:
            g.laps.append((start: u32(2), timer: scaled(8, 1000), elapsed: scaled(7, 1000), meters: scaled(9, 100)))
            if let s = values[25], g.sportMessage == nil { g.sportMessage = Int(s) }
        case 20:
            // Running form (cadence is one foot's strides a minute, with its fraction in 1/128ths: doubled, steps).
            let spm = values[4].map { 2 * (Double($0) + Double(values[53] ?? 0) / 128) }
            let step = scaled(85, 10), stance = scaled(41, 10), oscillation = scaled(39, 10)
            if spm != nil || step != nil || stance != nil || oscillation != nil {
                g.form.append((t: time, spm: spm, stepMM: step, stanceMS: stance, oscillationMM: oscillation))
            }
            if let t = time {
                if g.firstRecord == nil { g.firstRecord = t }
                g.lastRecord = t
            }
            // A cumulative distance that goes back, or jumps faster than 100 m/s, is damage, not running.
            if let m = scaled(5, 100) {
                let since = Double((time ?? 0) &- (g.lastDistanceAt ?? time ?? 0))
                if let last = g.lastDistance, m < last || m - last > 100 * max(1, since) { break }
                g.lastDistance = m
                g.lastDistanceAt = time
            }
        default:
            break
        }
    }
}
