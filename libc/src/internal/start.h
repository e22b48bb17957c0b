/*
 * Process start-up state shared inside libc (start/start.c): the auxiliary vector found on
 * the initial stack, and the entry points crt0 and the assembly wrappers call.
 */
#ifndef SPINDLE_LIBC_INTERNAL_START_H
#define SPINDLE_LIBC_INTERNAL_START_H

#include <stdint.h>
#include "uapi/auxv.h"

/* Called by _start with rsp at entry (pointing at argc). Runs main and exits. */
_Noreturn void libc_start_main(uint64_t *initial_stack);

/* Sets errno from a raw -errno result and returns -1; for assembly wrappers. */
long libc_syscall_fail(long raw);

/* Runs the .fini_array destructors; exit() calls it after the atexit handlers. */
void libc_run_destructors(void);

#endif
