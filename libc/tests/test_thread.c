/*
 * Tests for threads and thread-local storage (man 7 pthreads, man 3 pthread_create,
 * man 3 pthread_join, man 3 pthread_detach, man 3 pthread_exit, man 2 clone; "ELF Handling
 * For Thread-Local Storage" for __thread): TLS blocks and errno per thread, join results,
 * stacks freed by join, detach and detached exit, the process-wide exits, and clone().
 * Synchronisation is by mutexes, condition variables, join and waitpid. Where a test must
 * know that a thread has gone (a detached one cannot be joined), it yields until tgkill says
 * the thread no longer exists: that loop ends as soon as the thread does, whatever the timing.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

#define THREAD_COUNT 4

static __thread int tls_initialised = 42;
static __thread long tls_zeroed;
static __thread char tls_text[16] = "per-thread";
static __thread _Alignas(64) char tls_aligned[3];

/* What a thread saw of its TLS, and the addresses of its variables. */
struct tls_report {
	int initial_value;
	long initial_zeroed;
	char initial_text[16];
	int *initialised_address;
	char *aligned_address;
};

static void *report_tls(void *argument)
{
	struct tls_report *report = argument;

	report->initial_value = tls_initialised;
	report->initial_zeroed = tls_zeroed;
	memcpy(report->initial_text, tls_text, sizeof(tls_text));
	report->initialised_address = &tls_initialised;
	report->aligned_address = tls_aligned;
	/* Must not reach the main thread's copies. */
	tls_initialised = -5;
	tls_zeroed = -5;
	strcpy(tls_text, "thread");
	return NULL;
}

static void test_tls_main_thread(void)
{
	unsigned long base = 0;

	TEST_CHECK_EQUAL(tls_initialised, 42);
	TEST_CHECK_EQUAL(tls_zeroed, 0);
	TEST_CHECK_STRING(tls_text, "per-thread");
	TEST_CHECK_EQUAL((uintptr_t)tls_aligned % 64, 0);
	TEST_CHECK_EQUAL(arch_prctl(ARCH_GET_FS, (unsigned long)&base), 0);
	TEST_CHECK_EQUAL(base, (unsigned long)pthread_self());
	/* Variant II: the TLS block lies just below the thread pointer. */
	TEST_CHECK((uintptr_t)&tls_initialised < base);
	TEST_CHECK((uintptr_t)&tls_initialised > base - 4096);
}

static void test_tls_per_thread(void)
{
	struct tls_report reports[THREAD_COUNT];
	pthread_t threads[THREAD_COUNT];
	int i, j;

	tls_initialised = 1000;
	tls_zeroed = -1;
	strcpy(tls_text, "main");
	memset(reports, 0, sizeof(reports));
	for (i = 0; i < THREAD_COUNT; i++)
		TEST_CHECK_EQUAL(pthread_create(&threads[i], NULL, report_tls, &reports[i]), 0);
	for (i = 0; i < THREAD_COUNT; i++)
		TEST_CHECK_EQUAL(pthread_join(threads[i], NULL), 0);
	for (i = 0; i < THREAD_COUNT; i++) {
		/* Each thread starts from the program's image, not from main's values. */
		TEST_CHECK_EQUAL(reports[i].initial_value, 42);
		TEST_CHECK_EQUAL(reports[i].initial_zeroed, 0);
		TEST_CHECK_STRING(reports[i].initial_text, "per-thread");
		TEST_CHECK_EQUAL((uintptr_t)reports[i].aligned_address % 64, 0);
		TEST_CHECK(reports[i].initialised_address != &tls_initialised);
		for (j = 0; j < i; j++)
			TEST_CHECK(reports[i].initialised_address !=
				   reports[j].initialised_address);
	}
	TEST_CHECK_EQUAL(tls_initialised, 1000);
	TEST_CHECK_EQUAL(tls_zeroed, -1);
	TEST_CHECK_STRING(tls_text, "main");
}

struct errno_report {
	int initial;
	int after_failure;
	int *address;
};

static void *fail_a_call(void *argument)
{
	struct errno_report *report = argument;

	report->initial = errno;
	close(-1);
	report->after_failure = errno;
	report->address = &errno;
	return NULL;
}

static void test_errno_per_thread(void)
{
	struct errno_report report = {-1, -1, NULL};
	pthread_t thread;

	errno = ENOENT;
	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, fail_a_call, &report), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, NULL), 0);
	TEST_CHECK_EQUAL(report.initial, 0);
	TEST_CHECK_EQUAL(report.after_failure, EBADF);
	TEST_CHECK(report.address != &errno);
	TEST_CHECK_EQUAL(errno, ENOENT);
}

static _Noreturn void exit_from_nested_call(long value)
{
	pthread_exit((void *)(value * 3));
}

static void *triple_or_exit(void *argument)
{
	long value = (long)argument;

	if (value % 2)
		exit_from_nested_call(value);
	return (void *)(value * 3);
}

