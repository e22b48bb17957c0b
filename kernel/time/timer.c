/*
 * Timed sleeps (include/timer.h). The list is sorted by deadline, so the tick only looks at
 * its head; timer_lock guards it and is taken from the tick with interrupts already off.
 */
#include "timer.h"
#include "list.h"
#include "sched.h"
#include "spinlock.h"
#include "time.h"

struct sleeper {
	uint64_t deadline_ns;
	struct task_struct *task;
	struct list_head node;
};

static struct spinlock timer_lock = SPINLOCK_INIT("timer");
static LIST_HEAD(sleepers);

static void insert_sorted(struct sleeper *sleeper)
{
	struct sleeper *other;
	list_for_each_entry(other, &sleepers, node) {
		if (other->deadline_ns > sleeper->deadline_ns)
			break;
	}
	list_add_tail(&sleeper->node, &other->node);
}

int sleep_until(uint64_t deadline_ns)
{
	struct sleeper sleeper = {.deadline_ns = deadline_ns, .task = current};
	list_init(&sleeper.node);
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&timer_lock);
		if (clock_monotonic_ns() >= deadline_ns) {
			if (!list_is_empty(&sleeper.node))
				list_del(&sleeper.node);
			spin_unlock_irqrestore(&timer_lock, flags);
			set_current_state(TASK_RUNNING);
			return 0;
		}
		if (list_is_empty(&sleeper.node))
			insert_sorted(&sleeper);
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&timer_lock, flags);
		schedule();
	}
}

void timer_tick(void)
{
	uint64_t now = clock_monotonic_ns();
	spin_lock(&timer_lock);
	while (!list_is_empty(&sleepers)) {
		struct sleeper *first = list_first_entry(&sleepers, struct sleeper, node);
		if (first->deadline_ns > now)
			break;
		list_del(&first->node);
		wake_up_process(first->task);
	}
	spin_unlock(&timer_lock);
}
