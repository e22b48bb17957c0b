/*
 * Spinlocks (include/spinlock.h): a test-and-test-and-set lock with interrupts disabled
 * while held. The atomic exchange orders everything before it (x86 `xchg` is a full
 * barrier); the release store has release semantics.
 */
#include "spinlock.h"
#include "arch/cpu.h"
#include "panic.h"
#include "percpu.h"

void spin_lock_init(struct spinlock *lock, const char *name)
{
	*lock = (struct spinlock)SPINLOCK_INIT(name);
}

bool spin_is_held_by_this_cpu(const struct spinlock *lock)
{
	return READ_ONCE(lock->locked) && READ_ONCE(lock->owner_cpu) == (int32_t)this_cpu()->id;
}

static bool try_acquire(struct spinlock *lock)
{
	return __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) == 0;
}

void spin_lock(struct spinlock *lock)
{
#ifdef CONFIG_DEBUG
	if (irq_is_enabled())
		panic("spin_lock('%s') with interrupts on: use spin_lock_irqsave", lock->name);
	if (spin_is_held_by_this_cpu(lock))
		panic("spinlock '%s' taken twice by CPU %u (deadlock)", lock->name, this_cpu()->id);
#endif
	while (!try_acquire(lock)) {
		while (READ_ONCE(lock->locked))
			cpu_relax();
	}
	lock->owner_cpu = (int32_t)this_cpu()->id;
}

uint64_t spin_lock_irqsave(struct spinlock *lock)
{
	uint64_t flags = irq_save();
	spin_lock(lock);
	return flags;
}

bool spin_trylock_irqsave(struct spinlock *lock, uint64_t *flags)
{
	*flags = irq_save();
	if (!try_acquire(lock)) {
		irq_restore(*flags);
		return false;
	}
	lock->owner_cpu = (int32_t)this_cpu()->id;
	return true;
}

void spin_unlock(struct spinlock *lock)
{
#ifdef CONFIG_DEBUG
	if (!spin_is_held_by_this_cpu(lock))
		panic("spinlock '%s' released by CPU %u, which does not hold it", lock->name,
		      this_cpu()->id);
#endif
	lock->owner_cpu = -1;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

void spin_unlock_irqrestore(struct spinlock *lock, uint64_t flags)
{
	spin_unlock(lock);
	irq_restore(flags);
}
