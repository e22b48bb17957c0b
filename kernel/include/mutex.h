/*
 * Sleeping mutexes (kernel/sched/mutex.c). A task that finds the mutex taken sleeps instead
 * of spinning; mutex_unlock() hands the mutex straight to the oldest waiter, so waiters are
 * served in order and none starves. Only the owner may unlock (checked). Never taken from
 * interrupt context, never held across a return to user mode.
 */
#ifndef SPINDLE_MUTEX_H
#define SPINDLE_MUTEX_H

#include "list.h"
#include "spinlock.h"

struct task_struct;

struct mutex {
	struct spinlock wait_lock; /* protects owner and waiters */
	struct task_struct *owner; /* NULL when free */
	struct list_head waiters;  /* struct mutex_waiter, oldest first */
	const char *name;
};

#define MUTEX_INIT(variable)                                                                       \
	{                                                                                          \
		SPINLOCK_INIT(#variable), NULL, LIST_HEAD_INIT((variable).waiters), #variable      \
	}

void mutex_init(struct mutex *mutex, const char *name);
void mutex_lock(struct mutex *mutex);
/* Returns true with the mutex held, false without waiting. */
bool mutex_trylock(struct mutex *mutex);
void mutex_unlock(struct mutex *mutex);
bool mutex_is_locked(struct mutex *mutex);

#endif
