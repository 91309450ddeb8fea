import Foundation

/// Runs runcore with its output on a pipe and notes the moment each line arrives, the way a script or a
/// screen reader reading plain mode sees it.
public final class TimedRun: @unchecked Sendable {
    public struct Line: Sendable {
        public var text: String
        /// Seconds after launch.
        public var at: Double
    }

    public let process = Process()
    private let stdinPipe = Pipe()
    private let lock = NSLock()
    private var received: [Line] = []
    private let done = DispatchSemaphore(value: 0)
    private let launched: UInt64

    public init(_ arguments: [String], environment: [String: String] = [:], stderrTo: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = testEnvironment(environment)
        let out = Pipe()
        process.standardOutput = out
        if let stderrTo {
            _ = FileManager.default.createFile(atPath: stderrTo, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderrTo)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = stdinPipe
        launched = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let handle = out.fileHandleForReading
        let start = launched
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                let now = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending = Data(pending[(nl + 1)...])
                    lock.withLock { received.append(Line(text: line, at: now)) }
                }
            }
            done.signal()
        }
    }

    public func type(_ text: String) { stdinPipe.fileHandleForWriting.write(Data(text.utf8)) }
    public func closeInput() { try? stdinPipe.fileHandleForWriting.close() }

    public var lines: [Line] { lock.withLock { received } }

    /// Waits for the process to end (or `timeout`), returning its status, or nil if it had to be killed.
    public func wait(timeout: TimeInterval = 30) -> Int32? {
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits until a line containing `text` has arrived.
    @discardableResult
    public func waitForLine(_ text: String, timeout: TimeInterval = 10) -> Line? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let l = lines.first(where: { $0.text.contains(text) }) { return l }
            usleep(10_000)
        }
        return nil
    }
}
