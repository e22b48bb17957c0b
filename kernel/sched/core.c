/*
 * The scheduler core (include/sched.h): run queues, schedule(), wake-ups, the tick and
 * preemption. Policy lives in the classes (rt.c, fair.c, idle.c); this file only asks them,
 * and maps a policy (SCHED_*) to its class. It also keeps the statistics every class shares
 * (runtime, wait time, switches) and feeds the scheduler trace (trace.c).
 *
 * Invariants (rq->lock held):
 *  - rq->curr is the running task and is never in a class queue;
 *  - a task with se.on_rq is runnable and counted in nr_running (idle is never counted);
 *  - a task whose state is not TASK_RUNNING is taken off the queue by its own schedule().
 * A switch happens with rq->lock held and interrupts off; the task switched to releases the
 * lock (at the end of schedule(), or in sched_first_run() if it is brand new).
 */
#include "sched.h"
#include "arch/cpu.h"
#include "kstack.h"
#include "mm.h"
#include "panic.h"
#include "percpu.h"
#include "proc.h"
#include "sched_trace.h"
#include "string.h"
#include "time.h"
#include "uapi/sched.h"

extern char boot_stack_bottom[];

static struct rq runqueues[MAX_CPUS];
/* The boot CPU's idle task: the code that ran kmain, adopted as pid 0 (Linux's init_task). */
static struct task_struct boot_idle_task;

/* Highest priority first. A new class adds itself here, its queue to struct rq (initialised
 * in sched_init), and a way for tasks to join it (sched_fork or sched_setscheduler); the
 * scheduling code itself does not change. */
static const struct sched_class *const sched_classes[] = {
	&rt_sched_class,
	&fair_sched_class,
	&idle_sched_class,
};

/* The class that runs tasks of a policy (sched(7)). */
static const struct sched_class *class_for_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR ? &rt_sched_class : &fair_sched_class;
}

struct rq *this_rq(void)
{
	return &runqueues[this_cpu()->id];
}

struct task_struct *get_current(void)
{
	return this_cpu()->current_task;
}

static int class_rank(const struct sched_class *class)
{
	for (size_t i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		if (sched_classes[i] == class)
			return (int)i;
	}
	BUG();
}

void sched_init(void)
{
	struct cpu_local *cpu = this_cpu();
	struct rq *rq = this_rq();
	struct task_struct *idle = &boot_idle_task;

	spin_lock_init(&rq->lock, "runqueue");
	for (int priority = 0; priority <= RT_PRIORITY_MAX; priority++)
		list_init(&rq->rt.queue[priority]);
	rq->fair.timeline = RB_ROOT_INIT;
	rq->cpu = (int)cpu->id;
	sched_trace_init();

	task_init_common(idle, "swapper/0");
	idle->pid = idle->tgid = 0;
	idle->flags = PF_KTHREAD | PF_IDLE;
	idle->state = TASK_RUNNING;
	idle->real_parent = idle->parent = idle;
	idle->stack = boot_stack_bottom;
	idle->se.class = &idle_sched_class;
	idle->se.policy = SCHED_IDLE;
	idle->cpu = rq->cpu;
	idle->se.last_ran_ns = clock_monotonic_ns();
	task_register_idle(idle);

	rq->idle = rq->curr = idle;
	cpu->current_task = idle;
}

void sched_fork(struct task_struct *task)
{
	struct task_struct *parent = current;
	task->state = TASK_UNINTERRUPTIBLE; /* asleep until the first wake_up_process() */
	if (task_is_kthread(task) || parent->se.reset_on_fork || (parent->flags & PF_IDLE)) {
		task->se.policy = SCHED_NORMAL;
		task->se.priority = 0;
		task->se.nice = task_is_kthread(task) || parent->se.nice < 0 ? 0 : parent->se.nice;
	} else {
		task->se.policy = parent->se.policy;
		task->se.priority = parent->se.priority;
		task->se.nice = parent->se.nice;
	}
	task->se.reset_on_fork = false;
	task->se.class = class_for_policy(task->se.policy);
	task->cpu = this_rq()->cpu;

	struct rq *rq = &runqueues[task->cpu];
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	task->se.class->task_joined(rq, task);
	sched_trace_record(SCHED_TRACE_FORK, task, parent, NULL);
	spin_unlock_irqrestore(&rq->lock, flags);
}

