/*
 * struct task_struct: one schedulable thing -- a kernel thread, a process, or one thread of
 * a process. As in Linux there is no separate "process" structure: a process is a group of
 * tasks sharing a tgid (docs/tasks.md and docs/threads.md draw the picture).
 *
 * Locks (taken in this order when more than one is needed):
 *   tasklist_lock  -- the family fields and the global task list (kernel/proc/task.c)
 *   rq->lock       -- the scheduling fields, `state` changes made by others, on_rq
 *                     (kernel/sched/core.c)
 * Fields marked "fixed" are written once before the task first runs and only read after.
 * A task is freed when its reference count (usage) falls to zero: the scheduler holds one
 * reference while the task lives, anyone else takes one with get_task_struct().
 */
#ifndef SPINDLE_TASK_H
#define SPINDLE_TASK_H

#include "completion.h"
#include "list.h"
#include "pid.h"
#include "rbtree.h"
#include "timer.h"
#include "uapi/signal.h"

#define TASK_COMM_LENGTH 16

/* Task states. The first three have Linux's values; ps shows them as R, S, D and T. Linux
 * keeps zombie/dead in a separate exit_state field (EXIT_ZOMBIE 0x20 "Z", EXIT_DEAD 0x10
 * "X"), as Spindle does too; TASK_DEAD here only tells the scheduler the task is gone. */
#define TASK_RUNNING	     0x0000 /* on a run queue: running or ready to run */
#define TASK_INTERRUPTIBLE   0x0001 /* asleep; a signal may wake it */
#define TASK_UNINTERRUPTIBLE 0x0002 /* asleep until the event it waits for */
#define TASK_STOPPED	     0x0004 /* stopped by a signal (job control, later) */
#define TASK_ZOMBIE	     0x0020 /* exited; waits for its parent to collect the status */
#define TASK_DEAD	     0x0080 /* exited: never runs again (see exit_state for zombies) */

/* exit_state values. */
#define EXIT_ZOMBIE 0x0020 /* exited; its parent has not collected the status yet */
#define EXIT_DEAD   0x0010 /* collected (or reaped automatically) */

/* Task flags. */
#define PF_KTHREAD    0x0001 /* a kernel thread: runs only in kernel mode, has no mm */
#define PF_IDLE	      0x0002 /* the per-CPU idle task */
#define PF_FORKNOEXEC 0x0004 /* forked and has not called execve yet (setpgid cares) */

struct sched_class;
struct mm_struct;
struct sem_undo_list;

/* What a queued standard signal carries to its handler's siginfo (one per signal: a standard
 * signal that is already pending is not queued twice, signal(7)). */
struct signal_info {
	int code;      /* si_code */
	int pid;       /* sender, or the child for SIGCHLD */
	int status;    /* SIGCHLD: exit code or signal */
	uint64_t addr; /* fault signals: the faulting address; sigqueue: the value */
};

/* A set of pending signals (bit n-1 for signal n) and what each carries: one signal_info
 * per standard signal, a queue of every instance for real-time ones. signal_lock. */
struct sigpending {
	uint64_t set;
	struct signal_info info[64];
	struct list_head queue; /* struct sigqueue_entry, oldest first */
	unsigned queued;	/* entries in queue (bounded: SIGNAL_QUEUE_MAX) */
};

/* The handler table (Linux's sighand_struct): one per process, shared by CLONE_SIGHAND,
 * copied by fork, reset by execve. Entries under signal_lock (kernel/proc/signal.c). */
struct sighand {
	long refcount; /* atomic */
	struct kernel_sigaction action[64];
};

/*
 * What the threads of one process share besides memory and files (Linux's signal_struct):
 * how many are still alive and, once exit_group() or a fatal fault has decided the whole
 * process must go, the exit status every thread exits with, and the process-directed
 * signals no thread has taken yet.
 */
