/*
 * Sleeping for a while (kernel/time/timer.c) and wall-clock time (kernel/drivers/rtc.c).
 * Sleepers wait on a list sorted by deadline; every tick wakes those whose deadline has
 * passed, so a sleep ends within one tick (1 ms) after its deadline.
 */
#ifndef SPINDLE_TIMER_H
#define SPINDLE_TIMER_H

#include "list.h"

struct task_struct;

/* A deadline that wakes a task (used by any sleep that can time out), or calls `expire`. */
struct timer {
	uint64_t deadline_ns;
	struct task_struct *task;
	struct list_head node; /* in the sorted list while armed */
	/* NULL: wake task. Else called from the tick with timer_lock held and interrupts off;
	 * it must not sleep or touch timers. */
	void (*expire)(struct timer *timer);
	uint64_t interval_ns; /* > 0: re-armed that much later after each expiry */
};

/* Wake `task` at deadline_ns unless disarmed first. */
void timer_arm(struct timer *timer, uint64_t deadline_ns);
/* Atomically (re)start a callback timer: disarm, then arm at deadline_ns unless it is 0. */
void timer_start(struct timer *timer, struct task_struct *task, uint64_t deadline_ns,
		 uint64_t interval_ns, void (*expire)(struct timer *timer));
/* Time left until the timer fires (0 if not armed), and its interval. */
uint64_t timer_remaining(struct timer *timer, uint64_t *interval_ns);
/* Make sure the timer will not fire (it may have already). */
void timer_disarm(struct timer *timer);

/* Sleep until the monotonic clock reaches deadline_ns. Returns 0, or -EINTR when the
 * process is being killed. */
int sleep_until(uint64_t deadline_ns);
/* Wake the tasks whose deadline has come (called from the tick on the boot CPU). */
void timer_tick(void);

/* Read the CMOS clock once at boot; afterwards realtime = boot wall time + monotonic. */
void rtc_init(void);
/* Nanoseconds since 1970-01-01 00:00:00 UTC. */
uint64_t clock_realtime_ns(void);

#endif
