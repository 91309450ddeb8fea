import Foundation

/// Sleeping until a descriptor is readable or a timeout passes, for the full-screen and plain loops alike.
public enum Wait {
    /// Waits on `fds` for input for at most `timeout` nanoseconds (nil: no limit). The timeout is rounded up
    /// to the next millisecond, so the wait never ends before the deadline and at most 1 ms after it.
    /// Returns each descriptor's `revents`, or nil if a signal interrupted the wait.
    public static func poll(_ fds: [Int32], timeout: Int64?) -> [Int16]? {
        var pfds = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ms: Int32
        if let timeout {
            let t = max(0, timeout)
            ms = Int32(clamping: (t + 999_999) / 1_000_000)
        } else {
            ms = -1
        }
        let rc = Foundation.poll(&pfds, nfds_t(pfds.count), ms)
        if rc < 0 { return nil }
        return pfds.map(\.revents)
    }
}
