/*
 * libc's internal lock (internal/lock.h), the three-state futex mutex of "Futexes Are
 * Tricky" (U. Drepper, §6, "mutex3"):
 *
 *   FREE -> HELD            uncontended acquire, one compare-and-swap, no system call
 *   HELD -> CONTENDED       a would-be owner is about to sleep on the futex
 *   any  -> FREE            release; only a release of CONTENDED makes a FUTEX_WAKE
 *
 * A thread that finds the lock held spins for a short, fixed number of PAUSEs (a lock is
 * usually held for a few instructions) and then sleeps. A woken thread takes the lock as
 * CONTENDED, because it cannot know whether others still sleep; the price is at most one
 * spare wake-up.
 */
#include "arch/x86_64/thread_arch.h"
#include "internal/futex.h"
#include "internal/lock.h"

#define SPIN_LIMIT 100

bool libc_lock_try_acquire(int *lock)
{
	int expected = LIBC_LOCK_FREE;

	return __atomic_compare_exchange_n(lock, &expected, LIBC_LOCK_HELD, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void libc_lock_acquire(int *lock)
{
	int spins;

	if (libc_lock_try_acquire(lock))
		return;
	for (spins = 0; spins < SPIN_LIMIT; spins++) {
		int value = __atomic_load_n(lock, __ATOMIC_RELAXED);

		if (value == LIBC_LOCK_CONTENDED)
			break;
		if (value == LIBC_LOCK_FREE && libc_lock_try_acquire(lock))
			return;
		arch_cpu_relax();
	}
	while (__atomic_exchange_n(lock, LIBC_LOCK_CONTENDED, __ATOMIC_ACQUIRE) != LIBC_LOCK_FREE)
		libc_futex_wait(lock, LIBC_LOCK_CONTENDED, true);
}

void libc_lock_release(int *lock)
{
	if (__atomic_exchange_n(lock, LIBC_LOCK_FREE, __ATOMIC_RELEASE) == LIBC_LOCK_CONTENDED)
		libc_futex_wake(lock, 1, true);
}
