/*
 * The libc host-test runner. Every test runs in a child made with fork(); the child's exit
 * status is the verdict (0 passes; a failed check exits 1; a crash is a signal). stdout is
 * flushed before each fork so the child does not inherit and repeat buffered output.
 * Arguments select the tests whose "suite: name" contains any one of them (all without).
 * Prints "N passed, N failed" last and exits non-zero if anything failed.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

extern const struct libc_test_suite string_suite, ctype_suite, strtol_suite, stdlib_suite,
	malloc_suite, printf_suite, stdio_suite, files_suite, process_suite, system_suite,
	thread_suite, sync_suite, thread_safety_suite, ipc_suite, ucontext_suite, coro_suite;

static const struct libc_test_suite *const suites[] = {
	&string_suite,	      &ctype_suite,  &strtol_suite,   &stdlib_suite,
	&malloc_suite,	      &printf_suite, &stdio_suite,    &files_suite,
	&process_suite,	      &system_suite, &thread_suite,   &sync_suite,
	&thread_safety_suite, &ipc_suite,    &ucontext_suite, &coro_suite,
};

void test_fail(const char *file, int line, const char *format, ...)
{
	va_list arguments;

	fflush(stdout);
	dprintf(STDOUT_FILENO, "  %s:%d: ", file, line);
	va_start(arguments, format);
	vdprintf(STDOUT_FILENO, format, arguments);
	va_end(arguments);
	dprintf(STDOUT_FILENO, "\n");
	_exit(1);
}

void test_temporary_path(char *buffer, size_t size, const char *suffix)
{
	snprintf(buffer, size, "/tmp/libc-test-%d-%s", getpid(), suffix);
}

void test_run_threads(int count, void *(*function)(void *), void *arguments, size_t size)
{
	pthread_t threads[16];
	int i;

	TEST_CHECK(count <= 16);
	for (i = 0; i < count; i++)
		TEST_CHECK_EQUAL(pthread_create(&threads[i], NULL, function,
						(char *)arguments + (size_t)i * size),
				 0);
	for (i = 0; i < count; i++)
		TEST_CHECK_EQUAL(pthread_join(threads[i], NULL), 0);
}

/* Runs one test in a child. Returns 1 if it passed. */
static int run_test(const struct libc_test_suite *suite, const struct libc_test *test)
{
	int status = 0;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child < 0) {
		perror("fork");
		return 0;
	}
	if (child == 0) {
		test->run();
		exit(0);
	}
	if (waitpid(child, &status, 0) != child) {
		perror("waitpid");
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("PASS %s: %s\n", suite->name, test->name);
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("FAIL %s: %s (killed by signal %d)\n", suite->name, test->name,
		       WTERMSIG(status));
	else
		printf("FAIL %s: %s (exit status %d)\n", suite->name, test->name,
		       WEXITSTATUS(status));
	return 0;
}

static int is_selected(char **filters, int count, const char *suite, const char *test)
{
	char full_name[256];
	int i;

	if (count == 0)
		return 1;
	snprintf(full_name, sizeof(full_name), "%s: %s", suite, test);
	for (i = 0; i < count; i++)
		if (strstr(full_name, filters[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	size_t suite_index, test_index;

	for (suite_index = 0; suite_index < sizeof(suites) / sizeof(suites[0]); suite_index++) {
		const struct libc_test_suite *suite = suites[suite_index];

		for (test_index = 0; test_index < suite->count; test_index++) {
			const struct libc_test *test = &suite->tests[test_index];

			if (!is_selected(argv + 1, argc - 1, suite->name, test->name))
				continue;
			if (run_test(suite, test))
				passed++;
			else
				failed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
