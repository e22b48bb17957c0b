/*
 * libc's internal lock: one int, zero-initialised means free (thread/lock.c; the three-state
 * mutex of "Futexes Are Tricky", U. Drepper, §6). Used for malloc, the stdio stream list, the
 * key table and pthread mutexes. Not recursive. A lock held across fork() stays held in the
 * child, so fork() takes the malloc lock itself (unistd/process.c).
 */
#ifndef SPINDLE_LIBC_INTERNAL_LOCK_H
#define SPINDLE_LIBC_INTERNAL_LOCK_H

#include <stdbool.h>

#define LIBC_LOCK_FREE	    0
#define LIBC_LOCK_HELD	    1
#define LIBC_LOCK_CONTENDED 2 /* held, and someone may be asleep on it */

/* Takes the lock, spinning briefly and then sleeping on its futex. */
void libc_lock_acquire(int *lock);
/* Takes the lock if it is free. Returns true if the caller now holds it. */
bool libc_lock_try_acquire(int *lock);
/* Frees the lock, waking one sleeper if there may be one. Caller holds it. */
void libc_lock_release(int *lock);

#endif
