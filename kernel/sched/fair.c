/*
 * The fair class (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE), after Linux's CFS: every task
 * has a virtual runtime, its CPU time scaled by NICE_0_WEIGHT / weight, so a heavier (lower
 * nice) task's clock runs slower. The runnable task with the smallest vruntime runs next;
 * the queue is a red-black tree ordered by vruntime (lib/rbtree.c), so the pick is O(1)
 * (leftmost) and queueing O(log n).
 *
 * Slices: every runnable task should run once per period (FAIR_LATENCY_NS, stretched to
 * nr_running * FAIR_MIN_GRANULARITY_NS when crowded); a task's slice is its weight's share
 * of the period. Runtime is charged per timer tick (what utime/stime count too), so the
 * schedule of CPU-bound tasks depends only on the order of ticks and events: tests can
 * count and compare shares exactly under TCG. Linux charges clock nanoseconds instead.
 *
 * Placement: min_vruntime follows the smallest vruntime and never goes back. A new task
 * starts half a period after it (it waits behind the tasks already waiting, in creation
 * order); a waking sleeper gets at least min_vruntime - half a period (its sleep earns
 * it a little credit, never a hoard). A woken task owed more than FAIR_WAKEUP_GRANULARITY
 * preempts the running one. All hooks: rq->lock held, interrupts off.
 */
#include "sched.h"
#include "time.h"
#include "uapi/sched.h"

/* Each nice step is about 10% CPU: weights differ by a factor of about 1.25 (Linux's table). */
static const unsigned long nice_weights[40] = {
	88761, 71755, 56483, 46273, 36291, /* -20 .. -16 */
	29154, 23254, 18705, 14949, 11916, /* -15 .. -11 */
	9548,  7620,  6100,  4904,  3906,  /* -10 .. -6 */
	3121,  2501,  1991,  1586,  1277,  /*  -5 .. -1 */
	1024,  820,   655,   526,   423,   /*   0 .. 4 */
	335,   272,   215,   172,   137,   /*   5 .. 9 */
	110,   87,    70,    56,    45,	   /*  10 .. 14 */
	36,    29,    23,    18,    15,	   /*  15 .. 19 */
};
#define SCHED_IDLE_WEIGHT 3 /* SCHED_IDLE: below even nice 19 */

unsigned long sched_nice_weight(int nice)
{
	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	return nice_weights[nice + 20];
}

static unsigned long weight_of(const struct task_struct *p)
{
	return p->se.policy == SCHED_IDLE ? SCHED_IDLE_WEIGHT : sched_nice_weight(p->se.nice);
}

static struct task_struct *task_of(const struct rb_node *node)
{
	return container_of(node, struct task_struct, se.timeline_node);
}

static bool vruntime_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0; /* correct across wrap-around */
}

static bool timeline_less(const struct rb_node *a, const struct rb_node *b)
{
	return vruntime_before(task_of(a)->se.vruntime, task_of(b)->se.vruntime);
}

/* Real nanoseconds to virtual ones for a task of this weight. */
static uint64_t scale_to_virtual(uint64_t ns, unsigned long weight)
{
	return ns * NICE_0_WEIGHT / weight;
}

static bool is_running_fair(const struct rq *rq)
{
	return rq->curr->se.class == &fair_sched_class && rq->curr->se.on_rq;
}

static uint64_t period_ns(unsigned nr_running)
{
	uint64_t crowd = FAIR_LATENCY_NS / FAIR_MIN_GRANULARITY_NS;
	return nr_running > crowd ? nr_running * FAIR_MIN_GRANULARITY_NS : FAIR_LATENCY_NS;
}

/* p's share of the period, counting p as runnable whether it is or not. */
static uint64_t slice_ns(const struct rq *rq, const struct task_struct *p)
{
	unsigned long weight = weight_of(p);
	unsigned long load = rq->fair.load + (p->se.on_rq ? 0 : weight);
	unsigned nr = rq->fair.nr_running + (p->se.on_rq ? 0 : 1);
	return period_ns(nr) * weight / load;
}

static void update_min_vruntime(struct rq *rq)
{
	struct fair_rq *fair = &rq->fair;
	struct rb_node *first = rb_first(&fair->timeline);
	bool have = false;
	uint64_t smallest = 0;
	if (is_running_fair(rq)) {
		smallest = rq->curr->se.vruntime;
		have = true;
	}
	if (first && (!have || vruntime_before(task_of(first)->se.vruntime, smallest))) {
		smallest = task_of(first)->se.vruntime;
		have = true;
	}
	if (have && vruntime_before(fair->min_vruntime, smallest))
		fair->min_vruntime = smallest;
}

