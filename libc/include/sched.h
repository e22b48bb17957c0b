/*
 * Scheduling (man 2 sched_yield). Policies are from uapi/sched.h.
 */
#ifndef SPINDLE_LIBC_SCHED_H
#define SPINDLE_LIBC_SCHED_H

#include "uapi/sched.h"

int sched_yield(void);

#endif
