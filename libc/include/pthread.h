/*
 * POSIX threads (man 7 pthreads; POSIX.1-2017 "pthread.h"): creation, joining and exit,
 * mutexes, condition variables, once-only initialisation and thread-specific data. Linux's
 * clone(2) and futex(2) underneath (libc/src/thread/); everything is in libc.a, so -lpthread
 * is not needed. Functions return 0 or an error number and leave errno alone, except
 * pthread_create, which may change errno on failure.
 * Only process-private objects exist: there is no pthread_mutexattr_setpshared, and no
 * thread cancellation.
 */
#ifndef SPINDLE_LIBC_PTHREAD_H
#define SPINDLE_LIBC_PTHREAD_H

#include <sched.h>
#include <stddef.h>
#include <time.h>

/* A thread's handle: the address of its control block. */
typedef struct libc_thread *pthread_t;

typedef struct {
	size_t stack_size; /* bytes, a multiple of the page size once used */
	int detach_state;  /* PTHREAD_CREATE_* */
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL	 0
#define PTHREAD_MUTEX_RECURSIVE	 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	 PTHREAD_MUTEX_NORMAL

typedef struct {
	int type; /* PTHREAD_MUTEX_* */
} pthread_mutexattr_t;

typedef struct {
	int lock;	    /* internal/lock.h: 0 free, 1 held, 2 held with possible sleepers */
	int type;	    /* PTHREAD_MUTEX_* */
	unsigned int depth; /* times the owner holds a RECURSIVE mutex */
	pthread_t owner;    /* holder of a RECURSIVE or ERRORCHECK mutex, else NULL */
} pthread_mutex_t;

#define PTHREAD_MUTEX_INITIALIZER                                                                  \
	{                                                                                          \
		0, PTHREAD_MUTEX_NORMAL, 0, NULL                                                   \
	}

typedef struct {
	clockid_t clock; /* CLOCK_REALTIME or CLOCK_MONOTONIC, for timedwait */
} pthread_condattr_t;

typedef struct {
	int sequence;	 /* futex word: bumped by every signal and broadcast */
	clockid_t clock; /* the clock of timedwait's deadline */
} pthread_cond_t;

#define PTHREAD_COND_INITIALIZER                                                                   \
	{                                                                                          \
		0, CLOCK_REALTIME                                                                  \
	}

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

typedef unsigned int pthread_key_t;

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attributes,
		   void *(*start)(void *), void *restrict argument);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
/* Runs key destructors and ends the thread; in the last thread, exit(0). */
_Noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t first, pthread_t second);

int pthread_attr_init(pthread_attr_t *attributes);
int pthread_attr_destroy(pthread_attr_t *attributes);
int pthread_attr_setstacksize(pthread_attr_t *attributes, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *restrict attributes, size_t *restrict size);
int pthread_attr_setdetachstate(pthread_attr_t *attributes, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attributes, int *state);

int pthread_mutex_init(pthread_mutex_t *restrict mutex,
		       const pthread_mutexattr_t *restrict attributes);
int pthread_mutex_destroy(pthread_mutex_t *mutex);
int pthread_mutex_lock(pthread_mutex_t *mutex);
int pthread_mutex_trylock(pthread_mutex_t *mutex);
int pthread_mutex_unlock(pthread_mutex_t *mutex);
int pthread_mutexattr_init(pthread_mutexattr_t *attributes);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attributes);
int pthread_mutexattr_settype(pthread_mutexattr_t *attributes, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attributes, int *restrict type);

int pthread_cond_init(pthread_cond_t *restrict condition,
		      const pthread_condattr_t *restrict attributes);
int pthread_cond_destroy(pthread_cond_t *condition);
int pthread_cond_wait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex);
/* deadline is absolute, on the condition's clock (CLOCK_REALTIME unless set otherwise). */
int pthread_cond_timedwait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex,
			   const struct timespec *restrict deadline);
int pthread_cond_signal(pthread_cond_t *condition);
int pthread_cond_broadcast(pthread_cond_t *condition);
int pthread_condattr_init(pthread_condattr_t *attributes);
int pthread_condattr_destroy(pthread_condattr_t *attributes);
int pthread_condattr_setclock(pthread_condattr_t *attributes, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *restrict attributes,
			      clockid_t *restrict clock);

int pthread_once(pthread_once_t *once, void (*initialise)(void));

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#endif
