/*
 * Coroutines: functions that stop in the middle (coro_yield) and continue later
 * (coro_resume), each on a stack of its own, all in one thread. Built on <ucontext.h>
 * (swapcontext), so switching is a function call that saves six registers, rsp, rip and two
 * control words, with no system call. docs/coroutines.md explains; demo-coro-generator,
 * demo-coro-pipeline and demo-coro-sched use it; libc/tests/test_ucontext.c tests it.
 *
 * A coroutine is suspended (created, or stopped in coro_yield), running (itself or a
 * coroutine it resumed is executing), or finished (its function returned). A coroutine may
 * resume another; coro_yield always returns to whoever resumed the caller. A coroutine
 * belongs to the thread that created it.
 */
#ifndef SPINDLE_LIBC_CORO_H
#define SPINDLE_LIBC_CORO_H

#include <stdbool.h>
#include <stddef.h>

struct coro;

/* The stack a coroutine gets when coro_create is asked for 0 bytes, and the least. */
#define CORO_STACK_DEFAULT (64 * 1024)
#define CORO_STACK_MIN	   (8 * 1024)

/*
 * A suspended coroutine that will run function(argument) when first resumed, on a stack of
 * stack_size bytes (rounded up to whole pages; 0 means CORO_STACK_DEFAULT) from mmap(2),
 * with a PROT_NONE guard page below it so an overflow faults instead of corrupting memory.
 * Returns NULL with errno: EINVAL (function NULL, stack_size below CORO_STACK_MIN), ENOMEM.
 */
struct coro *coro_create(void *(*function)(void *argument), void *argument, size_t stack_size);

/*
 * Runs coroutine until it yields or finishes. Returns 1 if it yielded (value, if not NULL,
 * gets what it passed to coro_yield), 0 if it finished (value gets its function's result),
 * -1 with errno EINVAL if it is NULL, finished already, running, or belongs to another thread.
 */
int coro_resume(struct coro *coroutine, void **value);

/*
 * Suspends the calling coroutine and hands value to its resumer, whose coro_resume returns 1.
 * Returns 0 when resumed again, or -1 with errno EINVAL when not called from a coroutine.
 */
int coro_yield(void *value);

/* The running coroutine, or NULL in the thread's own (main) context. */
struct coro *coro_self(void);

bool coro_is_finished(const struct coro *coroutine);

/*
 * Frees a coroutine and its stack; a suspended one is simply dropped, whatever its
 * function had not done yet. Returns 0, or -1 with errno EINVAL if it is NULL or running.
 */
int coro_destroy(struct coro *coroutine);

#endif
