/*
 * The futex helper every libc lock is built on (man 2 futex; "Futexes Are Tricky",
 * U. Drepper). A futex word is an aligned int; waiting sleeps only while the word still holds
 * the expected value, checked atomically by the kernel, so a wake between our load and our
 * sleep is never lost. Private futexes (is_private) are faster on Linux and are right for
 * memory only this process maps; the kernel's CLONE_CHILD_CLEARTID wake is a shared one, so
 * pthread_join waits with is_private false.
 * Each call returns 0 or a count on success and -errno on failure, and never touches errno.
 */
#ifndef SPINDLE_LIBC_INTERNAL_FUTEX_H
#define SPINDLE_LIBC_INTERNAL_FUTEX_H

#include <stdbool.h>
#include <time.h>

/*
 * Sleeps while *word == expected. Returns 0 when woken (possibly spuriously), -EAGAIN if
 * *word already differed, -EINTR after a signal.
 */
int libc_futex_wait(int *word, int expected, bool is_private);

/*
 * As libc_futex_wait, but gives up at the absolute time deadline on clock (CLOCK_REALTIME or
 * CLOCK_MONOTONIC) with -ETIMEDOUT; a NULL deadline waits for ever.
 */
int libc_futex_wait_until(int *word, int expected, clockid_t clock, const struct timespec *deadline,
			  bool is_private);

/* Wakes up to count sleepers on word. Returns how many woke, or -errno. */
int libc_futex_wake(int *word, int count, bool is_private);

#endif
