/*
 * The scheduler's interface (kernel/sched/core.c) and the scheduling-class contract.
 *
 * Each CPU has one run queue (struct rq). Policies live in scheduling classes, tables of
 * function pointers tried in priority order by pick_next_task(); the core never asks which
 * class a task belongs to. In order: real time (SCHED_FIFO, SCHED_RR; kernel/sched/rt.c),
 * fair (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE; kernel/sched/fair.c), then the idle class
 * (kernel/sched/idle.c), which always has the idle task to offer.
 *
 * Preemption: the timer tick calls the current task's class, which sets need_resched when
 * the slice is used up; the switch happens on the way out of the interrupt, if the task is
 * not inside preempt_disable(). docs/scheduler.md tells the whole story.
 */
#ifndef SPINDLE_SCHED_H
#define SPINDLE_SCHED_H

#include "rbtree.h"
#include "spinlock.h"
#include "task.h"

struct rq;

/* enqueue_task flags */
#define ENQUEUE_WAKEUP 0x1 /* the task is waking up (not a policy change): place it */
#define ENQUEUE_HEAD   0x2 /* real time: to the front of its priority's list */

/*
 * A scheduling class. Every hook is called with rq->lock held and interrupts off.
 * The task the CPU runs (rq->curr) is not in its class's queue: pick_next_task() takes it
 * out, put_prev_task() puts it back when it is still runnable. enqueue_task() and
 * dequeue_task() may be given rq->curr (a policy change, or the task going to sleep): the
 * class then only updates its accounting and leaves the queue alone.
 */
struct sched_class {
	const char *name;
	/* p became runnable (ENQUEUE_* flags): account it and, unless it is rq->curr, queue it. */
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, int flags);
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
	/* p, not queued, has just joined this class (it is new, or changed policy): give it
	 * the class's starting state (the fair class: a virtual runtime). */
	void (*task_joined)(struct rq *rq, struct task_struct *p);
	/* The length of p's time slice now, in nanoseconds (sched_rr_get_interval). */
	uint64_t (*time_slice_ns)(struct rq *rq, struct task_struct *p);
	/* Every tick, whichever class runs (may be NULL): time-based bookkeeping. */
	void (*class_tick)(struct rq *rq);
};

/* The classes, highest priority first; the core walks this list. */
extern const struct sched_class rt_sched_class;
extern const struct sched_class fair_sched_class;
extern const struct sched_class idle_sched_class;

/* Real time: priorities 1..99, higher runs first (sched(7)). */
#define RT_PRIORITY_MIN	   1
#define RT_PRIORITY_MAX	   99
#define RR_TIMESLICE_TICKS 100 /* SCHED_RR's quantum: 100 ms at HZ=1000, as Linux's default */

/* The real-time class's queue: one list per priority and a bitmap of the non-empty ones. */
struct rt_rq {
	struct list_head queue[RT_PRIORITY_MAX + 1]; /* index = priority; 0 unused */
	uint64_t bitmap[2];			     /* bit p set: queue[p] is not empty */
	unsigned nr_running;			     /* real-time tasks runnable, curr included */
	/* Throttling: real time may use RT_RUNTIME_TICKS of every RT_PERIOD_TICKS. */
	uint64_t period_start; /* rq->ticks when the current period began */
	unsigned runtime;      /* ticks real-time tasks ran in this period */
	bool throttled;	       /* used up: no real-time task runs until the period ends */
};

#define RT_PERIOD_TICKS	 1000 /* Linux's sched_rt_period_us: 1 s */
#define RT_RUNTIME_TICKS 950  /* Linux's sched_rt_runtime_us: 0.95 s, 5% kept for the rest */

/* The fair class: runnable tasks ordered by virtual runtime (kernel/sched/fair.c). */
#define FAIR_LATENCY_NS		   6000000ul /* every runnable task runs once per period */
#define FAIR_MIN_GRANULARITY_NS	   750000ul  /* ... but no slice is shorter than this */
#define FAIR_WAKEUP_GRANULARITY_NS 1000000ul /* a waker must be owed this much to preempt */
#define NICE_0_WEIGHT		   1024

struct fair_rq {
	struct rb_root timeline;  /* queued tasks by se.vruntime; rq->curr is not in it */
	uint64_t min_vruntime;	  /* never decreases; where newcomers and sleepers are placed */
	unsigned long load;	  /* sum of se.weight of the runnable fair tasks, curr included */
	unsigned nr_running;	  /* runnable fair tasks, curr included */
	struct task_struct *skip; /* sched_yield(): pass over this task at the next pick */
};

struct rq {
	struct spinlock lock;
	struct task_struct *curr; /* running now */
	struct task_struct *idle; /* this CPU's idle task */
	unsigned nr_running;	  /* runnable tasks, the running one included, idle excluded */
	bool need_resched;	  /* switch at the next opportunity */
	uint64_t nr_switches;	  /* context switches on this CPU */
	uint64_t ticks;		  /* timer ticks on this CPU (sched_tick) */
	struct rt_rq rt;
	struct fair_rq fair;
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

/* Give a new task its scheduling attributes before it is first woken: a user task inherits
 * its parent's policy, priority and nice (sched(7)), a kernel thread gets SCHED_NORMAL. */
void sched_fork(struct task_struct *task);
/* The nice-to-weight table: weight of nice n (-20..19); nice 0 is 1024 (fair.c). */
unsigned long sched_nice_weight(int nice);
/*
 * Change p's policy (SCHED_*), real-time priority (1..99 for SCHED_FIFO/RR, else 0), nice
 * (-20..19) and reset-on-fork flag; moves it between classes and queues as needed. The
 * caller has checked the values (kernel/sched/syscalls.c). Takes p's rq->lock.
 */
void sched_set_attributes(struct task_struct *p, int policy, int priority, int nice,
			  bool reset_on_fork);
/* p's current time slice in nanoseconds (its class decides). */
uint64_t sched_time_slice_ns(struct task_struct *p);
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