static void *return_self(void *argument)
{
	(void)argument;
	return pthread_self();
}

static void test_join_results(void)
{
	pthread_t threads[8], self_reporter;
	void *result;
	long i;

	for (i = 0; i < 8; i++)
		TEST_CHECK_EQUAL(pthread_create(&threads[i], NULL, triple_or_exit, (void *)i), 0);
	for (i = 0; i < 8; i++) {
		result = NULL;
		TEST_CHECK_EQUAL(pthread_join(threads[i], &result), 0);
		TEST_CHECK_EQUAL((long)result, i * 3);
	}
	TEST_CHECK_EQUAL(pthread_create(&self_reporter, NULL, return_self, NULL), 0);
	TEST_CHECK_EQUAL(pthread_join(self_reporter, &result), 0);
	TEST_CHECK(pthread_equal(result, self_reporter));
	TEST_CHECK(!pthread_equal(self_reporter, pthread_self()));
	TEST_CHECK_EQUAL(pthread_join(pthread_self(), NULL), EDEADLK);
}

/* Touches most of a 64 KiB stack; stores the address of its buffer in *argument. */
static void *use_stack(void *argument)
{
	volatile char buffer[48 * 1024];
	size_t i;

	for (i = 0; i < sizeof(buffer); i += 512)
		buffer[i] = (char)i;
	*(uintptr_t *)argument = (uintptr_t)buffer;
	return NULL;
}

static int is_mapped(uintptr_t address)
{
	void *page = (void *)(address & ~(uintptr_t)4095);

	return msync(page, 4096, MS_ASYNC) == 0;
}

static void test_attributes_and_stack_release(void)
{
	pthread_attr_t attributes;
	size_t size = 0;
	int state = -1;
	uintptr_t stack = 0;
	pthread_t thread;

	TEST_CHECK_EQUAL(pthread_attr_init(&attributes), 0);
	TEST_CHECK_EQUAL(pthread_attr_getstacksize(&attributes, &size), 0);
	TEST_CHECK(size >= PTHREAD_STACK_MIN);
	TEST_CHECK_EQUAL(pthread_attr_getdetachstate(&attributes, &state), 0);
	TEST_CHECK_EQUAL(state, PTHREAD_CREATE_JOINABLE);
	TEST_CHECK_EQUAL(pthread_attr_setstacksize(&attributes, PTHREAD_STACK_MIN - 1), EINVAL);
	TEST_CHECK_EQUAL(pthread_attr_setdetachstate(&attributes, 7), EINVAL);
	TEST_CHECK_EQUAL(pthread_attr_setstacksize(&attributes, 64 * 1024), 0);
	TEST_CHECK_EQUAL(pthread_create(&thread, &attributes, use_stack, (void *)&stack), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, NULL), 0);
	/* join unmapped the stack (and the TCB above it). */
	TEST_CHECK(!is_mapped(stack));
	TEST_CHECK(!is_mapped((uintptr_t)thread));
	TEST_CHECK_EQUAL(pthread_attr_destroy(&attributes), 0);
}

/* A gate one thread opens and others wait at. */
struct gate {
	pthread_mutex_t mutex;
	pthread_cond_t changed;
	int is_open;
};

#define GATE_INITIALIZER                                                                           \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0                             \
	}

static void gate_open(struct gate *gate)
{
	pthread_mutex_lock(&gate->mutex);
	gate->is_open = 1;
	pthread_cond_broadcast(&gate->changed);
	pthread_mutex_unlock(&gate->mutex);
}

static void gate_wait(struct gate *gate)
{
	pthread_mutex_lock(&gate->mutex);
	while (!gate->is_open)
		pthread_cond_wait(&gate->changed, &gate->mutex);
	pthread_mutex_unlock(&gate->mutex);
}

/* A thread's identity as it reports it before leaving. */
struct departure {
	struct gate go;	      /* opened by the test: the thread may finish */
	struct gate reported; /* opened by the thread: tid and stack are filled in */
	pid_t tid;
	uintptr_t stack; /* an address on the thread's stack */
};

static void *report_and_leave(void *argument)
{
	struct departure *departure = argument;
	int local = 0;

	gate_wait(&departure->go);
	departure->tid = gettid();
	departure->stack = (uintptr_t)&local;
	gate_open(&departure->reported);
	return NULL;
}

/* Yields until the thread tid no longer exists. */
static void wait_until_gone(pid_t tid)
{
	while (syscall(SYS_tgkill, getpid(), tid, 0) == 0)
		sched_yield();
	TEST_CHECK_EQUAL(errno, ESRCH);
}

