/*
 * Scheduling policies, with Linux's values (sched(7), include/uapi/linux/sched.h).
 * Shared with libc/.
 */
#ifndef SPINDLE_UAPI_SCHED_H
#define SPINDLE_UAPI_SCHED_H

#define SCHED_NORMAL 0
#define SCHED_FIFO   1
#define SCHED_RR     2
#define SCHED_BATCH  3
#define SCHED_IDLE   5

#endif
