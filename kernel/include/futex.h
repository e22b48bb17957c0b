/*
 * Fast user-space mutexes (kernel/ipc/futex.c): the kernel half of pthread mutexes,
 * condition variables and pthread_join. User space does the uncontended work with atomic
 * instructions; only a thread that must wait enters the kernel, sleeping on the address of
 * the 32-bit word, and only an unlocker that knows of waiters enters to wake it.
 */
#ifndef SPINDLE_FUTEX_H
#define SPINDLE_FUTEX_H

#include "types.h"

/* futex(2): uaddr, op, val, timeout (or val2), uaddr2, val3. */
long sys_futex(uint32_t *uaddr, int op, uint32_t value, const void *timeout, uint32_t *uaddr2,
	       uint32_t value3);
/* Wake up to `count` waiters on a user word of the current process (thread exit). */
int futex_wake_address(void *uaddr, int count);
/* Sleeping futex waiters, for leak checks and the gdb commands. */
size_t futex_waiter_count(void);

#endif