static void fair_enqueue(struct rq *rq, struct task_struct *p, int flags)
{
	struct fair_rq *fair = &rq->fair;
	p->se.weight = weight_of(p);
	if (flags & ENQUEUE_WAKEUP) {
		uint64_t floor = fair->min_vruntime - FAIR_LATENCY_NS / 2;
		if (vruntime_before(p->se.vruntime, floor))
			p->se.vruntime = floor;
	}
	fair->load += p->se.weight;
	fair->nr_running++;
	if (p != rq->curr)
		rb_insert(&fair->timeline, &p->se.timeline_node, timeline_less);
	update_min_vruntime(rq);
}

static void fair_dequeue(struct rq *rq, struct task_struct *p)
{
	struct fair_rq *fair = &rq->fair;
	if (p != rq->curr)
		rb_erase(&fair->timeline, &p->se.timeline_node);
	fair->load -= p->se.weight;
	fair->nr_running--;
	if (fair->skip == p)
		fair->skip = NULL;
	update_min_vruntime(rq);
}

static struct task_struct *fair_pick_next(struct rq *rq)
{
	struct fair_rq *fair = &rq->fair;
	struct rb_node *node = rb_first(&fair->timeline);
	if (!node)
		return NULL;
	if (fair->skip && task_of(node) == fair->skip && rb_next(node))
		node = rb_next(node);
	fair->skip = NULL;
	struct task_struct *next = task_of(node);
	rb_erase(&fair->timeline, node);
	next->se.slice_start_ns = next->se.sum_exec_ns;
	return next;
}

static void fair_put_prev(struct rq *rq, struct task_struct *p)
{
	if (p->se.on_rq)
		rb_insert(&rq->fair.timeline, &p->se.timeline_node, timeline_less);
}

static void fair_task_tick(struct rq *rq, struct task_struct *p)
{
	p->se.sum_exec_ns += NSEC_PER_TICK;
	p->se.vruntime += scale_to_virtual(NSEC_PER_TICK, p->se.weight);
	update_min_vruntime(rq);
	if (rq->fair.nr_running < 2)
		return; /* alone: nobody to give the CPU to */
	uint64_t ran = p->se.sum_exec_ns - p->se.slice_start_ns;
	uint64_t slice = slice_ns(rq, p);
	struct rb_node *first = rb_first(&rq->fair.timeline);
	if (ran >= slice)
		rq->need_resched = true;
	else if (ran >= FAIR_MIN_GRANULARITY_NS && first &&
		 (int64_t)(p->se.vruntime - task_of(first)->se.vruntime) > (int64_t)slice)
		rq->need_resched = true; /* far ahead of the most deserving: let it catch up */
}

static void fair_check_preempt(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;
	if (curr->se.policy == SCHED_IDLE && p->se.policy != SCHED_IDLE) {
		rq->need_resched = true;
		return;
	}
	if (p->se.policy == SCHED_BATCH || p->se.policy == SCHED_IDLE)
		return; /* batch and idle tasks never preempt on wake-up */
	uint64_t granularity = scale_to_virtual(FAIR_WAKEUP_GRANULARITY_NS, p->se.weight);
	if ((int64_t)(curr->se.vruntime - p->se.vruntime) > (int64_t)granularity)
		rq->need_resched = true;
}

static void fair_yield(struct rq *rq)
{
	if (rq->fair.nr_running > 1)
		rq->fair.skip = rq->curr;
}

static void fair_task_joined(struct rq *rq, struct task_struct *p)
{
	p->se.weight = weight_of(p);
	p->se.vruntime = rq->fair.min_vruntime + FAIR_LATENCY_NS / 2;
}

static uint64_t fair_time_slice(struct rq *rq, struct task_struct *p)
{
	return slice_ns(rq, p);
}

const struct sched_class fair_sched_class = {
	.name = "fair",
	.enqueue_task = fair_enqueue,
	.dequeue_task = fair_dequeue,
	.pick_next_task = fair_pick_next,
	.put_prev_task = fair_put_prev,
	.task_tick = fair_task_tick,
	.check_preempt_curr = fair_check_preempt,
	.yield_task = fair_yield,
	.task_joined = fair_task_joined,
	.time_slice_ns = fair_time_slice,
};
