import CNcursesw
import Foundation

/// Sleeping until a descriptor is readable or a timeout passes, for the full-screen and plain loops alike.
public enum Wait {
    /// The timer that ends a wait. Linux lets a poll's own timeout run late by a thousandth of its length (a
    /// millisecond for a second's wait: every step boundary and every second of the clock came about a
    /// millisecond late); a timer descriptor set to the instant goes off on it.
    nonisolated(unsafe) private static var timer: Int32 = nc_timer_create()

    /// Waits on `fds` for input for at most `timeout` nanoseconds (nil: no limit). Returns each descriptor's
    /// `revents`, or nil if a signal interrupted the wait.
    public static func poll(_ fds: [Int32], timeout: Int64?) -> [Int16]? {
        wait(fds, timeout: timeout, mask: nil)
    }

    /// As `poll`, with the thread's signal mask set to `mask` during the wait alone: a signal blocked until
    /// now and pending is delivered as the wait begins, and ends it (nil).
    static func poll(_ fds: [Int32], timeout: Int64?, mask: sigset_t) -> [Int16]? {
        wait(fds, timeout: timeout, mask: mask)
    }

    private static func wait(_ fds: [Int32], timeout: Int64?, mask: sigset_t?) -> [Int16]? {
        var pfds = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        func ppoll(_ ns: Int64) -> Int32 {
            guard var mask else { return nc_poll_ns(&pfds, nfds_t(pfds.count), ns, nil) }
            return nc_poll_ns(&pfds, nfds_t(pfds.count), ns, &mask)
        }
        let rc: Int32
        // A timer that went off stays readable until it is set again, which the next timed wait does before it
        // polls (setting a timer takes its expiry off): it is never read, one system call less a second.
        if let timeout, timer >= 0, nc_timer_arm(timer, timeout) == 0 {
            pfds.append(pollfd(fd: timer, events: Int16(POLLIN), revents: 0))
            rc = ppoll(-1)
            pfds.removeLast()
        } else {
            rc = ppoll(timeout.map { max(0, $0) } ?? -1)
        }
        if rc < 0 { return nil }
        return pfds.map(\.revents)
    }
}
