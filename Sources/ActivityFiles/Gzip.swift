import CZlib

/// gzip (and zlib) streams, through the system's zlib.
public enum Gzip {
    public struct Failure: Error {
        public var reason: String
        /// What was inflated before the damage.
        public var partial: [UInt8]
        /// The content is larger than the limit: nothing was kept.
        public var tooLarge = false
    }

    /// The whole content, across several gzip members; a cut-off or damaged stream fails with what came before.
    ///
    /// Content larger than `limit` bytes is refused without being kept: a first pass only counts what the
    /// stream expands to (into one 64 KiB buffer, over and over), and stops at the limit, so a file that expands
    /// to gigabytes of zeros costs the time to inflate `limit` bytes and no memory. Only then is the content
    /// inflated again, into a buffer of its exact size.
    public static func inflate(_ input: [UInt8], limit: Int = Int.max) -> Result<[UInt8], Failure> {
        guard input.count >= 2, input[0] == 0x1F, input[1] == 0x8B else {
            return .failure(Failure(reason: "no gzip header", partial: []))
        }
        var size = 0
        let counted = walk(input) { chunk in
            size += chunk.count
            return size <= limit
        }
        if counted == .stopped { return .failure(Failure(reason: "expands past the limit", partial: [], tooLarge: true)) }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        let status = walk(input) { chunk in
            out.append(contentsOf: chunk)
            return true
        }
        switch status {
        case .done, .stopped: return .success(out)
        case .cutOff: return .failure(Failure(reason: "is cut off", partial: out))
        case .damaged: return .failure(Failure(reason: "is damaged", partial: out))
        case .noStart: return .failure(Failure(reason: "zlib would not start", partial: out))
        }
    }

    enum Walk { case done, stopped, cutOff, damaged, noStart }

    /// Inflates every member of `input`, handing each piece of output to `take` (which returns false to stop).
    static func walk(_ input: [UInt8], _ take: (UnsafeBufferPointer<UInt8>) -> Bool) -> Walk {
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while offset < input.count {
            var stream = z_stream()
            guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .noStart }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            var stopped = false
            let consumed: Int = input.withUnsafeBufferPointer { inBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + offset)
                stream.avail_in = uInt(input.count - offset)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        let produced = outBuf.count - Int(stream.avail_out)
                        if produced > 0 && !take(UnsafeBufferPointer(rebasing: outBuf[0..<produced])) { stopped = true }
                    }
                } while !stopped && status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
                return input.count - offset - Int(stream.avail_in)
            }
            if stopped { return .stopped }
            if status != Z_STREAM_END { return status == Z_OK || status == Z_BUF_ERROR ? .cutOff : .damaged }
            offset += consumed
            // Padding after the last member is allowed.
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
            guard input.count - offset >= 2, input[offset] == 0x1F, input[offset + 1] == 0x8B else { break }
        }
        return .done
    }
}