struct thread_group {
	long refcount;	     /* tasks pointing here (atomic) */
	long live_threads;   /* threads that have not exited yet (atomic) */
	long family_threads; /* threads not yet through do_exit's family part (atomic; its
			      * last decrement is under tasklist_lock) */
	bool threads_gone;   /* family_threads reached 0: now the parent may reap it */
	bool exiting;	     /* the whole group is going: each thread exits at its next chance */
	bool is_child_subreaper; /* prctl(PR_SET_CHILD_SUBREAPER): adopts its descendants' orphans
				  */
	int exit_code;		 /* the process's wait status once exiting */
	struct sem_undo_list *sem_undo;	  /* SEM_UNDO adjustments, applied when the last goes */
	struct sigpending shared_pending; /* process-directed signals not yet taken (signal_lock) */
	struct timer real_timer; /* alarm(2), ITIMER_REAL: SIGALRM to the process (timer_lock) */
	/* ITIMER_VIRTUAL (user CPU time) and ITIMER_PROF (all CPU time), counted down by the
	 * tick of whichever thread runs (itimer_lock, kernel/syscall/itimer.c). */
	struct cpu_itimer {
		uint64_t value_ns, interval_ns;
	} cpu_timers[2];
	/* job control (signal_lock) */
	bool stopped;		  /* stopped by SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU until SIGCONT */
	int stop_signal;	  /* the signal that stopped it */
	bool stop_unreported;	  /* wait(WUNTRACED) has not reported the stop yet */
	bool continue_unreported; /* wait(WCONTINUED) has not reported the SIGCONT yet */
	bool tty_detached;	  /* gave up its session's terminal (TIOCNOTTY); kept across fork */
	/* identity, limits and CPU time (kernel/syscall/resources.c; tasklist_lock) */
	struct process_credentials {
		uint32_t user[3];  /* real, effective and saved user id */
		uint32_t group[3]; /* the same for the group id */
	} credentials;
	struct resource_limit {
		uint64_t soft, hard;		   /* rlim_cur, rlim_max (RLIM_INFINITY: none) */
	} limits[16];				   /* RLIMIT_* */
	uint64_t exited_utime_ns, exited_stime_ns; /* its threads that are gone */
	uint64_t children_utime_ns, children_stime_ns; /* children it waited for, and theirs */
	struct list_head posix_timers; /* timer_create(2) timers (kernel/syscall/posix_timers.c) */
};
struct files_struct;
struct fs_struct;

/* Everything the scheduler keeps per task. */
struct sched_entity {
	const struct sched_class *class; /* policy code that queues and picks this task */
	int policy;			 /* SCHED_NORMAL, SCHED_FIFO, ... (uapi/sched.h) */
	int nice;			 /* -20 .. 19, lower is more CPU (fair class weight) */
	int priority;			 /* real-time priority 1..99, 0 for others */
	bool reset_on_fork;		 /* SCHED_RESET_ON_FORK: children start as SCHED_NORMAL */
	struct list_head run_node;	 /* real time: in its priority's list while waiting */
	struct rb_node timeline_node;	 /* fair: in rq->fair.timeline while waiting */
	bool on_rq;			 /* runnable: counted in rq->nr_running */
	uint64_t slice_left;		 /* SCHED_RR: ticks left in the current quantum */
	/* fair class */
	uint64_t vruntime;	 /* runtime in ns scaled by NICE_0_WEIGHT / weight */
	unsigned long weight;	 /* from nice (sched_nice_weight), fixed while queued */
	uint64_t slice_start_ns; /* sum_exec_ns when it was last picked */
	uint64_t sum_exec_ns;	 /* runtime charged tick by tick (what the fair class sees) */
	/* statistics (written by the owning CPU under rq->lock) */
	uint64_t utime_ns;	 /* time spent running in user mode */
	uint64_t stime_ns;	 /* time spent running in kernel mode */
	uint64_t start_time_ns;	 /* when it was created (monotonic), /proc/<pid>/stat */
	uint64_t nvcsw;		 /* voluntary switches: the task went to sleep */
	uint64_t nivcsw;	 /* involuntary switches: the task was preempted */
	uint64_t last_ran_ns;	 /* monotonic time it was last switched in */
	uint64_t sum_runtime_ns; /* total time on a CPU (clock, not ticks) */
	uint64_t wait_start_ns;	 /* when it last became runnable without running; 0: not */
	uint64_t wait_sum_ns;	 /* total time runnable but waiting for the CPU */
	uint64_t nr_wakeups;	 /* times it was woken from a sleep */
	void *block_site;	 /* where it last called schedule() to sleep (wchan) */
};

struct task_struct {
	/* --- identity (fixed, except pgid/sid which the task's family changes) --- */
	pid_t pid;  /* unique per task: what gettid() returns */
	pid_t tgid; /* thread-group id: the leader's pid, what getpid() returns */
	struct task_struct *group_leader; /* first task of the thread group (itself for most) */
	pid_t pgid;			  /* process group (job control) */
	pid_t sid;			  /* session */
	char comm[TASK_COMM_LENGTH];	  /* command name, NUL-terminated */
	unsigned flags;			  /* PF_* */

