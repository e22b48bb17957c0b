/*
 * The kernel command line (kernel/init/cmdline.c), as the boot loader passed it:
 * space-separated words, each `key=value` or a bare `flag`, Linux style. Double quotes
 * group a value with spaces (`init="/bin/sh -x"`).
 */
#ifndef SPINDLE_CMDLINE_H
#define SPINDLE_CMDLINE_H

#include "types.h"

#define CMDLINE_MAX 1024

/* Copy the command line in and split it into words. Called once during boot. */
void cmdline_init(const char *text);
const char *cmdline_text(void);
/* True when the bare word `flag` (or `flag=...`) is present. */
bool cmdline_has(const char *flag);
/* Value of `key=value`, or NULL when key is absent or has no value. */
const char *cmdline_get(const char *key);
/*
 * init=/path arg...: the init= value (quotes may group words) split at spaces, followed, as
 * Linux does, by the later words the kernel does not use itself (those without '=').
 * Fills argv (NULL-terminated) and returns argc, or 0 without init=.
 */
#define CMDLINE_MAX_INIT_ARGS 16
int cmdline_init_argv(const char **argv, int max_arguments);

/* Value of `key=value` as a number, or `fallback` when absent or not a number. */
int64_t cmdline_get_int(const char *key, int64_t fallback);

#endif
