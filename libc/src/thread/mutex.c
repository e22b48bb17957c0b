/*
 * Mutexes (man 3 pthread_mutex_lock, man 3 pthread_mutexattr_settype). The lock itself is
 * libc's futex lock (internal/lock.h, thread/lock.c). A NORMAL mutex is nothing more: no
 * owner is kept, relocking it deadlocks and unlocking one the caller does not hold is
 * undefined, as POSIX allows. RECURSIVE and ERRORCHECK mutexes also record their owner:
 * only the owner can store its own pthread_t there, so comparing the owner with
 * pthread_self() needs no lock.
 */
#include <errno.h>
#include <pthread.h>
#include "internal/lock.h"
#include "internal/thread.h"

static bool is_valid_type(int type)
{
	return type == PTHREAD_MUTEX_NORMAL || type == PTHREAD_MUTEX_RECURSIVE ||
	       type == PTHREAD_MUTEX_ERRORCHECK;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attributes)
{
	attributes->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attributes)
{
	(void)attributes;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attributes, int type)
{
	if (!is_valid_type(type))
		return EINVAL;
	attributes->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attributes, int *restrict type)
{
	*type = attributes->type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict mutex,
		       const pthread_mutexattr_t *restrict attributes)
{
	mutex->lock = LIBC_LOCK_FREE;
	mutex->type = attributes ? attributes->type : PTHREAD_MUTEX_DEFAULT;
	mutex->depth = 0;
	mutex->owner = NULL;
	return 0;
}

/* A held mutex cannot be destroyed. */
int pthread_mutex_destroy(pthread_mutex_t *mutex)
{
	return __atomic_load_n(&mutex->lock, __ATOMIC_RELAXED) == LIBC_LOCK_FREE ? 0 : EBUSY;
}

static bool is_owned_by_caller(pthread_mutex_t *mutex)
{
	return __atomic_load_n(&mutex->owner, __ATOMIC_RELAXED) == libc_thread_self();
}

/* The caller already holds a RECURSIVE or ERRORCHECK mutex. */
static int relock(pthread_mutex_t *mutex)
{
	if (mutex->type == PTHREAD_MUTEX_ERRORCHECK)
		return EDEADLK;
	if (mutex->depth == UINT_MAX)
		return EAGAIN;
	mutex->depth++;
	return 0;
}

static void take_ownership(pthread_mutex_t *mutex)
{
	__atomic_store_n(&mutex->owner, libc_thread_self(), __ATOMIC_RELAXED);
	mutex->depth = 1;
}

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
	if (mutex->type == PTHREAD_MUTEX_NORMAL) {
		libc_lock_acquire(&mutex->lock);
		return 0;
	}
	if (is_owned_by_caller(mutex))
		return relock(mutex);
	libc_lock_acquire(&mutex->lock);
	take_ownership(mutex);
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
	if (mutex->type == PTHREAD_MUTEX_RECURSIVE && is_owned_by_caller(mutex))
		return relock(mutex);
	if (!libc_lock_try_acquire(&mutex->lock))
		return EBUSY;
	if (mutex->type != PTHREAD_MUTEX_NORMAL)
		take_ownership(mutex);
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
	if (mutex->type != PTHREAD_MUTEX_NORMAL) {
		if (!is_owned_by_caller(mutex))
			return EPERM;
		if (--mutex->depth > 0)
			return 0;
		__atomic_store_n(&mutex->owner, NULL, __ATOMIC_RELAXED);
	}
	libc_lock_release(&mutex->lock);
	return 0;
}
