/*
 * Sleeping mutexes (include/mutex.h). Ownership is handed over at unlock: the first waiter
 * becomes the owner before it even runs, so a task that keeps locking and unlocking cannot
 * starve the others. The waiter sleeps until it sees itself as owner.
 */
#include "mutex.h"
#include "panic.h"
#include "sched.h"

struct mutex_waiter {
	struct task_struct *task;
	struct list_head node;
};

void mutex_init(struct mutex *mutex, const char *name)
{
	spin_lock_init(&mutex->wait_lock, name);
	mutex->owner = NULL;
	list_init(&mutex->waiters);
	mutex->name = name;
}

bool mutex_trylock(struct mutex *mutex)
{
	bool taken = false;
	uint64_t flags = spin_lock_irqsave(&mutex->wait_lock);
	if (!mutex->owner) {
		mutex->owner = current;
		taken = true;
	}
	spin_unlock_irqrestore(&mutex->wait_lock, flags);
	return taken;
}

void mutex_lock(struct mutex *mutex)
{
	struct mutex_waiter waiter = {.task = current};
	uint64_t flags = spin_lock_irqsave(&mutex->wait_lock);

	if (mutex->owner == current)
		panic("mutex '%s': %s (pid %d) locks it twice", mutex->name, current->comm,
		      current->pid);
	if (!mutex->owner) {
		mutex->owner = current;
		spin_unlock_irqrestore(&mutex->wait_lock, flags);
		return;
	}
	list_add_tail(&waiter.node, &mutex->waiters);
	while (mutex->owner != current) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&mutex->wait_lock, flags);
		schedule();
		flags = spin_lock_irqsave(&mutex->wait_lock);
	}
	set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&mutex->wait_lock, flags);
}

void mutex_unlock(struct mutex *mutex)
{
	uint64_t flags = spin_lock_irqsave(&mutex->wait_lock);
	if (mutex->owner != current)
		panic("mutex '%s' unlocked by %s (pid %d), which does not own it", mutex->name,
		      current->comm, current->pid);
	if (list_is_empty(&mutex->waiters)) {
		mutex->owner = NULL;
	} else {
		struct mutex_waiter *next =
			list_first_entry(&mutex->waiters, struct mutex_waiter, node);
		list_del(&next->node);
		mutex->owner = next->task;
		wake_up_process(next->task);
	}
	spin_unlock_irqrestore(&mutex->wait_lock, flags);
}

bool mutex_is_locked(struct mutex *mutex)
{
	return READ_ONCE(mutex->owner) != NULL;
}
