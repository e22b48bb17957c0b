/*
 * Wait queues (include/wait.h).
 */
#include "wait.h"
#include "sched.h"

void wait_queue_init(struct wait_queue_head *queue, const char *name)
{
	spin_lock_init(&queue->lock, name);
	list_init(&queue->waiters);
}

void wait_entry_init(struct wait_queue_entry *entry, bool exclusive)
{
	entry->task = current;
	entry->exclusive = exclusive;
	list_init(&entry->node);
}

void prepare_to_wait(struct wait_queue_head *queue, struct wait_queue_entry *entry, long state)
{
	uint64_t flags = spin_lock_irqsave(&queue->lock);
	if (list_is_empty(&entry->node))
		list_add_tail(&entry->node, &queue->waiters);
	set_current_state(state);
	spin_unlock_irqrestore(&queue->lock, flags);
}

void finish_wait(struct wait_queue_head *queue, struct wait_queue_entry *entry)
{
	set_current_state(TASK_RUNNING);
	uint64_t flags = spin_lock_irqsave(&queue->lock);
	if (!list_is_empty(&entry->node))
		list_del(&entry->node);
	spin_unlock_irqrestore(&queue->lock, flags);
}

static int wake_common(struct wait_queue_head *queue, bool all)
{
	struct wait_queue_entry *entry, *next;
	bool exclusive_woken = false;
	int woken = 0;
	uint64_t flags = spin_lock_irqsave(&queue->lock);
	queue->wake_count++;
	list_for_each_entry_safe (entry, next, &queue->waiters, node) {
		if (entry->exclusive && exclusive_woken && !all)
			continue; /* one exclusive waiter per wake_up() */
		exclusive_woken |= entry->exclusive;
		/* Dequeued here so a second wake-up does not count the same sleeper twice. */
		list_del(&entry->node);
		wake_up_process(entry->task);
		woken++;
	}
	spin_unlock_irqrestore(&queue->lock, flags);
	return woken;
}

int wake_up(struct wait_queue_head *queue)
{
	return wake_common(queue, false);
}

int wake_up_all(struct wait_queue_head *queue)
{
	return wake_common(queue, true);
}