static void enqueue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->se.class->enqueue_task(rq, p, flags);
	p->se.on_rq = true;
	rq->nr_running++;
	if (p != rq->curr)
		p->se.wait_start_ns = clock_monotonic_ns();
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	p->se.class->dequeue_task(rq, p);
	p->se.on_rq = false;
	rq->nr_running--;
	p->se.wait_start_ns = 0;
}

/* p has just become runnable: does it deserve the CPU more than rq->curr? */
static void check_preempt(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;
	if (p->se.class == curr->se.class)
		p->se.class->check_preempt_curr(rq, p);
	else if (class_rank(p->se.class) < class_rank(curr->se.class))
		rq->need_resched = true;
}

bool wake_up_process(struct task_struct *task)
{
	return wake_up_state(task, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

bool wake_up_state(struct task_struct *task, long states)
{
	struct rq *rq = &runqueues[task->cpu];
	bool woken = false;
	uint64_t flags = spin_lock_irqsave(&rq->lock);

	if (task->state & states) {
		task->state = TASK_RUNNING;
		woken = true;
		/* Still on the queue if it had not reached schedule() yet: nothing more to do. */
		if (!task->se.on_rq) {
			task->se.nr_wakeups++;
			enqueue_task(rq, task, ENQUEUE_WAKEUP);
			sched_trace_record(SCHED_TRACE_WAKEUP, task, current, NULL);
			check_preempt(rq, task);
		}
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return woken;
}

void set_current_state(long state)
{
	/* A full barrier: the state must be visible before the sleeper re-checks its condition. */
	__atomic_store_n(&current->state, state, __ATOMIC_SEQ_CST);
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	for (size_t i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		struct task_struct *next = sched_classes[i]->pick_next_task(rq);
		if (next)
			return next;
	}
	BUG(); /* the idle class always has a task */
}

/*
 * Runs in the task switched to, right after the switch. prev_dead is prev's state read at
 * the switch, under rq->lock: once the lock is dropped and interrupts are back on, prev
 * (switched out alive) may be picked again, run to its exit and be freed by its own final
 * switch, so reading prev->state here could free its stack and reference a second time.
 */
static void finish_task_switch(struct task_struct *prev, bool prev_dead)
{
	if (prev_dead) {
		kstack_free(prev->stack);
		WRITE_ONCE(prev->stack, NULL);
		put_task_struct(prev); /* the reference the task held on itself while alive */
	}
}

static void account_switch(struct task_struct *prev, struct task_struct *next, bool voluntary)
{
	uint64_t now = clock_monotonic_ns();
	prev->se.sum_runtime_ns += now - prev->se.last_ran_ns;
	next->se.last_ran_ns = now;
	if (voluntary)
		prev->se.nvcsw++;
	else
		prev->se.nivcsw++;
	/* Waiting is runnable-but-not-running: it starts when prev is preempted (or woken,
	 * enqueue_task) and ends when the task is switched in. The idle task never waits. */
	if (!voluntary && !(prev->flags & PF_IDLE) && prev->state != TASK_DEAD)
		prev->se.wait_start_ns = now;
	if (next->se.wait_start_ns) {
		next->se.wait_sum_ns += now - next->se.wait_start_ns;
		next->se.wait_start_ns = 0;
	}
	sched_trace_record(SCHED_TRACE_SWITCH, next, prev, NULL);
}

/*
 * The heart of the scheduler. `preempt` says the task is being switched out against its
 * will (tick, preempt_enable): then it stays runnable even if it had just set a sleeping
 * state -- it was preempted on its way to sleep, between set_current_state() and its own
 * schedule() call, and dequeuing it here could lose the wake-up it is about to check for.
 */
static void schedule_common(bool preempt, void *site)
{
	struct rq *rq = this_rq();
	struct task_struct *prev, *next;

	if (this_cpu()->irq_depth > 0)
		panic("schedule() called from an interrupt handler");
	if (current->preempt_count > 0)
		panic("scheduling while atomic: %s (pid %d), preempt_count %d", current->comm,
		      current->pid, current->preempt_count);

	uint64_t flags = spin_lock_irqsave(&rq->lock);
	prev = rq->curr;
	/* A dead task leaves the queue even when preempted on its way to schedule(): the
	 * switch frees its stack (finish_task_switch), so it must never be picked again. */
	bool voluntary = (!preempt && prev->state != TASK_RUNNING) || prev->state == TASK_DEAD;
	BUG_ON(voluntary && (prev->flags & PF_IDLE));
	if (voluntary) {
		dequeue_task(rq, prev);
		if (prev->state != TASK_DEAD) {
			prev->se.block_site = site;
			sched_trace_record(SCHED_TRACE_BLOCK, prev, NULL, site);
		}
	} else
		prev->se.class->put_prev_task(rq, prev);
	next = pick_next_task(rq);
	rq->need_resched = false;

	if (next != prev) {
		account_switch(prev, next, voluntary);
		rq->nr_switches++;
		rq->curr = next;
		this_cpu()->current_task = next;
		mm_activate(next->mm);
		prev = arch_context_switch(prev, next);
		/* Now running as `next`, which was switched out earlier; prev ran just before.
		 * Re-read the run queue: on SMP the task may have moved to another CPU. */
		bool prev_dead = prev->state == TASK_DEAD;
		spin_unlock_irqrestore(&this_rq()->lock, flags);
		finish_task_switch(prev, prev_dead);
		return;
	}
	spin_unlock_irqrestore(&rq->lock, flags);
}

void schedule(void)
{
	schedule_common(false, __builtin_return_address(0));
}

void sched_first_run(struct task_struct *previous)
{
	bool previous_dead = previous->state == TASK_DEAD;
	spin_unlock(&this_rq()->lock);
	finish_task_switch(previous, previous_dead);
	irq_enable();
}

void sched_yield(void)
{
	struct rq *rq = this_rq();
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	rq->curr->se.class->yield_task(rq);
	spin_unlock_irqrestore(&rq->lock, flags);
	schedule();
}

noreturn void sched_exit_current(void)
{
	struct rq *rq = this_rq();
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	current->state = TASK_DEAD;
	current->preempt_count = 0; /* do_exit() ran its last steps unpreemptible */
	sched_trace_record(SCHED_TRACE_EXIT, current, NULL, NULL);
	spin_unlock_irqrestore(&rq->lock, flags);
	schedule();
	panic("a dead task (%s, pid %d) was scheduled again", current->comm, current->pid);
}

void sched_set_attributes(struct task_struct *p, int policy, int priority, int nice,
			  bool reset_on_fork)
{
	struct rq *rq = &runqueues[p->cpu];
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	const struct sched_class *old_class = p->se.class;
	int old_priority = p->se.priority;
	/* A real-time task's nice is only remembered, for when it returns to a fair policy. */
	bool changed = p->se.policy != policy || p->se.priority != priority ||
		       (p->se.nice != nice && class_for_policy(policy) == &fair_sched_class);
	p->se.reset_on_fork = reset_on_fork;
	p->se.nice = nice;
	if (!changed || (p->flags & PF_IDLE) || p->state == TASK_DEAD)
		goto out_unlock;
	bool queued = p->se.on_rq, running = rq->curr == p;
	if (queued)
		dequeue_task(rq, p);
	p->se.policy = policy;
	p->se.priority = priority;
	p->se.class = class_for_policy(policy);
	if (p->se.class != old_class)
		p->se.class->task_joined(rq, p);
	if (queued) {
		/* sched(7): a real-time task whose priority is lowered goes to the front of its
		 * new list; raised, to the back. */
		enqueue_task(rq, p,
			     p->se.class == old_class && priority < old_priority ? ENQUEUE_HEAD
										 : 0);
		if (running)
			rq->need_resched = true; /* let the pick decide whether it still runs */
		else
			check_preempt(rq, p);
	}
out_unlock:
	spin_unlock_irqrestore(&rq->lock, flags);
}

uint64_t sched_time_slice_ns(struct task_struct *p)
{
	struct rq *rq = &runqueues[p->cpu];
	uint64_t flags = spin_lock_irqsave(&rq->lock);
	uint64_t slice = p->se.class->time_slice_ns(rq, p);
	spin_unlock_irqrestore(&rq->lock, flags);
	return slice;
}

/*
 * The load average (proc(5), /proc/loadavg): every 5 seconds, each of the three averages
 * moves towards the number of runnable tasks by a fixed fraction, so that it forgets the
 * past over about 1, 5 and 15 minutes. Fixed point with 11 fraction bits, Linux's
 * constants: e^(-5/60), e^(-5/300), e^(-5/900) times 2048.
 */
#define LOAD_SHIFT    11
#define LOAD_ONE      (1ul << LOAD_SHIFT)
#define LOAD_INTERVAL (5 * HZ)
static const unsigned long load_decay[3] = {1884, 2014, 2037};
static unsigned long load_average[3];
static unsigned load_countdown = LOAD_INTERVAL;

static void update_load_average(unsigned runnable)
{
	for (int i = 0; i < 3; i++)
		load_average[i] = (load_average[i] * load_decay[i] +
				   runnable * LOAD_ONE * (LOAD_ONE - load_decay[i])) >>
				  LOAD_SHIFT;
}

void sched_load_average(unsigned long hundredths[3])
{
	for (int i = 0; i < 3; i++)
		hundredths[i] = (READ_ONCE(load_average[i]) * 100 + LOAD_ONE / 2) >> LOAD_SHIFT;
}

void sched_tick(bool from_user_mode)
{
	struct rq *rq = this_rq();
	spin_lock(&rq->lock);
	if (--load_countdown == 0) { /* one CPU today: its queue is the whole load */
		load_countdown = LOAD_INTERVAL;
		update_load_average(rq->nr_running);
	}
	struct task_struct *curr = rq->curr;
	if (from_user_mode)
		curr->se.utime_ns += NSEC_PER_TICK;
	else
		curr->se.stime_ns += NSEC_PER_TICK;
	rq->ticks++;
	curr->se.class->task_tick(rq, curr);
	for (size_t i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		if (sched_classes[i]->class_tick)
			sched_classes[i]->class_tick(rq);
	}
	spin_unlock(&rq->lock);
}

void sched_preempt_from_interrupt(void)
{
	if (READ_ONCE(this_rq()->need_resched) && current->preempt_count == 0)
		schedule_common(true, NULL);
}

void preempt_disable(void)
{
	current->preempt_count++;
	barrier();
}

void preempt_enable(void)
{
	barrier();
	BUG_ON(current->preempt_count <= 0);
	if (--current->preempt_count == 0 && READ_ONCE(this_rq()->need_resched) && irq_is_enabled())
		schedule_common(true, NULL);
}

int preempt_count(void)
{
	return current->preempt_count;
}

noreturn void cpu_idle_loop(void)
{
	for (;;) {
		irq_disable();
		if (READ_ONCE(this_rq()->need_resched)) {
			irq_enable();
			schedule_common(true, NULL);
			continue;
		}
		cpu_idle_wait(); /* sti; hlt: no wake-up can slip in between */
	}
}
