import Foundation

/// A private tmux server running one command in an 80×24 (or other) pane, driven like a person would:
/// keys in, screen out. Polls the screen every 50 ms up to a deadline instead of sleeping a fixed time.
public final class Tmux {
    public let socket: String
    public let home: TempDir
    private let started = Date()

    /// Runs `arguments` of runcore in a shell inside the pane; when it ends the pane shows `EXIT=<status>`
    /// and the terminal's mode (`TTY icanon echo …`), and stays open for inspection.
    /// With `recordTo`, every byte the program writes to the terminal is copied to that file from its very
    /// first one (the program starts only once the recorder is attached).
    public init(_ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
                recordTo: String? = nil, stderrTo: String? = nil) {
        socket = "rc-\(getpid())-\(UUID().uuidString.prefix(8))"
        home = TempDir("runcore-e2e")
        var env = ["HOME": home.path, "SWIFT_BACKTRACE": "enable=no", "LANG": "C.UTF-8", "TERM": "screen"]
        for (k, v) in environment { env[k] = v }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let command = ([Binary.path] + arguments).map(Tmux.quote).joined(separator: " ")
        // `swift test` exports NO_COLOR=1; the program in the pane sees only what a test asks for.
        let unset = env["NO_COLOR"] == nil ? "-u NO_COLOR " : ""
        let gate = recordTo == nil ? "" : "while [ ! -e .recording ]; do sleep 0.02; done; "
        let redirect = stderrTo.map { " 2>" + Tmux.quote($0) } ?? ""
        let script = "cd \(Tmux.quote(home.path)) && \(gate)env \(unset)\(exports) \(command)\(redirect); echo EXIT=$?; "
            + "echo TTY $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '); sleep 600"
        run("-f /dev/null new-session -d -s t -x \(width) -y \(height) \(Tmux.quote(script))")
        if let recordTo {
            record(to: recordTo)
            home.write(".recording", "")
        }
    }

    deinit { stop() }

    /// The menu asks about low-back pain before its list until it is answered: Esc passes it by.
    public func passFirstQuestion() {
        _ = waitFor("low-back pain already", timeout: 5)
        send("Escape")
    }

    public func stop() {
        run("kill-server")
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        home.remove()
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func run(_ args: String) -> Int32 {
        system("tmux -L \(socket) \(args) >/dev/null 2>&1")
    }

    func output(_ args: String) -> String {
        shellOutput("tmux -L \(socket) \(args) 2>/dev/null", trim: false)
    }

    /// The pane's text; with `escapes`, including colour and attribute sequences.
    public func screen(escapes: Bool = false) -> String {
        output("capture-pane -p \(escapes ? "-e " : "")-t t")
    }

    public func send(_ keys: String...) {
        run("send-keys -t t " + keys.map(Tmux.quote).joined(separator: " "))
    }

    /// Types literal text (no key names).
    public func type(_ text: String) { run("send-keys -t t -l \(Tmux.quote(text))") }

    public func resize(_ width: Int, _ height: Int) {
        run("resize-window -t t -x \(width) -y \(height)")
    }

    public func format(_ f: String) -> String {
        output("display-message -p -t t \(Tmux.quote(f))").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Copies everything the program writes to the terminal into `path`, from now on.
    public func record(to path: String) { run("pipe-pane -t t \(Tmux.quote("cat >> " + path))") }

    /// Waits until the screen satisfies `condition` (checked every 50 ms), returning it, or nil at the deadline.
    @discardableResult
    public func waitFor(timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let s = screen()
            if condition(s) { return s }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 10) -> String? {
        waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// The exit status the pane printed, waiting for it.
    public func exitStatus(timeout: TimeInterval = 15) -> Int? {
        guard let s = waitFor("EXIT=", timeout: timeout),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("EXIT=") }) else { return nil }
        return Int(line.dropFirst(5))
    }

    /// The terminal mode after the program ended, e.g. "icanon echo" (a "-" prefix means off).
    public func ttyModes() -> String? {
        guard let s = waitFor("TTY ", timeout: 5),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("TTY ") }) else { return nil }
        return line.dropFirst(4).trimmingCharacters(in: .whitespaces)
    }

    /// The pid of runcore in the pane (the shell's child).
    public func programPID() -> pid_t? {
        guard let shell = Int32(format("#{pane_pid}")) else { return nil }
        let path = "/proc/\(shell)/task/\(shell)/children"
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let pid = text.split(separator: " ").compactMap({ Int32($0) }).first {
                return pid
            }
            usleep(20_000)
        }
        return nil
    }

    public var secondsSinceStart: TimeInterval { Date().timeIntervalSince(started) }
}
