/*
 * Condition variables (man 3 pthread_cond_wait, man 3 pthread_cond_signal,
 * man 3 pthread_condattr_setclock).
 *
 * The condition is one futex word, a sequence number. A waiter reads it while still holding
 * the mutex, unlocks, and sleeps only while the number is unchanged; a signal or broadcast
 * bumps it before waking, so a wake-up that comes between the unlock and the sleep turns the
 * sleep into an immediate return instead of being lost. signal wakes one sleeper, broadcast
 * all of them, and every woken waiter relocks the mutex itself.
 *
 * Deviations: a signal may wake a thread that began waiting after the signal instead of one
 * that waited before (the sleepers of one sequence number are not told apart), and after
 * 2^32 signals between a waiter's read and its sleep the waiter would miss one. Spurious
 * wake-ups happen, as POSIX allows. A woken waiter never touches the condition again, so it
 * may be destroyed as soon as no thread is about to call wait on it.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include "internal/futex.h"

static bool is_supported_clock(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC;
}

int pthread_condattr_init(pthread_condattr_t *attributes)
{
	attributes->clock = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attributes)
{
	(void)attributes;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attributes, clockid_t clock)
{
	if (!is_supported_clock(clock))
		return EINVAL;
	attributes->clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attributes,
			      clockid_t *restrict clock)
{
	*clock = attributes->clock;
	return 0;
}

int pthread_cond_init(pthread_cond_t *restrict condition,
		      const pthread_condattr_t *restrict attributes)
{
	condition->sequence = 0;
	condition->clock = attributes ? attributes->clock : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *condition)
{
	(void)condition;
	return 0;
}

/* Caller holds mutex. Returns 0, ETIMEDOUT (mutex held again either way) or the unlock error. */
static int wait_until(pthread_cond_t *condition, pthread_mutex_t *mutex,
		      const struct timespec *deadline)
{
	int sequence = __atomic_load_n(&condition->sequence, __ATOMIC_ACQUIRE);
	int error = pthread_mutex_unlock(mutex);
	int result;

	if (error)
		return error;
	result = libc_futex_wait_until(&condition->sequence, sequence, condition->clock, deadline,
				       true);
	pthread_mutex_lock(mutex);
	return result == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex)
{
	return wait_until(condition, mutex, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex,
			   const struct timespec *restrict deadline)
{
	if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L || deadline->tv_sec < 0)
		return EINVAL;
	return wait_until(condition, mutex, deadline);
}

int pthread_cond_signal(pthread_cond_t *condition)
{
	__atomic_add_fetch(&condition->sequence, 1, __ATOMIC_RELEASE);
	libc_futex_wake(&condition->sequence, 1, true);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *condition)
{
	__atomic_add_fetch(&condition->sequence, 1, __ATOMIC_RELEASE);
	libc_futex_wake(&condition->sequence, INT_MAX, true);
	return 0;
}
