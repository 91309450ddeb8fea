import Foundation
import Testing
@testable import ActivityFiles
import TestSupport

@Suite("Activity files against the SDK and gpxpy")
struct ActivityFileTests {
    func read(_ dir: String, _ name: String) -> Result<[Activity], ActivityFileError> {
        let bytes = [UInt8](FileManager.default.contents(atPath: dir + "/" + name) ?? Data())
        return ActivityReader.read(bytes, name: name)
    }

    var iso: ISO8601DateFormatter { ISO8601DateFormatter() }

    /// Every run written by Garmin's Encoder, gpxpy or to the TCX schema reads back with the start, distance and
    /// time it was written with, and no note of damage. GPX distance agrees with gpxpy's length_2d within 1 %.
    @Test func everyGoodFileReadsAsItWasWritten() throws {
        let (dir, expected) = try Oracle.activities()
        var checked = 0
        var worstGPX = 0.0
        for (name, facts) in expected where facts["meters"] != nil {
            let result = read(dir, name)
            guard case .success(let list) = result else { Issue.record("\(name): \(result)"); continue }
            #expect(list.count == 1, "\(name)")
            let a = list[0]
            #expect(a.notes.isEmpty, "\(name): \(a.notes)")
            #expect(a.startedAt == iso.date(from: facts["start"] as! String), "\(name)")
            let meters = facts["meters"] as! Double
            let got = try #require(a.meters, "\(name)")
            if name.contains(".gpx") {
                let off = abs(got - meters) / meters
                worstGPX = max(worstGPX, off)
                #expect(off < 0.01, "\(name): \(got) m against gpxpy's \(meters) m")
            } else {
                #expect(abs(got - meters) < 0.05, "\(name): \(got) m, written \(meters) m")
            }
            if let seconds = facts["seconds"] as? Double { #expect(abs((a.seconds ?? 0) - seconds) < 1, "\(name)") }
            #expect(a.sport.name == facts["sport"] as? String, "\(name)")
            #expect(a.sport.isRun)
            checked += 1
        }
        #expect(checked >= 18)
        // The haversine over the mean radius against gpxpy's own formula: far inside the 1 % the issue allows.
        #expect(worstGPX < 0.002, "worst GPX difference \(worstGPX)")
    }

    /// A file is one outing: eight tracks (three of them 30 m long), segments, a five-minute stop and a slow
    /// drift read as one run, with gpxpy's length_2d and moving time, and the elapsed time beside it; a type
    /// runcore does not know is a run, named; a track without times keeps its distance and the file's date.
    @Test func aFileIsOneOutingAsGpxpyReadsIt() throws {
        let (dir, expected) = try Oracle.activities()
        for name in ["outings/eight-tracks.gpx", "outings/unknown-type.gpx", "outings/no-times.gpx", "form/cadence.gpx", "form/cadence.tcx",
                     "form/dynamics.fit"] {
            let facts = try #require(expected[name], "\(name)")
            let list = try read(dir, name).get()
            #expect(list.count == 1, "\(name)")
            let a = list[0]
            #expect(a.startedAt == iso.date(from: facts["start"] as! String), "\(name)")
            let meters = facts["meters"] as! Double
            #expect(abs((a.meters ?? 0) - meters) / meters < 0.002, "\(name): \(a.meters ?? 0) m against \(meters) m")
            if let moving = facts["moving"] as? Double {
                // gpxpy decides moving or stopped between each two points at 1 km/h, as runcore does: the same
                // pairs count, so the times agree to the second.
                #expect(abs((a.seconds ?? 0) - moving) < 1, "\(name): moving \(a.seconds ?? 0) s against \(moving) s")
            } else {
                #expect(a.seconds == nil, "\(name)")
            }
            if let elapsed = facts["elapsed"] as? Double {
                #expect(abs((a.elapsedSeconds ?? 0) - elapsed) < 1, "\(name): elapsed \(a.elapsedSeconds ?? 0) s against \(elapsed) s")
            } else {
                #expect(a.elapsedSeconds == nil, "\(name)")
            }
            #expect(a.unknownType == facts["unknown_type"] as? String, "\(name)")
            #expect(a.sport.isRun)
        }
        let eight = try read(dir, "outings/eight-tracks.gpx").get()[0]
        #expect((eight.seconds ?? 0) < (eight.elapsedSeconds ?? 0) / 3, "the stops are not running time")
    }

    /// Cadence (with FIT's fractional cadence), step length, vertical oscillation and ground contact, and how far
    /// cadence fell in the last third, as computed from what Garmin's own decoder reads from the file (and from
    /// the TCX and GPX extensions as written): standing records (cadence 0) and absent figures left out.
    @Test func formAgainstTheSDKsDecoding() throws {
        let (dir, expected) = try Oracle.activities()
        for name in ["form/dynamics.fit", "form/cadence.tcx", "form/cadence.gpx"] {
            let facts = try #require(expected[name])
            let form = try read(dir, name).get()[0].form
            func check(_ got: Double?, _ key: String, within: Double) {
                if let want = facts[key] as? Double {
                    #expect(got.map { abs($0 - want) <= within } == true, "\(name) \(key): \(String(describing: got)) against \(want)")
                } else {
                    #expect(got == nil, "\(name) \(key): \(String(describing: got)), absent in the file")
                }
            }
            check(form.cadence, "cadence", within: 1e-9)
            check(form.cadenceDrop, "cadence_drop", within: 1e-9)
            check(form.stepLength, "step_length", within: 1e-9)
            check(form.groundContact, "ground_contact", within: 1e-9)
            check(form.verticalOscillation, "vertical_oscillation", within: 1e-9)
        }
        // A phone's file has none of them: absent, never zero.
        let plain = try read(dir, "month/run-01.fit").get()[0].form
        #expect(plain == Activity.Form())
    }

    /// A gzip file that expands past the limit is refused without being kept: its content is only counted.
    @Test func aGzipBombIsRefusedWithoutBeingKept() throws {
        let dir = TempDir()
        defer { dir.remove() }
        // 300 MB of zeros, compressed as it streams (made here, at test time, by Python's zlib).
        let path = dir.path + "/bomb.gpx.gz"
        _ = try Oracle.python("-c", ["""
            import gzip, sys
            with gzip.open(sys.argv[1], 'wb', compresslevel=9) as f:
                z = bytes(1 << 20)
                for _ in range(300):
                    f.write(z)
            """, path])
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        #expect(bytes.count < 1 << 20)
        guard case .failure(let e) = ActivityReader.read(bytes, name: "bomb.gpx.gz") else { Issue.record("a bomb was read"); return }
        #expect(e.description == "bomb.gpx.gz: expands past 256 MB; not read")
        // The limit is exact: content of the limit's size is read whole, one byte more is refused.
        let small = try Oracle.python("-c", ["import gzip, sys; sys.stdout.write(gzip.compress(bytes(2 << 20)).hex())"])
        let gz = stride(from: 0, to: small.count, by: 2).map { i -> UInt8 in
            let a = small.index(small.startIndex, offsetBy: i)
            return UInt8(small[a...small.index(after: a)], radix: 16)!
        }
        #expect(try Gzip.inflate(gz, limit: 2 << 20).get().count == 2 << 20)
        guard case .failure(let over) = Gzip.inflate(gz, limit: (2 << 20) - 1) else { Issue.record("over the limit read"); return }
        #expect(over.tooLarge && over.partial.isEmpty)
    }

    @Test func otherSportsAreNamed() throws {
        let (dir, _) = try Oracle.activities()
        for (name, sport) in [("month/ride.fit", "cycling"), ("month/walk.gpx", "walking"), ("month/swim.tcx", "swimming"),
                              ("strava/activities/2000.fit.gz", "cycling")] {
            let list = try read(dir, name).get()
            #expect(list.map(\.sport) == [.other(sport)], "\(name)")
            #expect(!list[0].sport.isRun)
        }
    }

    @Test func twoChainedFilesAreTwoRuns() throws {
        let (dir, _) = try Oracle.activities()
        let list = try read(dir, "extra/chained.fit").get()
        #expect(list.map(\.meters) == [3000, 2000])
        #expect(list.allSatisfy { $0.notes.isEmpty })
    }

    /// A damaged file gives what precedes the damage, with a note saying where, or an error naming the file.
    @Test func damagedFilesGiveWhatTheyCanOrOneLine() throws {
        let (dir, _) = try Oracle.activities()
        let partial = ["damaged/cut.fit": "cut off at byte 534", "damaged/overwritten.fit": "no definition at byte 404",
                       "damaged/cut.gpx": "cut off at line", "damaged/cut.tcx": "cut off at line 20", "damaged/cut.fit.gz": "gzip is cut off",
                       "damaged/overwritten.gpx": "damaged XML", "damaged/overwritten.tcx": "damaged XML"]
        for (name, note) in partial {
            let list = try read(dir, name).get()
            #expect(list.count == 1, "\(name)")
            #expect(list[0].notes.joined(separator: "; ").contains(note), "\(name): \(list[0].notes)")
            #expect((list[0].meters ?? 0) > 0 && (list[0].meters ?? 0) < 7000, "\(name): \(String(describing: list[0].meters))")
        }
        let unreadable = ["damaged/header.fit": "damaged/header.fit: byte 0: not a FIT file (no FIT header)",
                          "damaged/empty.fit": "damaged/empty.fit: the file is empty",
                          "damaged/garbage.gpx": "damaged/garbage.gpx: line 1: no track before the damage: damaged XML",
                          "damaged/notgzip.gpx.gz": "damaged/notgzip.gpx.gz: not a readable gzip file (no gzip header)"]
        for (name, line) in unreadable {
            guard case .failure(let e) = read(dir, name) else { Issue.record("\(name) read"); continue }
            #expect(e.description.hasPrefix(line), "\(e)")
        }
    }

    /// Cut at every length and with bytes overwritten anywhere, no file crashes the reader or runs away.
    @Test func noDamageCrashes() throws {
        let (dir, _) = try Oracle.activities()
        var rng = SplitMix64(seed: 7)
        for name in ["month/run-01.fit", "month/run-03.fit", "month/run-04.tcx", "month/run-05.fit.gz", "extra/chained.fit", "month/walk.gpx"] {
            let bytes = [UInt8](FileManager.default.contents(atPath: dir + "/" + name)!)
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
                _ = ActivityReader.read(Array(bytes[..<cut]), name: name)
            }
            for _ in 0..<300 {
                var copy = bytes
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    copy[Int.random(in: 0..<copy.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                if case .success(let list) = ActivityReader.read(copy, name: name) {
                    for a in list { #expect(a.meters.map { $0.isFinite && $0 >= 0 } ?? true) }
                }
            }
        }
    }
}

/// FIT features the SDK's Encoder does not write, built by hand from the protocol: big-endian definitions,
/// compressed timestamps, developer fields, a 12-byte header.
@Suite("FIT by hand")
struct FITByHandTests {
    /// A FIT file around `records`, with a 12-byte header and the CRC.
    static func file(_ records: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [12, 0x20, 0x5C, 0x08]
        let n = UInt32(records.count)
        out += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
        out += Array(".FIT".utf8)
        out += records
        let crc = FIT.crc(out)
        return out + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    @Test func bigEndianCompressedTimestampsAndDeveloperFields() throws {
        let t0: UInt32 = 1_100_000_000    // 2024-11-09
        var r: [UInt8] = []
        // Record (20), big endian, with a developer field: timestamp uint32, distance uint32.
        r += [0x60, 0, 1, 0, 20, 2, 253, 4, 0x86, 5, 4, 0x86, 1, 0, 2, 0]
        r += [0x00] + Self.be32(t0) + Self.be32(0) + [0xAA, 0xBB]
        // Record without a timestamp field (local 1), sent with compressed timestamps.
        r += [0x41, 0, 1, 0, 20, 1, 5, 4, 0x86]
        var offset = t0 & 0x1F
        for i in 1...40 {
            offset = (offset + 3) & 0x1F          // 3 s later each, rolling over 32
            r += [0x80 | (1 << 5) | UInt8(offset)] + Self.be32(UInt32(i) * 1000)   // 10 m each
        }
        // Session (18), big endian: start_time, total_timer_time (ms), total_distance (cm), sport.
        r += [0x42, 0, 1, 0, 18, 4, 2, 4, 0x86, 8, 4, 0x86, 9, 4, 0x86, 5, 1, 0x00]
        r += [0x02] + Self.be32(t0) + Self.be32(120_000) + Self.be32(40_000) + [1]
        let list = try FIT.activities(Self.file(r), file: "hand.fit").get()
        #expect(list.count == 1)
        #expect(list[0].startedAt == FIT.epoch.addingTimeInterval(Double(t0)))
        #expect(list[0].meters == 400)
        #expect(list[0].seconds == 120)
        #expect(list[0].sport == .running)
        #expect(list[0].notes.isEmpty)

        // Without the session, the track gives the distance and the time, compressed timestamps rolled over.
        let cut = Array(r[..<(r.count - 18 - 14)])
        let fromTrack = try FIT.activities(Self.file(cut), file: "hand.fit").get()
        #expect(fromTrack[0].meters == 400)
        #expect(fromTrack[0].seconds == 120)
        #expect(fromTrack[0].notes == ["no session summary: taken from the track"])
    }

    @Test func crcMatchesTheProtocolsCheckValue() {
        // The CRC over a file including its own CRC is zero.
        let f = Self.file([0x40, 0, 0, 0, 0, 0])
        #expect(FIT.crc(f) == 0)
        #expect(FIT.crc(Array("123456789".utf8)) == 0xBB3D)   // CRC-16/ARC's check value
    }
}
