/*
 * Scheduling and clone (man 2 sched_yield, man 2 clone, man 2 sched_setscheduler,
 * man 2 sched_setparam, man 2 sched_get_priority_max, man 2 sched_rr_get_interval).
 * Policies, struct sched_param and the CLONE_* flags are from uapi/sched.h.
 */
#ifndef SPINDLE_LIBC_SCHED_H
#define SPINDLE_LIBC_SCHED_H

#include <sys/types.h>
#include "uapi/sched.h"

struct timespec;

int sched_yield(void);

/* Policy SCHED_OTHER (= SCHED_NORMAL), SCHED_BATCH, SCHED_IDLE (priority 0) or SCHED_FIFO,
 * SCHED_RR (priority 1..99), optionally | SCHED_RESET_ON_FORK. pid 0 is the caller.
 * These are the raw system calls, as in musl (glibc's sched_setscheduler returns 0, too). */
#define SCHED_OTHER SCHED_NORMAL
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_get_priority_max(int policy);
int sched_get_priority_min(int policy);
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

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
