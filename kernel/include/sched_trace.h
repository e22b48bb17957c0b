/*
 * The scheduler trace (kernel/sched/trace.c): a ring buffer of scheduling events with
 * timestamps -- switches, wake-ups, forks, exits and why a task blocked -- for drawing a
 * timeline afterwards (scripts/sched-trace.py, `make trace`, docs/scheduler.md).
 * Switched on by `sched_trace` on the kernel command line or by writing 1 to
 * /proc/sched_trace; dumped over the console by writing `dump` there, and when init exits.
 * When the ring is full the oldest events are overwritten and counted as lost.
 */
#ifndef SPINDLE_SCHED_TRACE_H
#define SPINDLE_SCHED_TRACE_H

#include "task.h"

enum sched_trace_type {
	SCHED_TRACE_SWITCH, /* task starts running; other = the task it replaced */
	SCHED_TRACE_WAKEUP, /* task became runnable; other = who woke it */
	SCHED_TRACE_FORK,   /* task was created; other = its parent */
	SCHED_TRACE_EXIT,   /* task ran for the last time */
	SCHED_TRACE_BLOCK,  /* task goes to sleep: state and the function that slept (wchan) */
};

/* Read the command line (sched_trace). Called once from sched_init(). */
void sched_trace_init(void);
bool sched_trace_is_enabled(void);
void sched_trace_set_enabled(bool enabled);
/* Record one event about task (other may be NULL). Any context; takes the trace lock. */
void sched_trace_record(enum sched_trace_type type, struct task_struct *task,
			struct task_struct *other, void *site);
/* Print every event still in the ring, oldest first, one line each, then empty it. */
void sched_trace_dump(void);
/* /proc/sched_trace: "enabled N\nevents N\nlost N\ncapacity N\n". */
size_t sched_trace_show(char *buffer, size_t size);
/* /proc/sched_trace writes: "1" on, "0" off, "dump". Returns 0 or -EINVAL. */
int sched_trace_control(const char *command, size_t length);

#endif
