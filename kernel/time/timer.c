/*
 * Timed sleeps (include/timer.h). Armed timers sit on a list sorted by deadline, so the tick
 * only looks at its head; timer_lock guards it (taken from the tick with interrupts off).
 */
#include "timer.h"
#include "sched.h"
#include "spinlock.h"
#include "time.h"
#include "uapi/errno.h"

static struct spinlock timer_lock = SPINLOCK_INIT("timer");
static LIST_HEAD(armed);

void timer_arm(struct timer *timer, uint64_t deadline_ns)
{
	struct timer *other;
	timer->deadline_ns = deadline_ns;
	timer->task = current;
	uint64_t flags = spin_lock_irqsave(&timer_lock);
	list_for_each_entry (other, &armed, node) {
		if (other->deadline_ns > deadline_ns)
			break;
	}
	list_add_tail(&timer->node, &other->node);
	spin_unlock_irqrestore(&timer_lock, flags);
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
		wake_up_state(first->task, TASK_INTERRUPTIBLE);
	}
	spin_unlock(&timer_lock);
}
