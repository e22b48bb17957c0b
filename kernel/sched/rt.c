/*
 * The real-time class: SCHED_FIFO and SCHED_RR (sched(7)). Priorities 1..99, higher first;
 * a runnable real-time task always runs before any fair task (the class order in core.c).
 * One FIFO list per priority and a bitmap of the non-empty lists: the pick is "highest set
 * bit, first in that list", O(1) whatever the number of tasks.
 *
 * SCHED_FIFO runs until it sleeps, yields, or a higher priority wakes; equal priorities
 * never preempt it. SCHED_RR is the same with a quantum (RR_TIMESLICE_TICKS): when it is
 * used up and another task of the same priority waits, the task goes to the tail of its
 * list. A task preempted by a higher priority goes back to the front of its list (it keeps
 * its place, and an RR task the rest of its quantum); a yielding one goes to the tail.
 * se.slice_left == 0 marks "to the tail at put_prev".
 *
 * Throttling, as Linux's sched_rt_runtime_us: real-time tasks together may run
 * RT_RUNTIME_TICKS of every RT_PERIOD_TICKS; then the class offers no task until the period
 * ends, so a runaway SCHED_FIFO loop leaves the fair tasks (a shell, say) 5% of the CPU.
 * All hooks: rq->lock held, irqs off.
 */
#include "sched.h"
#include "time.h"
#include "uapi/sched.h"

static int highest_priority(const struct rt_rq *rt)
{
	if (rt->bitmap[1])
		return 64 + 63 - __builtin_clzll(rt->bitmap[1]);
	if (rt->bitmap[0])
		return 63 - __builtin_clzll(rt->bitmap[0]);
	return 0;
}

static void queue_add(struct rt_rq *rt, struct task_struct *p, bool at_head)
{
	int priority = p->se.priority;
	if (at_head)
		list_add(&p->se.run_node, &rt->queue[priority]);
	else
		list_add_tail(&p->se.run_node, &rt->queue[priority]);
	rt->bitmap[priority / 64] |= 1ull << (priority % 64);
}

static void queue_remove(struct rt_rq *rt, struct task_struct *p)
{
	int priority = p->se.priority;
	list_del(&p->se.run_node);
	if (list_is_empty(&rt->queue[priority]))
		rt->bitmap[priority / 64] &= ~(1ull << (priority % 64));
}

static void rt_enqueue(struct rq *rq, struct task_struct *p, int flags)
{
	rq->rt.nr_running++;
	if (p != rq->curr)
		queue_add(&rq->rt, p, flags & ENQUEUE_HEAD);
}

static void rt_dequeue(struct rq *rq, struct task_struct *p)
{
	rq->rt.nr_running--;
	if (!list_is_empty(&p->se.run_node)) /* not queued while it is rq->curr */
		queue_remove(&rq->rt, p);
}

/* A new period: forget the runtime and lift the throttle. Returns true if it was lifted. */
static bool refresh_period(struct rq *rq)
{
	struct rt_rq *rt = &rq->rt;
	if (rq->ticks - rt->period_start < RT_PERIOD_TICKS)
		return false;
	rt->period_start = rq->ticks;
	rt->runtime = 0;
	bool was_throttled = rt->throttled;
	rt->throttled = false;
	return was_throttled;
}

static struct task_struct *rt_pick_next(struct rq *rq)
{
	refresh_period(rq);
	int priority = highest_priority(&rq->rt);
	if (!priority || rq->rt.throttled)
		return NULL;
	struct task_struct *next =
		list_first_entry(&rq->rt.queue[priority], struct task_struct, se.run_node);
	queue_remove(&rq->rt, next);
	return next;
}

static void rt_put_prev(struct rq *rq, struct task_struct *p)
{
	if (!p->se.on_rq)
		return;
	bool to_tail = p->se.slice_left == 0;
	if (to_tail)
		p->se.slice_left = RR_TIMESLICE_TICKS;
	queue_add(&rq->rt, p, !to_tail);
}

static void rt_task_tick(struct rq *rq, struct task_struct *p)
{
	refresh_period(rq);
	if (++rq->rt.runtime >= RT_RUNTIME_TICKS) {
		rq->rt.throttled = true;
		rq->need_resched = true; /* the fair tasks get the rest of the period */
		return;
	}
	if (p->se.policy != SCHED_RR)
		return;
	if (p->se.slice_left > 0)
		p->se.slice_left--;
	if (p->se.slice_left > 0)
		return;
	if (list_is_empty(&rq->rt.queue[p->se.priority]))
		p->se.slice_left = RR_TIMESLICE_TICKS; /* alone at its priority: a fresh quantum */
	else
		rq->need_resched = true; /* to the tail, behind its equals */
}

static void rt_check_preempt(struct rq *rq, struct task_struct *p)
{
	if (p->se.priority > rq->curr->se.priority)
		rq->need_resched = true;
}

static void rt_yield(struct rq *rq)
{
	rq->curr->se.slice_left = 0;
}

static void rt_task_joined(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	p->se.slice_left = RR_TIMESLICE_TICKS;
}

static uint64_t rt_time_slice(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	return p->se.policy == SCHED_RR ? RR_TIMESLICE_TICKS * NSEC_PER_TICK : 0;
}

/* The period may end while fair tasks run: give the CPU back to real time then. */
static void rt_class_tick(struct rq *rq)
{
	if (refresh_period(rq) && rq->rt.nr_running > 0)
		rq->need_resched = true;
}

const struct sched_class rt_sched_class = {
	.name = "rt",
	.enqueue_task = rt_enqueue,
	.dequeue_task = rt_dequeue,
	.pick_next_task = rt_pick_next,
	.put_prev_task = rt_put_prev,
	.task_tick = rt_task_tick,
	.check_preempt_curr = rt_check_preempt,
	.yield_task = rt_yield,
	.task_joined = rt_task_joined,
	.time_slice_ns = rt_time_slice,
	.class_tick = rt_class_tick,
};
