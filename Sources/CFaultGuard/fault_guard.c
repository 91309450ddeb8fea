#include "fault_guard.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t armed = 0;

// Only async-signal-safe calls: tcsetattr, write, signal, raise.
static void on_fault(int sig) {
    if (armed) {
        tcsetattr(0, TCSANOW, &saved);
        static const char restore[] = "\033[0m\033[?1049l\033[?25h\r\n";
        (void)!write(1, restore, sizeof restore - 1);
    }
    static const char msg[] = "runcore: crashed; the terminal was given back. Please report what you were doing.\n";
    (void)!write(2, msg, sizeof msg - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

void fault_guard_arm(void) {
    if (tcgetattr(0, &saved) == 0) armed = 1;
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fault;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, 0);
    }
}

void fault_guard_disarm(void) { armed = 0; }