	/* --- family (tasklist_lock) --- */
	struct task_struct *real_parent; /* who created it (or init after re-parenting) */
	struct task_struct *parent;    /* who gets SIGCHLD and wait()s: real_parent unless traced */
	struct list_head children;     /* its children, linked through their `sibling` */
	struct list_head sibling;      /* its place in the parent's children list */
	struct list_head thread_group; /* the other tasks of its thread group */
	struct list_head tasks;	       /* every task, in creation order */
	struct list_head pid_hash_node; /* pid lookup bucket (pid lock) */

	/* --- life and death (rq->lock for state; the rest fixed or written by the task) --- */
	volatile long state; /* TASK_* */
	int exit_state;	     /* 0 while alive, EXIT_ZOMBIE until reaped, then EXIT_DEAD */
	int exit_code;	     /* kernel threads: the function's result; processes: wait status */
	int exit_signal;     /* signal sent to the parent at exit; -1: reap automatically */
	struct completion exited; /* completed when the task has finished running its code */
	struct wait_queue_head child_exit; /* this task's wait4() sleeps here for its children */
	struct completion *vfork_done;	   /* a vfork parent waits on this until we exec or exit */
	int *clear_child_tid; /* user word zeroed (and futex-woken) at exit: CLONE_CHILD_CLEARTID */
	long usage; /* references (atomic): one while listed, one while it can run, others */

	/* --- resources (refcounted; NULL for kernel threads) --- */
	struct thread_group *group; /* shared by the threads of a process */
	struct mm_struct *mm;	    /* address space, shared by threads and by a vfork child */
	struct files_struct *files; /* open files, shared with CLONE_FILES */
	struct fs_struct *fs;	    /* root, working directory, umask; shared with CLONE_FS */
	struct sighand *sighand;    /* signal handlers; NULL: all default (signal_lock) */

	/* --- signals (signal_lock; only the task itself changes its masks) --- */
	uint64_t blocked;	   /* signals held back from delivery */
	uint64_t saved_blocked;	   /* mask to restore after rt_sigsuspend */
	bool restore_blocked;	   /* saved_blocked is valid */
	struct sigpending pending; /* thread-directed signals */
	uint64_t syscall_number;   /* of the system call in progress (restarts) */
	uint64_t altstack_base;	   /* sigaltstack(2): lowest address, or 0 */
	uint64_t altstack_size;	   /* 0: no alternate stack */
	unsigned altstack_flags;   /* SS_AUTODISARM or 0 */

	/* --- kernel stack and saved CPU state (owned by the scheduler) --- */
	void *stack;	    /* lowest address of the kernel stack (a guard page lies below) */
	uint64_t saved_rsp; /* kernel stack pointer while switched out (switch.S) */
	int preempt_count;  /* > 0: this task must not be preempted */
	uint64_t fs_base;   /* user FS base (thread-local storage), arch_prctl */
	void *fpu_state;    /* user x87/SSE registers (FXSAVE image); NULL for kthreads */

	/* --- scheduling (rq->lock) --- */
	struct sched_entity se;
	int cpu; /* the CPU whose run queue holds it */

	/* --- kernel threads (fixed) --- */
	int (*thread_function)(void *argument);
	void *thread_argument;
};

/* The task running on this CPU. */
struct task_struct *get_current(void);
#define current get_current()

static inline bool task_is_kthread(const struct task_struct *task)
{
	return task->flags & PF_KTHREAD;
}

/* The task's whole process is being torn down: it must exit, not sleep or return to user. */
static inline bool fatal_signal_pending(const struct task_struct *task)
{
	return task->group && READ_ONCE(task->group->exiting);
}

/* An unblocked signal (or a fatal one) waits: interruptible sleeps end with -EINTR or
 * -ERESTARTSYS (kernel/proc/signal.c). */
bool signal_pending(struct task_struct *task);

/* Reference counting. */
void get_task_struct(struct task_struct *task);
void put_task_struct(struct task_struct *task);

/* Live task_structs and kernel stacks, for leak checks. */
size_t task_count(void);
size_t kstack_count(void);

/* The limit on live tasks (command line max_tasks=, default 1024). Creation beyond it
 * returns -EAGAIN. For tests: task_set_max() returns the old value. */
size_t task_get_max(void);
size_t task_set_max(size_t max_tasks);

/* Visit every task with tasklist_lock held; stop early when visit returns false. */
void for_each_task(bool (*visit)(struct task_struct *task, void *data), void *data);
/* Another task's address space, referenced (mm_put when done), or NULL: safe against that
 * task exiting or exec'ing meanwhile, because they change task->mm with task_set_mm(). */
struct mm_struct *task_get_mm(struct task_struct *task);
void task_set_mm(struct task_struct *task, struct mm_struct *mm);

#endif
