import CSpawn
import Foundation
import RoutineKit

/// The environment runcore was started with, read once: it does not change while runcore runs, and building
/// the dictionary from the process's variables each time a default needed it cost a third of a millisecond.
package enum ProcessEnvironment {
    package static let current = ProcessInfo.processInfo.environment
}

/// The one clock of the run loop: CLOCK_MONOTONIC, which neither jumps with the wall clock nor counts
/// time the machine spent suspended.
package enum MonotonicClock {
    package static func now() -> Nanos {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Nanos(ts.tv_sec) * nanosPerSecond + Nanos(ts.tv_nsec)
    }
}

/// The write end of the signal pipe. Set once before handlers are installed; the handler only writes the
/// signal number into it (async-signal-safe), and the loop, which waits on the read end, wakes at once.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1

private let signalHandler: @convention(c) (Int32) -> Void = { sig in
    var byte = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipeWrite, &byte, 1)
}

/// What a signal asks of the program, in one place for the session, plain mode and the menu.
package enum SignalMeaning: Equatable {
    /// Ctrl-C, SIGTERM, SIGHUP: end, with this exit status.
    case end(Int32)
    /// Ctrl-Z: give the terminal back and stop.
    case suspend
    /// Started again after a stop: draw everything again.
    case resumed
    /// A child (a hook, the voice) ended: reap it.
    case childEnded

    package init?(_ sig: Int32) {
        switch sig {
        case SIGINT: self = .end(Exit.sigINT)
        case SIGTERM: self = .end(Exit.sigTERM)
        case SIGHUP: self = .end(Exit.sigHUP)
        case SIGTSTP: self = .suspend
        case SIGCONT: self = .resumed
        case SIGCHLD: self = .childEnded
        default: return nil
        }
    }
}

/// Signals arrive as bytes on a pipe, so the single-threaded loop handles them between two waits, where
/// restoring the terminal and saving history are safe.
package final class SignalPipe: SignalSource {
    package let readFD: Int32
    /// SIGCHLD is among them: a child that ends (a hook, the voice) wakes the loop, which reaps it at once.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGCHLD]

    /// Installs the handlers. Call before curses starts, so ncurses keeps its hands off INT, TERM and TSTP
    /// (it leaves SIGWINCH to itself, which is what reports resizes).
    package init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        signalPipeWrite = fds[1]
        // A parent (a test runner, a service manager) may have left signals blocked; unblock them.
        var empty = sigset_t()
        sigemptyset(&empty)
        sigprocmask(SIG_SETMASK, &empty, nil)
        signal(SIGPIPE, SIG_IGN)
        for sig in Self.handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = signalHandler
            sigemptyset(&action.sa_mask)
            // A child's end must not make a read or write elsewhere fail with EINTR; the loop's poll wakes anyway.
            action.sa_flags = sig == SIGCHLD ? SA_RESTART | SA_NOCLDSTOP : 0
            sigaction(sig, &action, nil)
        }
    }

    /// The signals that arrived since the last call, in order.
    package func drain() -> [Int32] {
        var out: [Int32] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buf, buf.count)
            if n <= 0 { break }
            out += buf[0..<n].map { Int32($0) }
        }
        return out
    }

    /// Stops this process as Ctrl-Z would (after the caller has given the terminal back).
    package func stopSelf() { kill(getpid(), SIGSTOP) }
}

/// Starts programs without waiting for them: hooks and speech must never hold up the clock. Each child is
/// reaped by its own pid as soon as its SIGCHLD wakes the loop; nothing else of the process is ever reaped.
package enum Spawner {
    /// Runs `argv` with standard input and output on /dev/null (standard error too unless `keepStderr`),
    /// no other descriptor of runcore's, default signal handling, and `extraEnv` added to the environment.
    /// Returns nil if it could not start.
    @discardableResult
    package static func spawn(_ argv: [String], extraEnv: [String: String] = [:], keepStderr: Bool = false) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if !keepStderr { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        // Whatever runcore holds or inherited (a test runner's socket, the database, the signal pipe) stays
        // out of the child.
        rc_spawn_closefrom(&actions, 3)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in SignalPipe.handled + [SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extraEnv { env[k] = v }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv) == 0 else { return nil }
        running.insert(pid)
        return pid
    }

    /// Children started here and not yet reaped.
    nonisolated(unsafe) private(set) static var running: Set<pid_t> = []
    /// Exit statuses of children reaped but not yet claimed (by pid): hooks and the voice look theirs up.
    nonisolated(unsafe) static var exited: [pid_t: Int32] = [:]

    /// Reaps, without blocking, each child started here that has ended, by its own pid (never `waitpid(-1)`,
    /// which could take a child some other part of the process waits for).
    package static func reap() {
        for pid in running {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                running.remove(pid)
                // WIFEXITED / WEXITSTATUS, WIFSIGNALED: a signal shows as 128 + its number, as in a shell.
                exited[pid] = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            } else if r < 0 && errno == ECHILD {
                running.remove(pid)
                exited[pid] = 127
            }
        }
    }

    package static func isInstalled(_ program: String, environment: [String: String]) -> Bool {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
