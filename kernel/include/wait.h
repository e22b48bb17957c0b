/*
 * Wait queues (kernel/sched/wait.c): how a task sleeps until something happens.
 *
 * A sleeper puts an entry on the queue, marks itself asleep, re-checks its condition and only
 * then calls schedule(); a waker changes the condition first and then calls wake_up(). The
 * order closes the "lost wake-up" window: a wake-up that comes between the check and
 * schedule() just marks the task runnable again, so schedule() does not take it off the run
 * queue -- it only lets the other runnable tasks have their turn first.
 *
 *   wait_event(queue, data_ready);              -- sleeper
 *   data_ready = true; wake_up(&queue);         -- waker
 */
#ifndef SPINDLE_WAIT_H
#define SPINDLE_WAIT_H

#include "list.h"
#include "spinlock.h"

struct task_struct;

struct wait_queue_head {
	struct spinlock lock;	  /* protects waiters */
	struct list_head waiters; /* struct wait_queue_entry, oldest first */
	uint64_t wake_count;	  /* wake-ups so far: epoll's EPOLLET tells new events by it */
};

struct wait_queue_entry {
	struct task_struct *task;
	bool exclusive;	       /* wake_up wakes at most one exclusive waiter */
	struct list_head node; /* in wait_queue_head.waiters, or empty */
};

#define WAIT_QUEUE_HEAD_INIT(name)                                                                 \
	{                                                                                          \
		SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).waiters), 0                            \
	}

void wait_queue_init(struct wait_queue_head *queue, const char *name);
void wait_entry_init(struct wait_queue_entry *entry, bool exclusive);
/* Queue entry (if not queued) and set the current task's state to `state`. */
void prepare_to_wait(struct wait_queue_head *queue, struct wait_queue_entry *entry, long state);
/* Mark the current task running and take entry off the queue. */
void finish_wait(struct wait_queue_head *queue, struct wait_queue_entry *entry);
/* Wake every non-exclusive waiter and the oldest exclusive one. Returns how many woke. */
int wake_up(struct wait_queue_head *queue);
/* Wake every waiter. */
int wake_up_all(struct wait_queue_head *queue);

/* Sleep (uninterruptibly) until condition is true. The condition is evaluated repeatedly. */
#define wait_event(queue, condition)                                                               \
	do {                                                                                       \
		struct wait_queue_entry wait_entry;                                                \
		wait_entry_init(&wait_entry, false);                                               \
		for (;;) {                                                                         \
			prepare_to_wait(&(queue), &wait_entry, TASK_UNINTERRUPTIBLE);              \
			if (condition)                                                             \
				break;                                                             \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(queue), &wait_entry);                                                \
	} while (0)

#endif
