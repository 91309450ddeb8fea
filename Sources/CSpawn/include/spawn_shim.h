#ifndef RUNCORE_SPAWN_SHIM_H
#define RUNCORE_SPAWN_SHIM_H
#include <spawn.h>

/// Adds "close every descriptor from `lowfd` up" to a spawn's file actions, so a child gets only what it
/// was given (glibc's posix_spawn_file_actions_addclosefrom_np, declared only under _GNU_SOURCE).
int rc_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowfd);

#endif
