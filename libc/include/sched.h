/*
 * Scheduling and clone (man 2 sched_yield, man 2 clone). Policies and the CLONE_* flags are
 * from uapi/sched.h.
 */
#ifndef SPINDLE_LIBC_SCHED_H
#define SPINDLE_LIBC_SCHED_H

#include <sys/types.h>
#include "uapi/sched.h"

int sched_yield(void);

/*
 * Starts a child running fn(arg) on stack (its highest address; the stack grows down) and
 * returns the child's id; the child exits with fn's return value. The optional arguments
 * pid_t *parent_tid, void *tls and pid_t *child_tid are used when flags ask for them
 * (CLONE_PARENT_SETTID, CLONE_SETTLS, CLONE_CHILD_SETTID or CLONE_CHILD_CLEARTID).
 * A child that shares memory (CLONE_VM) but not a new TLS area (CLONE_SETTLS) shares the
 * parent's errno and thread identity, so it should call little more than system calls.
 */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

#endif
