/*
 * Timed sleeps (include/timer.h). Armed timers sit on a list sorted by deadline, so the tick
 * only looks at its head; timer_lock guards it (taken from the tick with interrupts off).
 * A timer either wakes its task (sleeps) or calls its expire function (alarm, setitimer).
 */
#include "timer.h"
#include "sched.h"
#include "spinlock.h"
#include "time.h"
#include "uapi/errno.h"

static struct spinlock timer_lock = SPINLOCK_INIT("timer");
static LIST_HEAD(armed);

/* Caller holds timer_lock; timer is not armed. */
static void insert_locked(struct timer *timer)
{
	struct timer *other;
	list_for_each_entry (other, &armed, node) {
		if (other->deadline_ns > timer->deadline_ns)
			break;
	}
	list_add_tail(&timer->node, &other->node);
}

void timer_arm(struct timer *timer, uint64_t deadline_ns)
{
	timer->deadline_ns = deadline_ns;
	timer->task = current;
	timer->expire = NULL;
	timer->interval_ns = 0;
	uint64_t flags = spin_lock_irqsave(&timer_lock);
	insert_locked(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void timer_start(struct timer *timer, struct task_struct *task, uint64_t deadline_ns,
		 uint64_t interval_ns, void (*expire)(struct timer *timer))
{
	uint64_t flags = spin_lock_irqsave(&timer_lock);
	if (!list_is_empty(&timer->node))
		list_del(&timer->node);
	timer->task = task;
	timer->expire = expire;
	timer->interval_ns = interval_ns;
	timer->deadline_ns = deadline_ns;
	if (deadline_ns)
		insert_locked(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
}

uint64_t timer_remaining(struct timer *timer, uint64_t *interval_ns)
{
	uint64_t now = clock_monotonic_ns(), left = 0;
	uint64_t flags = spin_lock_irqsave(&timer_lock);
	if (!list_is_empty(&timer->node))
		left = timer->deadline_ns > now ? timer->deadline_ns - now : 1;
	*interval_ns = timer->interval_ns;
	spin_unlock_irqrestore(&timer_lock, flags);
	return left;
}

void timer_disarm(struct timer *timer)
{
	uint64_t flags = spin_lock_irqsave(&timer_lock);
	if (!list_is_empty(&timer->node))
		list_del(&timer->node);
	spin_unlock_irqrestore(&timer_lock, flags);
}

int sleep_until(uint64_t deadline_ns)
{
	struct timer timer;
	int result = 0;
	list_init(&timer.node);
	set_current_state(TASK_INTERRUPTIBLE);
	timer_arm(&timer, deadline_ns);
	while (clock_monotonic_ns() < deadline_ns) {
		if (signal_pending(current)) {
			result = -EINTR;
			break;
		}
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	set_current_state(TASK_RUNNING);
	timer_disarm(&timer);
	return result;
}

void timer_tick(void)
{
	uint64_t now = clock_monotonic_ns();
	spin_lock(&timer_lock);
	while (!list_is_empty(&armed)) {
		struct timer *first = list_first_entry(&armed, struct timer, node);
		if (first->deadline_ns > now)
			break;
		list_del(&first->node);
		if (!first->expire) {
			wake_up_state(first->task, TASK_INTERRUPTIBLE);
			continue;
		}
		first->expire(first);
		if (first->interval_ns) {
			first->deadline_ns += first->interval_ns;
			if (first->deadline_ns <= now)
				first->deadline_ns = now + first->interval_ns;
			insert_locked(first);
		}
	}
	spin_unlock(&timer_lock);
}
