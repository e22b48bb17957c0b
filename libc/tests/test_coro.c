/*
 * Tests for the coroutine API (<coro.h>, built on swapcontext): a generator's values and
 * its result, the finished state and its errors, nesting (a coroutine resuming another),
 * many coroutines alive at once, yielding from deep inside calls, and the guard page that
 * turns a stack overflow into SIGSEGV.
 */
#include <coro.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

static void *count_to_five(void *argument)
{
	for (intptr_t i = 1; i <= 5; i++)
		coro_yield((void *)(i * (intptr_t)argument));
	return (void *)99;
}

static void test_generator_values_then_result(void)
{
	struct coro *generator = coro_create(count_to_five, (void *)10, 0);
	void *value = NULL;
	TEST_CHECK(generator != NULL);
	TEST_CHECK(coro_self() == NULL);
	for (intptr_t i = 1; i <= 5; i++) {
		TEST_CHECK_EQUAL(coro_resume(generator, &value), 1);
		TEST_CHECK_EQUAL((intptr_t)value, i * 10);
		TEST_CHECK(!coro_is_finished(generator));
	}
	TEST_CHECK_EQUAL(coro_resume(generator, &value), 0);
	TEST_CHECK_EQUAL((intptr_t)value, 99);
	TEST_CHECK(coro_is_finished(generator));
	TEST_CHECK_EQUAL(coro_resume(generator, &value), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(coro_destroy(generator), 0);
}

static void test_errors(void)
{
	TEST_CHECK(coro_create(NULL, NULL, 0) == NULL);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK(coro_create(count_to_five, NULL, 100) == NULL);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(coro_resume(NULL, NULL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(coro_yield(NULL), -1); /* not in a coroutine */
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(coro_destroy(NULL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void *inner(void *argument)
{
	(void)argument;
	coro_yield((void *)1);
	return (void *)2;
}

/* outer resumes inner; inner's yields come back to outer, not to main. */
static void *outer(void *argument)
{
	struct coro *self = coro_self();
	struct coro *child = coro_create(inner, NULL, 0);
	void *value;
	TEST_CHECK(child != NULL);
	TEST_CHECK(coro_self() == self);
	TEST_CHECK_EQUAL(coro_resume(self, NULL), -1); /* itself: it is running */
	TEST_CHECK_EQUAL(coro_destroy(self), -1);
	TEST_CHECK_EQUAL(coro_resume(child, &value), 1);
	TEST_CHECK_EQUAL((intptr_t)value, 1);
	TEST_CHECK(coro_self() == self);
	coro_yield((void *)10);
	TEST_CHECK_EQUAL(coro_resume(child, &value), 0);
	TEST_CHECK_EQUAL((intptr_t)value, 2);
	TEST_CHECK_EQUAL(coro_destroy(child), 0);
	return argument;
}

static void test_nested_coroutines(void)
{
	struct coro *coroutine = coro_create(outer, (void *)7, 0);
	void *value;
	TEST_CHECK(coroutine != NULL);
	TEST_CHECK_EQUAL(coro_resume(coroutine, &value), 1);
	TEST_CHECK_EQUAL((intptr_t)value, 10);
	TEST_CHECK(coro_self() == NULL);
	TEST_CHECK_EQUAL(coro_resume(coroutine, &value), 0);
	TEST_CHECK_EQUAL((intptr_t)value, 7);
	TEST_CHECK_EQUAL(coro_destroy(coroutine), 0);
}

static int recursive_yield(int depth)
{
	if (depth == 0) {
		coro_yield((void *)(intptr_t)depth);
		return 1;
	}
	return recursive_yield(depth - 1) + 1;
}

static void *deep(void *argument)
{
	return (void *)(intptr_t)recursive_yield((int)(intptr_t)argument);
}

#define MANY 500

/* Many coroutines, each suspended deep in its own calls, resumed in reverse order. */
static void test_many_suspended_at_once(void)
{
	static struct coro *coroutines[MANY];
	void *value;
	for (int i = 0; i < MANY; i++) {
		coroutines[i] = coro_create(deep, (void *)(intptr_t)(i % 50), CORO_STACK_MIN);
		TEST_CHECK(coroutines[i] != NULL);
		TEST_CHECK_EQUAL(coro_resume(coroutines[i], &value), 1);
	}
	for (int i = MANY - 1; i >= 0; i--) {
		TEST_CHECK_EQUAL(coro_resume(coroutines[i], &value), 0);
		TEST_CHECK_EQUAL((intptr_t)value, i % 50 + 1);
		TEST_CHECK_EQUAL(coro_destroy(coroutines[i]), 0);
	}
}

static int overflow(int depth)
{
	volatile char buffer[512];
	buffer[0] = (char)depth;
	if (depth > 1000000) /* far beyond the stack: the guard page is hit long before */
		return 0;
	return overflow(depth + 1) + buffer[0];
}

static void *overflows(void *argument)
{
	(void)argument;
	return (void *)(intptr_t)overflow(0);
}

static void test_overflow_hits_guard_page(void)
{
	pid_t child = fork();
	TEST_CHECK(child >= 0);
	if (child == 0) {
		struct coro *coroutine = coro_create(overflows, NULL, CORO_STACK_MIN);
		if (!coroutine)
			_exit(2);
		coro_resume(coroutine, NULL);
		_exit(3);
	}
	int status;
	TEST_CHECK_EQUAL(waitpid(child, &status, 0), child);
	TEST_CHECK(WIFSIGNALED(status));
	TEST_CHECK_EQUAL(WTERMSIG(status), SIGSEGV);
}

static const struct libc_test tests[] = {
	{"generator yields values then its result", test_generator_values_then_result},
	{"errors", test_errors},
	{"nested coroutines", test_nested_coroutines},
	{"500 suspended at once", test_many_suspended_at_once},
	{"stack overflow hits the guard page", test_overflow_hits_guard_page},
};

TEST_SUITE(coro, tests);
