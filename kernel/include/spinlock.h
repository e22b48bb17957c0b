/*
 * Spinlocks (kernel/lib/spinlock.c).
 *
 * A spinlock is held with interrupts off on the holding CPU: spin_lock_irqsave() saves the
 * interrupt flag and disables interrupts before spinning, spin_unlock_irqrestore() puts it
 * back. That way an interrupt handler that takes the same lock can never deadlock against
 * the code it interrupted. The lock records its owner CPU; in debug builds taking a lock this
 * CPU already holds, or releasing one it does not hold, panics with the lock's name.
 */
#ifndef SPINDLE_SPINLOCK_H
#define SPINDLE_SPINLOCK_H

#include "types.h"

struct spinlock {
	uint32_t locked;   /* 0 free, 1 held */
	int32_t owner_cpu; /* id of the holding CPU, -1 when free */
	const char *name;  /* for debug reports */
};

#define SPINLOCK_INIT(lock_name)                                                                   \
	{                                                                                          \
		.locked = 0, .owner_cpu = -1, .name = lock_name                                    \
	}

void spin_lock_init(struct spinlock *lock, const char *name);
/* Returns the saved interrupt state, to pass to spin_unlock_irqrestore(). */
uint64_t spin_lock_irqsave(struct spinlock *lock);
void spin_unlock_irqrestore(struct spinlock *lock, uint64_t flags);
/* Try once; returns true with the lock held (interrupts off, state in *flags). */
bool spin_trylock_irqsave(struct spinlock *lock, uint64_t *flags);
bool spin_is_held_by_this_cpu(const struct spinlock *lock);
/* For callers that already run with interrupts off (interrupt handlers, the scheduler). */
void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);

#endif
