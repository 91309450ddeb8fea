#ifndef RUNCORE_FAULT_GUARD_H
#define RUNCORE_FAULT_GUARD_H
// A crash in full screen still gives the terminal back: the fault handler restores the terminal settings
// saved when full screen began, leaves the alternate screen and shows the cursor, says so in one line, and
// then lets the signal end the process as it would have (no waiting on a crash reporter's prompt).

/// Saves the terminal's settings (before curses changes them) and installs the handler for SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGABRT and SIGTRAP.
void fault_guard_arm(void);

/// Full screen ended normally: a later crash has no terminal to restore.
void fault_guard_disarm(void);
#endif
