#define _GNU_SOURCE
#include <spawn.h>
#include "spawn_shim.h"

int rc_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowfd) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowfd);
}
