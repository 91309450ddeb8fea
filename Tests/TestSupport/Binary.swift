import Foundation

/// The `runcore` binary built beside the test bundle (`swift test` builds the executables too).
public enum Binary {
    public static var path: String {
        if let p = ProcessInfo.processInfo.environment["RUNCORE_BIN"] { return p }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Under some runners argv[0] is inside the .xctest bundle.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("runcore").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/runcore").path
    }

    /// The package's top folder, from this file's place in it.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var fixtures: URL { packageRoot.appendingPathComponent("Tests/Fixtures") }
    public static var builtInRoutines: URL { packageRoot.appendingPathComponent("Resources/routines") }
}

/// What a finished process left.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the binary to completion with `arguments`, standard input from `stdin` (or /dev/null).
/// With `shell`, `arguments` go to /bin/sh instead (for pipelines written as the README shows them).
public func runcore(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 30, shell: Bool = false) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell ? "/bin/sh" : Binary.path)
    process.arguments = arguments
    process.environment = testEnvironment(environment)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        throw TimedOut(arguments: arguments)
    }
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

public struct TimedOut: Error, CustomStringConvertible {
    public var arguments: [String]
    public var description: String { "runcore \(arguments.joined(separator: " ")) did not finish in time" }
}

/// A fresh folder under the system temp dir, removed by `remove()`.
public struct TempDir: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "runcore") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let file = url.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The environment for runcore under test: no crash-report wait, and the runner's own config and history
/// folders pointed somewhere empty, so a developer's real history never changes what a test sees.
public func testEnvironment(_ extra: [String: String]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["SWIFT_BACKTRACE"] = "enable=no"
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("runcore-no-home-\(getpid())").path
    env["XDG_CONFIG_HOME"] = empty + "/config"
    env["XDG_DATA_HOME"] = empty + "/data"
    for (k, v) in extra { env[k] = v }
    return env
}

/// The output of a shell command line, trimmed unless `trim` is false (for tmux, sqlite3 and stty).
public func shellOutput(_ command: String, trim: Bool = true) -> String {
    guard let fp = popen(command, "r") else { return "" }
    var data = Data()
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buf, 1, buf.count, fp)
        if n <= 0 { break }
        data.append(contentsOf: buf[0..<n])
    }
    pclose(fp)
    let text = String(decoding: data, as: UTF8.self)
    return trim ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
}

/// A small, seeded random generator (SplitMix64), so that "random" tests replay exactly.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Checks `condition` every 50 ms until it holds or `timeout` passes; returns the last value it saw. Tests
/// wait for what they expect this way, never by sleeping a fixed time and looking once.
@discardableResult
public func eventually<T>(timeout: TimeInterval = 5, _ probe: () -> T, until condition: (T) -> Bool) -> T {
    let deadline = Date().addingTimeInterval(timeout)
    var value = probe()
    while !condition(value) && Date() < deadline {
        usleep(50_000)
        value = probe()
    }
    return value
}
