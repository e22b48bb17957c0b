/*
 * The scheduler's interface (kernel/sched/core.c) and the scheduling-class contract.
 *
 * Each CPU has one run queue (struct rq). Policies live in scheduling classes, tables of
 * function pointers tried in priority order by pick_next_task(); the core never asks which
 * class a task belongs to. Today: the round-robin class (kernel/sched/rr.c), then the idle
 * class (kernel/sched/idle.c), which always has the idle task to offer.
 *
 * Preemption: the timer tick calls the current task's class, which sets need_resched when
 * the slice is used up; the switch happens on the way out of the interrupt, if the task is
 * not inside preempt_disable(). docs/scheduler.md tells the whole story.
 */
#ifndef SPINDLE_SCHED_H
#define SPINDLE_SCHED_H

#include "spinlock.h"
#include "task.h"

struct rq;

/*
 * A scheduling class. Every hook is called with rq->lock held and interrupts off.
 * The task the CPU runs (rq->curr) is not in its class's queue: pick_next_task() takes it
 * out, put_prev_task() puts it back when it is still runnable.
 */
struct sched_class {
	const char *name;
	/* p became runnable: add it to the queue. */
	void (*enqueue_task)(struct rq *rq, struct task_struct *p);
	/* p stopped being runnable: remove it from the queue (it may be rq->curr, not queued). */
	void (*dequeue_task)(struct rq *rq, struct task_struct *p);
	/* Choose, and take out of the queue, the next task of this class; NULL if none. */
	struct task_struct *(*pick_next_task)(struct rq *rq);
	/* p, which was running, is being switched out and is still runnable: queue it again. */
	void (*put_prev_task)(struct rq *rq, struct task_struct *p);
	/* A timer tick while p runs: account and decide whether p's slice is over. */
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	/* p of this class just woke up: should it preempt rq->curr (also of this class)? */
	void (*check_preempt_curr)(struct rq *rq, struct task_struct *p);
	/* rq->curr gives up the rest of its slice (sched_yield). */
	void (*yield_task)(struct rq *rq);
};

/* The classes, highest priority first; the core walks this list. */
extern const struct sched_class rr_sched_class;
extern const struct sched_class idle_sched_class;

#define RR_TIMESLICE_TICKS 10 /* 10 ms at HZ=1000 */

/* The round-robin class's queue. */
struct rr_rq {
	struct list_head queue; /* runnable tasks, next to run first */
};

struct rq {
	struct spinlock lock;
	struct task_struct *curr; /* running now */
	struct task_struct *idle; /* this CPU's idle task */
	unsigned nr_running;	  /* runnable tasks, the running one included, idle excluded */
	bool need_resched;	  /* switch at the next opportunity */
	uint64_t nr_switches;	  /* context switches on this CPU */
	struct rr_rq rr;
	int cpu;
};

/* Turn the boot context into this CPU's idle task and set up its run queue. */
void sched_init(void);
/* The idle loop: run whatever is runnable, halt when nothing is. Never returns. */
noreturn void cpu_idle_loop(void);

/* Give the CPU to the next runnable task; returns when this task runs again. */
void schedule(void);
/* Voluntarily let other runnable tasks of equal standing run first. */
void sched_yield(void);
/* Make a sleeping (or new) task runnable. Returns true if it was not runnable before. */
bool wake_up_process(struct task_struct *task);
/* Wake the task only if it sleeps in one of the `states` (TASK_INTERRUPTIBLE...). */
bool wake_up_state(struct task_struct *task, long states);
/* Set the current task's state before sleeping (see wait.h for the pattern). */
void set_current_state(long state);

/* Give a new task its scheduling defaults (class, slice) before it is first woken. */
void sched_fork(struct task_struct *task);
/* Called from the timer interrupt on every tick. */
void sched_tick(bool from_user_mode);
/* The 1, 5 and 15 minute load averages, in hundredths (/proc/loadavg). */
void sched_load_average(unsigned long hundredths[3]);
/* Called on the way out of an interrupt: switch if need_resched and preemption is allowed. */
void sched_preempt_from_interrupt(void);
/* Called by a new task on its first run (switch.S): finish the switch that started it. */
void sched_first_run(struct task_struct *previous);

void preempt_disable(void);
/* May switch tasks when the count drops to zero and a reschedule is pending. */
void preempt_enable(void);
int preempt_count(void);

/* The current task exits: it never runs again; the next task frees its stack. */
noreturn void sched_exit_current(void);

/* This CPU's run queue (for statistics and tests). */
struct rq *this_rq(void);

#endif
