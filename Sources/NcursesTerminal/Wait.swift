import CNcursesw
import Foundation

/// Sleeping until a descriptor is readable or a timeout passes, for the full-screen and plain loops alike.
public enum Wait {
    /// Waits on `fds` for input for at most `timeout` nanoseconds (nil: no limit), with the kernel's
    /// nanosecond timer (ppoll), so a deadline is met to within the scheduler's wake-up latency.
    /// Returns each descriptor's `revents`, or nil if a signal interrupted the wait.
    public static func poll(_ fds: [Int32], timeout: Int64?) -> [Int16]? {
        var pfds = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let rc = nc_poll_ns(&pfds, nfds_t(pfds.count), timeout.map { max(0, $0) } ?? -1)
        if rc < 0 { return nil }
        return pfds.map(\.revents)
    }

    /// As `poll`, with the thread's signal mask set to `mask` during the wait alone: a signal blocked until
    /// now and pending is delivered as the wait begins, and ends it (nil).
    static func poll(_ fds: [Int32], timeout: Int64?, mask: sigset_t) -> [Int16]? {
        var pfds = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var mask = mask
        let rc = nc_poll_ns_mask(&pfds, nfds_t(pfds.count), timeout.map { max(0, $0) } ?? -1, &mask)
        if rc < 0 { return nil }
        return pfds.map(\.revents)
    }
}