static void test_detached_threads(void)
{
	struct departure first = {GATE_INITIALIZER, GATE_INITIALIZER, 0, 0};
	struct departure second = {GATE_INITIALIZER, GATE_INITIALIZER, 0, 0};
	pthread_attr_t attributes;
	pthread_t thread;

	/* Created detached: join and detach refuse it; it frees its own stack. */
	pthread_attr_init(&attributes);
	TEST_CHECK_EQUAL(pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED), 0);
	TEST_CHECK_EQUAL(pthread_create(&thread, &attributes, report_and_leave, &first), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, NULL), EINVAL);
	TEST_CHECK_EQUAL(pthread_detach(thread), EINVAL);
	gate_open(&first.go);
	gate_wait(&first.reported);
	wait_until_gone(first.tid);
	TEST_CHECK(!is_mapped(first.stack));
	/* Detached while running. */
	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, report_and_leave, &second), 0);
	TEST_CHECK_EQUAL(pthread_detach(thread), 0);
	gate_open(&second.go);
	gate_wait(&second.reported);
	wait_until_gone(second.tid);
	TEST_CHECK(!is_mapped(second.stack));
}

static void test_detach_after_exit(void)
{
	struct departure departure = {GATE_INITIALIZER, GATE_INITIALIZER, 0, 0};
	pthread_t thread;

	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, report_and_leave, &departure), 0);
	gate_open(&departure.go);
	gate_wait(&departure.reported);
	wait_until_gone(departure.tid);
	/* It exited joinable, so it left its stack behind; detach reaps it at once. */
	TEST_CHECK(is_mapped(departure.stack));
	TEST_CHECK_EQUAL(pthread_detach(thread), 0);
	TEST_CHECK(!is_mapped(departure.stack));
}

static int wait_status(pid_t child)
{
	int status = -1;

	TEST_CHECK_EQUAL(waitpid(child, &status, 0), child);
	return status;
}

static pthread_t main_thread;
static int exit_pipe = -1;

static void report_exit(void)
{
	write(exit_pipe, "x", 1);
}

static void *join_main_then_leave(void *argument)
{
	void *result = NULL;

	(void)argument;
	if (pthread_join(main_thread, &result) != 0 || result != (void *)7)
		_exit(9);
	return NULL;
}

/* The main thread leaves first; the last thread's pthread_exit runs exit(0) and atexit. */
static void test_last_thread_exits_process(void)
{
	int fds[2], status;
	char byte = 0;
	pid_t child;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		pthread_t thread;

		close(fds[0]);
		exit_pipe = fds[1];
		atexit(report_exit);
		main_thread = pthread_self();
		if (pthread_create(&thread, NULL, join_main_then_leave, NULL) != 0)
			_exit(8);
		pthread_exit((void *)7);
	}
	close(fds[1]);
	status = wait_status(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
	TEST_CHECK_EQUAL(read(fds[0], &byte, 1), 1);
	TEST_CHECK_EQUAL(byte, 'x');
	close(fds[0]);
}

static void *exit_with_three(void *argument)
{
	(void)argument;
	exit(3);
}

static void test_exit_from_thread(void)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		pthread_t thread;

		if (pthread_create(&thread, NULL, exit_with_three, NULL) != 0)
			_exit(8);
		/* Never returns: exit_group ends this thread while it waits. */
		pthread_join(thread, NULL);
		_exit(9);
	}
	status = wait_status(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 3);
}

static int write_shared(void *argument)
{
	*(volatile int *)argument = 42;
	return 7;
}

static void test_clone_shares_memory(void)
{
	size_t stack_size = 64 * 1024;
	char *stack = malloc(stack_size);
	volatile int shared = 0;
	pid_t child, parent_tid = 0;
	int status;

	TEST_CHECK(stack != NULL);
	child = clone(write_shared, stack + stack_size, CLONE_VM | CLONE_PARENT_SETTID | SIGCHLD,
		      (void *)&shared, &parent_tid);
	TEST_CHECK(child > 0);
	status = wait_status(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 7);
	TEST_CHECK_EQUAL(shared, 42);
	TEST_CHECK_EQUAL(parent_tid, child);
	free(stack);
	errno = 0;
	TEST_CHECK_EQUAL(clone(NULL, stack + stack_size, CLONE_VM | SIGCHLD, NULL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(clone(write_shared, NULL, CLONE_VM | SIGCHLD, NULL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static const struct libc_test tests[] = {
	{"TLS in the main thread", test_tls_main_thread},
	{"TLS is per thread", test_tls_per_thread},
	{"errno is per thread", test_errno_per_thread},
	{"join returns results, pthread_exit", test_join_results},
	{"attributes, join frees the stack", test_attributes_and_stack_release},
	{"detached threads free themselves", test_detached_threads},
	{"detach after exit", test_detach_after_exit},
	{"last pthread_exit exits with status 0", test_last_thread_exits_process},
	{"exit from a thread ends the process", test_exit_from_thread},
	{"clone with CLONE_VM shares memory", test_clone_shares_memory},
};

TEST_SUITE(thread, tests);
