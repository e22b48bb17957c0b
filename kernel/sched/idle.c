/*
 * The idle class: the last resort. It holds only the CPU's idle task, which is never on a
 * queue and always available, so pick_next_task() can never come back empty-handed.
 * Any runnable task of another class preempts it (check_preempt in core.c).
 */
#include "sched.h"

static void idle_enqueue(struct rq *rq, struct task_struct *p, int flags)
{
	(void)rq;
	(void)p;
	(void)flags;
}

static void idle_dequeue(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
}

static struct task_struct *idle_pick_next(struct rq *rq)
{
	return rq->idle;
}

static void idle_put_prev(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
}

static void idle_task_tick(struct rq *rq, struct task_struct *p)
{
	(void)p;
	if (rq->nr_running > 0)
		rq->need_resched = true;
}

static void idle_check_preempt(struct rq *rq, struct task_struct *p)
{
	(void)p;
	rq->need_resched = true;
}

static void idle_yield(struct rq *rq)
{
	(void)rq;
}

/* No policy maps to this class, so no task ever joins it after boot. */
static void idle_task_joined(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
}

static uint64_t idle_time_slice(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
	return 0;
}

const struct sched_class idle_sched_class = {
	.name = "idle",
	.enqueue_task = idle_enqueue,
	.dequeue_task = idle_dequeue,
	.pick_next_task = idle_pick_next,
	.put_prev_task = idle_put_prev,
	.task_tick = idle_task_tick,
	.check_preempt_curr = idle_check_preempt,
	.yield_task = idle_yield,
	.task_joined = idle_task_joined,
	.time_slice_ns = idle_time_slice,
};
