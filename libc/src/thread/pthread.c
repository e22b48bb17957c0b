/*
 * Thread creation, joining and exit (man 3 pthread_create, man 3 pthread_join,
 * man 3 pthread_detach, man 3 pthread_exit, man 3 pthread_attr_init; man 2 clone).
 *
 * One anonymous mapping holds each thread: a PROT_NONE guard page, the stack, then the TLS
 * block and TCB (internal/thread.h). clone() with CLONE_SETTLS starts the thread with its FS
 * base already on its TCB; CLONE_PARENT_SETTID stores its tid in the TCB before either
 * thread runs on, and CLONE_CHILD_CLEARTID makes the kernel write 0 there and wake the futex
 * once the thread is gone and no longer uses its stack. That is what pthread_join waits for
 * before it unmaps the stack.
 *
 * Who frees the mapping is settled by one compare-and-swap on detach_state:
 *   JOINABLE -> DETACHED  (pthread_detach first)  the thread unmaps itself at exit
 *   JOINABLE -> EXITING   (pthread_exit first)    the joiner, or pthread_detach, unmaps it
 * The main thread's TCB lives in the start-up mapping, which is never freed.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "internal/futex.h"
#include "internal/syscall.h"
#include "internal/thread.h"

#define PAGE_SIZE	   4096
#define DEFAULT_STACK_SIZE (256 * 1024)

/* A thread shares everything a process-wide resource can be, and is not a new process. */
#define THREAD_CLONE_FLAGS                                                                         \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |        \
	 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

#define KERNEL_SIGSET_SIZE 8

static size_t round_up(size_t value, size_t alignment)
{
	return (value + alignment - 1) & ~(alignment - 1);
}

int pthread_attr_init(pthread_attr_t *attributes)
{
	attributes->stack_size = DEFAULT_STACK_SIZE;
	attributes->detach_state = PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attributes)
{
	(void)attributes;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attributes, size_t size)
{
	if (size < PTHREAD_STACK_MIN || size > SIZE_MAX / 2)
		return EINVAL;
	attributes->stack_size = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attributes, size_t *restrict size)
{
	*size = attributes->stack_size;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attributes, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attributes->detach_state = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attributes, int *state)
{
	*state = attributes->detach_state;
	return 0;
}

/* Where a new thread begins, on its own stack, called by clone's child path. */
static int thread_start(void *argument)
{
	struct libc_thread *self = argument;

	pthread_exit(self->start(self->argument));
}

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attributes,
		   void *(*start)(void *), void *restrict argument)
{
	pthread_attr_t defaults;
	struct libc_thread *created;
	size_t length;
	char *mapping;
	void *stack_top;

	if (!attributes) {
		pthread_attr_init(&defaults);
		attributes = &defaults;
	}
	length = PAGE_SIZE + round_up(attributes->stack_size, PAGE_SIZE) +
		 round_up(libc_tls_area_size(), PAGE_SIZE);
	mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mapping == MAP_FAILED)
		return EAGAIN;
	if (mprotect(mapping, PAGE_SIZE, PROT_NONE) < 0)
		goto err_unmap;
	created = libc_tls_install(mapping + length);
	created->start = start;
	created->argument = argument;
	created->mapping = mapping;
	created->mapping_length = length;
	created->detach_state = attributes->detach_state == PTHREAD_CREATE_DETACHED
					? THREAD_DETACHED
					: THREAD_JOINABLE;
	stack_top = (void *)((uintptr_t)libc_tls_block_start(created) & ~(uintptr_t)15);
	/* Before clone: the new thread may read *thread, and a detached one may be gone at once. */
	*thread = created;
	__atomic_add_fetch(&libc_thread_count, 1, __ATOMIC_SEQ_CST);
	if (clone(thread_start, stack_top, THREAD_CLONE_FLAGS, created, &created->tid, created,
		  &created->tid) < 0) {
		__atomic_sub_fetch(&libc_thread_count, 1, __ATOMIC_SEQ_CST);
		goto err_unmap;
	}
	return 0;

err_unmap:
	munmap(mapping, length);
	return EAGAIN;
}

/* Blocks the signals, forgets the TCB's tid word and unmaps the caller's stack. */
static _Noreturn void exit_and_free_self(struct libc_thread *self)
{
	unsigned long every_signal = ~0UL;

	SYSCALL4(SYS_rt_sigprocmask, SIG_BLOCK, &every_signal, NULL, KERNEL_SIGSET_SIZE);
	SYSCALL1(SYS_set_tid_address, NULL);
	libc_thread_unmap_and_exit(self->mapping, self->mapping_length);
}

_Noreturn void pthread_exit(void *result)
{
	struct libc_thread *self = libc_thread_self();
	int state = THREAD_JOINABLE;

	libc_thread_run_destructors(self);
	self->result = result;
	/* POSIX: the process exits with status 0 once its last thread has ended. */
	if (__atomic_sub_fetch(&libc_thread_count, 1, __ATOMIC_SEQ_CST) == 0)
		exit(0);
	if (!__atomic_compare_exchange_n(&self->detach_state, &state, THREAD_EXITING, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
	    self->mapping)
		exit_and_free_self(self);
	for (;;)
		SYSCALL1(SYS_exit, 0);
}

/* Sleeps until the kernel has cleared thread's tid: it has exited and left its stack. */
static void wait_for_exit(struct libc_thread *thread)
{
	int tid;

	while ((tid = __atomic_load_n(&thread->tid, __ATOMIC_ACQUIRE)) != 0)
		libc_futex_wait(&thread->tid, tid, false);
}

/* Frees an exited thread's mapping (the main thread has none to free). */
static void release_thread(struct libc_thread *thread)
{
	if (thread->mapping)
		munmap(thread->mapping, thread->mapping_length);
}

int pthread_join(pthread_t thread, void **result)
{
	if (thread == libc_thread_self())
		return EDEADLK;
	if (__atomic_load_n(&thread->detach_state, __ATOMIC_ACQUIRE) == THREAD_DETACHED)
		return EINVAL;
	wait_for_exit(thread);
	if (result)
		*result = thread->result;
	release_thread(thread);
	return 0;
}

int pthread_detach(pthread_t thread)
{
	int state = THREAD_JOINABLE;

	if (__atomic_compare_exchange_n(&thread->detach_state, &state, THREAD_DETACHED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	if (state == THREAD_DETACHED)
		return EINVAL;
	/* It is already on its way out and will not free itself: reap it as a join would. */
	wait_for_exit(thread);
	release_thread(thread);
	return 0;
}

pthread_t pthread_self(void)
{
	return libc_thread_self();
}

int pthread_equal(pthread_t first, pthread_t second)
{
	return first == second;
}
