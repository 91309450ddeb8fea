import Foundation
import RunnerLog

/// A path as the file system has it: bytes, not text. A file name that is not UTF-8 (an old camera's, a
/// Latin-1 archive's) is opened by its bytes and shown with the odd bytes written as `\xNN`.
package struct RawPath: Hashable {
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A path typed on the command line: its bytes exactly as they were in `argv` (Swift's arguments replace
    /// bytes that are not UTF-8, so the text alone could not open such a file).
    package init(argument: String) {
        for raw in RawPath.argv where String(decoding: raw, as: UTF8.self) == argument {
            self.bytes = raw
            return
        }
        self.bytes = Array(argument.utf8)
    }

    package static let argv: [[UInt8]] = (0..<Int(CommandLine.argc)).compactMap { i in
        CommandLine.unsafeArgv[i].map { p in Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))) }
    }

    package func appending(_ name: [UInt8]) -> RawPath {
        RawPath(bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// The last component.
    package var name: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// The path as text when it is UTF-8 (what is stored as a run's file), else as shown.
    package var text: String { String(validating: bytes, as: UTF8.self) ?? shown }

    /// For messages and tables: UTF-8 as it is, a byte that is not as `\xNN`, control characters escaped.
    package var shown: String { Self.shown(bytes) }

    package static func shown(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var at = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                at += encoded.count
            case .error(let length):
                for b in bytes[at..<(at + length)] { out += String(format: "\\x%02X", b) }
                at += length
            case .emptyInput:
                break loop
            }
        }
        return Escape.shown(out)
    }

    package func withCString<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { body($0) }
        }
    }

    package struct Errno: Error { package var code: Int32 }

    /// `stat` (following links), or the error number.
    package func status() -> Result<stat, Errno> {
        var st = stat()
        return withCString { stat($0, &st) } == 0 ? .success(st) : .failure(Errno(code: errno))
    }

    package var isLink: Bool {
        var st = stat()
        return withCString { lstat($0, &st) } == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }
}

/// The activity files under the paths given to `import`: folders read recursively, links to files and folders
/// followed, and whatever could not be followed named in a line (a loop, a folder that cannot be read, a link
/// to nothing).
package struct FileWalk {
    /// Files to read, in order.
    package var files: [RawPath] = []
    /// Paths that could not be read at all, each with its line.
    package var unreadable: [String] = []
    /// Lines about what was passed over on purpose (a link back into a folder being read).
    package var passedOver: [String] = []

    private let wanted: ([UInt8]) -> Bool
    private var folders: [FileID: RawPath] = [:]
    private var seenFiles: [FileID: RawPath] = [:]

    package struct FileID: Hashable { package var device: UInt64; package var inode: UInt64 }

    package static func id(_ st: stat) -> FileID { FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)) }
    package static func isDirectory(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }
    package static func reason(_ e: Int32) -> String { String(cString: strerror(e)) }

    /// Walks each path in turn; `wanted` says which file names are activity files.
    package init(_ roots: [RawPath], wanted: @escaping ([UInt8]) -> Bool) {
        self.wanted = wanted
        for root in roots {
            switch root.status() {
            case .failure(let err):
                let e = err.code
                unreadable.append(e == ENOENT ? "\(root.shown): no such file or folder" + (root.isLink ? " (a link to nothing)" : "")
                                              : "\(root.shown): cannot be read (\(Self.reason(e)))")
            case .success(let st) where Self.isDirectory(st):
                var found: [RawPath] = []
                walk(root, st, ancestors: [], into: &found)
                files += found.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            case .success(let st):
                add(root, st)
            }
        }
    }

    private mutating func add(_ path: RawPath, _ st: stat) {
        let id = Self.id(st)
        if (st.st_mode & S_IFMT) == S_IFREG, let first = seenFiles[id] {
            passedOver.append("\(path.shown): the same file as \(first.shown); read once")
            return
        }
        seenFiles[id] = path
        files.append(path)
    }

    private mutating func walk(_ dir: RawPath, _ st: stat, ancestors: [FileID], into found: inout [RawPath]) {
        let id = Self.id(st)
        if let first = folders[id] {
            passedOver.append(ancestors.contains(id) ? "\(dir.shown): a link back to \(first.shown), a folder it is in (a loop); not followed"
                                                     : "\(dir.shown): the same folder as \(first.shown), read already; not read again")
            return
        }
        folders[id] = dir
        guard let handle = dir.withCString({ opendir($0) }) else {
            unreadable.append("\(dir.shown): the folder cannot be read (\(Self.reason(errno)))")
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(handle)
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let path = dir.appending(name)
            switch path.status() {
            case .success(let s) where Self.isDirectory(s):
                walk(path, s, ancestors: ancestors + [id], into: &found)
            case .success(let s):
                guard wanted(name) else { continue }
                let before = files.count
                add(path, s)
                if files.count > before { found.append(files.removeLast()) }
            case .failure(let err):
                let e = err.code
                guard wanted(name) else { continue }
                unreadable.append(e == ENOENT && path.isLink ? "\(path.shown): a link to nothing" : "\(path.shown): cannot be read (\(Self.reason(e)))")
            }
        }
    }
}
