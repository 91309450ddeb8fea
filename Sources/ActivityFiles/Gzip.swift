import CZlib

/// gzip (and zlib) streams, through the system's zlib.
public enum Gzip {
    public struct Failure: Error {
        public var reason: String
        /// What was inflated before the damage.
        public var partial: [UInt8]
    }

    /// The whole content, across several gzip members; a cut-off or damaged stream fails with what came before.
    public static func inflate(_ input: [UInt8]) -> Result<[UInt8], Failure> {
        guard input.count >= 2, input[0] == 0x1F, input[1] == 0x8B else {
            return .failure(Failure(reason: "no gzip header", partial: []))
        }
        var out: [UInt8] = []
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while offset < input.count {
            var stream = z_stream()
            guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return .failure(Failure(reason: "zlib would not start", partial: out))
            }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            let consumed: Int = input.withUnsafeBufferPointer { inBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + offset)
                stream.avail_in = uInt(input.count - offset)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        out.append(contentsOf: outBuf[0..<(outBuf.count - Int(stream.avail_out))])
                    }
                } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
                return input.count - offset - Int(stream.avail_in)
            }
            if status != Z_STREAM_END {
                let why = status == Z_OK || status == Z_BUF_ERROR ? "is cut off" : "is damaged"
                return .failure(Failure(reason: why, partial: out))
            }
            offset += consumed
            // Padding after the last member is allowed.
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
            guard input.count - offset >= 2, input[offset] == 0x1F, input[offset + 1] == 0x8B else { break }
        }
        return .success(out)
    }
}
