import Foundation

/// Exit statuses (DESIGN.md).
public enum Exit {
    public static let finished: Int32 = 0
    public static let stoppedByUser: Int32 = 1
    public static let usage: Int32 = 64
    public static let badData: Int32 = 65
    public static let ioError: Int32 = 74
    public static let sigHUP: Int32 = 129
    public static let sigINT: Int32 = 130
    public static let sigTERM: Int32 = 143
}

/// Writes to standard output or error without buffering surprises: plain mode relies on each line
/// arriving at the moment it is printed.
enum Out {
    static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    static func line(_ text: String) { write(1, text + "\n") }
    static func error(_ text: String) { write(2, text + "\n") }
}
