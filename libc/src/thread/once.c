/*
 * One-time initialisation (man 3 pthread_once). The once word moves
 *
 *   NEVER -> RUNNING -> (WAITED ->) DONE
 *
 * The thread whose compare-and-swap takes it from NEVER runs the function; others mark it
 * WAITED and sleep on the futex until DONE, and the runner wakes them only if the word says
 * someone is asleep. No cancellation exists, so the function always finishes, unless it ends
 * its thread with pthread_exit, in which case later callers wait for ever (as a deadlock
 * would on any libc without cancellation handlers).
 */
#include <limits.h>
#include <pthread.h>
#include "internal/futex.h"

#define ONCE_NEVER   0 /* PTHREAD_ONCE_INIT */
#define ONCE_RUNNING 1
#define ONCE_WAITED  2 /* running, and someone sleeps on the word */
#define ONCE_DONE    3

int pthread_once(pthread_once_t *once, void (*initialise)(void))
{
	int state = __atomic_load_n(once, __ATOMIC_ACQUIRE);

	while (state != ONCE_DONE) {
		if (state == ONCE_NEVER) {
			if (!__atomic_compare_exchange_n(once, &state, ONCE_RUNNING, false,
							 __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
				continue;
			initialise();
			if (__atomic_exchange_n(once, ONCE_DONE, __ATOMIC_RELEASE) == ONCE_WAITED)
				libc_futex_wake(once, INT_MAX, true);
			return 0;
		}
		if (state == ONCE_RUNNING &&
		    !__atomic_compare_exchange_n(once, &state, ONCE_WAITED, false, __ATOMIC_ACQUIRE,
						 __ATOMIC_ACQUIRE))
			continue;
		libc_futex_wait(once, ONCE_WAITED, true);
		state = __atomic_load_n(once, __ATOMIC_ACQUIRE);
	}
	return 0;
}
