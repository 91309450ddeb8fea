import Foundation
import RunnerLog

/// The version `runcore --version` prints (and the calendar's PRODID names).
package let runcoreVersion = "0.2.0"

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

/// Writes to standard output or error without buffering surprises: plain mode relies on each line arriving
/// at the moment it is printed.
///
/// Everything printed passes one sanitiser: escape sequences and other control characters (C0 but tab,
/// newline and carriage return; DEL; C1) are removed, whatever their source (a routine file, a file name,
/// a row read back from the database). A failed write to standard output is remembered and makes the
/// command exit 74; a reader that went away (`| head -1`) is not an error.
package enum Out {
    /// The error of a failed write to standard output, if one failed (a full disk, an I/O error).
    package nonisolated(unsafe) static var failure: Int32?
    /// Standard output's reader is gone (a closed pipe): there is no point writing more.
    package nonisolated(unsafe) static var readerGone = false

    /// `text` without control characters, except tab, newline and carriage return.
    package static func sanitized(_ text: String) -> String {
        // Quick look at the bytes first: C0 (but tab, newline, return), DEL, and C1's lead byte 0xC2.
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 }),
              text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !isControl($0) })
        return String(out)
    }

    package static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }

    /// Text from the runner or a file as a table or message shows it: line breaks and escapes written out
    /// (`\n`, `\x1B`), so it can never forge a line or steer the terminal (`Escape.shown`).
    package static func shown(_ text: String) -> String { Escape.shown(text) }

    package static func write(_ fd: Int32, _ text: String) { raw(fd, sanitized(text)) }

    /// Text for programs (CSV): written exactly as it is when `fd` is a file or a pipe, so a note keeps every
    /// character it was given; passed through the sanitiser when `fd` is a terminal, which never receives an
    /// escape sequence from a row.
    package static func exact(_ fd: Int32, _ text: String) {
        if isatty(fd) != 0 { write(fd, text) } else { raw(fd, text) }
    }

    /// Writes `text` as it is (for the terminal bell).
    package static func raw(_ fd: Int32, _ text: String) { raw(fd, bytes: Array(text.utf8)) }

    /// Writes bytes that are clean already (JSON whose strings were escaped).
    package static func raw(_ fd: Int32, bytes source: [UInt8]) {
        if fd == 1 && readerGone { return }
        var bytes = source
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                if fd == 1 {
                    if errno == EPIPE { readerGone = true } else if failure == nil { failure = errno }
                }
                return
            }
            offset += n
        }
    }

    package static func line(_ text: String) { write(1, text + "\n") }
    package static func error(_ text: String) { write(2, text + "\n") }

    /// After the command: a failed write to standard output is said and exits 74.
    package static func finish() {
        guard let failure else { return }
        error("runcore: cannot write the output: \(String(cString: strerror(failure)))")
        exit(Exit.ioError)
    }
}

/// Ends the command with this exit status; what went wrong has been said already (one line on standard
/// error), so nothing more is printed.
package struct ExitStatus: Error, Equatable {
    package var code: Int32
    package init(_ code: Int32) { self.code = code }
}
