#ifndef RUNCORE_CNCURSESW_SHIM_H
#define RUNCORE_CNCURSESW_SHIM_H
// The system's wide-character ncurses, and small accessors for what Swift 6 cannot import directly:
// C globals (not concurrency-safe) and macros.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <curses.h>
#include <term.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/timerfd.h>

// ppoll (a poll with a nanosecond timeout) is a GNU extension that <poll.h> hides unless _GNU_SOURCE was set
// before the system headers were first read; glibc always has it.
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);

/// Waits on `fds` for at most `timeout_ns` nanoseconds (negative: no limit). With a `mask` (else NULL), the
/// thread's signal mask is that for the wait alone (atomically: a signal blocked until the call is delivered
/// by it, and interrupts it).
static inline int nc_poll_ns(struct pollfd *fds, nfds_t nfds, long long timeout_ns, const sigset_t *mask) {
    if (timeout_ns < 0) return ppoll(fds, nfds, 0, mask);
    struct timespec ts = { (time_t)(timeout_ns / 1000000000LL), (long)(timeout_ns % 1000000000LL) };
    return ppoll(fds, nfds, &ts, mask);
}

/// A timer on CLOCK_MONOTONIC, as a descriptor a poll can wait on (-1 if there is none).
static inline int nc_timer_create(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK); }

/// Sets `timer` to go off `timeout_ns` from now, to the nanosecond, with no slack. Setting it also takes off
/// an expiry not yet read: the timer is not readable again until it goes off again.
static inline int nc_timer_arm(int timer, long long timeout_ns) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long at = (long long)now.tv_sec * 1000000000LL + now.tv_nsec + (timeout_ns > 0 ? timeout_ns : 0);
    struct itimerspec spec = { { 0, 0 }, { (time_t)(at / 1000000000LL), (long)(at % 1000000000LL) } };
    return timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, 0);
}

static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t nc_a_normal(void) { return A_NORMAL; }
static inline attr_t nc_a_bold(void) { return A_BOLD; }
static inline attr_t nc_a_reverse(void) { return A_REVERSE; }
static inline attr_t nc_a_dim(void) { return A_DIM; }
static inline attr_t nc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t nc_color_pair(int n) { return COLOR_PAIR(n); }
static inline int nc_key_code_yes(void) { return KEY_CODE_YES; }
static inline FILE *nc_stdout(void) { return stdout; }
static inline FILE *nc_stdin(void) { return stdin; }
static inline void nc_flush_stdout(void) { fflush(stdout); }
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

#endif
