/*
 * Completions (include/completion.h). The waiter queues itself exclusively, so complete()
 * wakes exactly one; `done` is checked and consumed under the queue lock.
 */
#include "completion.h"
#include "sched.h"

void completion_init(struct completion *completion, const char *name)
{
	completion->done = 0;
	wait_queue_init(&completion->wait, name);
}

void wait_for_completion(struct completion *completion)
{
	struct wait_queue_entry entry;
	wait_entry_init(&entry, true);

	uint64_t flags = spin_lock_irqsave(&completion->wait.lock);
	while (completion->done == 0) {
		if (list_is_empty(&entry.node))
			list_add_tail(&entry.node, &completion->wait.waiters);
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&completion->wait.lock, flags);
		schedule();
		flags = spin_lock_irqsave(&completion->wait.lock);
	}
	if (!list_is_empty(&entry.node))
		list_del(&entry.node);
	set_current_state(TASK_RUNNING);
	if (completion->done != COMPLETION_ALL)
		completion->done--;
	spin_unlock_irqrestore(&completion->wait.lock, flags);
}

static void complete_common(struct completion *completion, bool all)
{
	struct wait_queue_entry *entry, *next;
	uint64_t flags = spin_lock_irqsave(&completion->wait.lock);
	if (all)
		completion->done = COMPLETION_ALL;
	else if (completion->done != COMPLETION_ALL)
		completion->done++;
	list_for_each_entry_safe (entry, next, &completion->wait.waiters, node) {
		list_del(&entry->node);
		wake_up_process(entry->task);
		if (!all)
			break;
	}
	spin_unlock_irqrestore(&completion->wait.lock, flags);
}

void complete(struct completion *completion)
{
	complete_common(completion, false);
}

void complete_all(struct completion *completion)
{
	complete_common(completion, true);
}

bool completion_is_done(struct completion *completion)
{
	return READ_ONCE(completion->done) != 0;
}
