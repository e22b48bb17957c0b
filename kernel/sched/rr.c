/*
 * The round-robin class: every task gets the same fixed slice (RR_TIMESLICE_TICKS) in turn.
 * The queue is a FIFO list; the running task goes to its tail when its slice ends or it
 * yields. A waking task waits for its turn (no wake-up preemption within the class).
 * This is the teaching baseline the fair and real-time classes will be compared with.
 * All hooks: rq->lock held, interrupts off (see struct sched_class).
 */
#include "sched.h"

static void rr_enqueue(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->se.run_node, &rq->rr.queue);
}

static void rr_dequeue(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	if (!list_is_empty(&p->se.run_node)) /* not queued while it is rq->curr */
		list_del(&p->se.run_node);
}

static struct task_struct *rr_pick_next(struct rq *rq)
{
	if (list_is_empty(&rq->rr.queue))
		return NULL;
	struct task_struct *next = list_first_entry(&rq->rr.queue, struct task_struct, se.run_node);
	list_del(&next->se.run_node);
	return next;
}

static void rr_put_prev(struct rq *rq, struct task_struct *p)
{
	if (p->se.on_rq)
		list_add_tail(&p->se.run_node, &rq->rr.queue);
}

static void rr_task_tick(struct rq *rq, struct task_struct *p)
{
	if (p->se.slice_left > 0)
		p->se.slice_left--;
	if (p->se.slice_left == 0) {
		p->se.slice_left = RR_TIMESLICE_TICKS;
		/* Alone on the CPU? Keep going with a fresh slice. */
		if (!list_is_empty(&rq->rr.queue))
			rq->need_resched = true;
	}
}

static void rr_check_preempt(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
}

static void rr_yield(struct rq *rq)
{
	rq->curr->se.slice_left = RR_TIMESLICE_TICKS;
}

const struct sched_class rr_sched_class = {
	.name = "rr",
	.enqueue_task = rr_enqueue,
	.dequeue_task = rr_dequeue,
	.pick_next_task = rr_pick_next,
	.put_prev_task = rr_put_prev,
	.task_tick = rr_task_tick,
	.check_preempt_curr = rr_check_preempt,
	.yield_task = rr_yield,
};
