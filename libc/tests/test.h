/*
 * A small test harness for libc's host tests. Each test is a function; main.c runs every
 * test in its own forked process, so a crash or a leak cannot spill into the next test, and
 * prints "PASS suite: name" or "FAIL suite: name", then "N passed, N failed".
 * A failed check prints where and why, indented two spaces, and ends the test's process.
 */
#ifndef SPINDLE_LIBC_TEST_H
#define SPINDLE_LIBC_TEST_H

#include <stddef.h>

struct libc_test {
	const char *name;
	void (*run)(void);
};

struct libc_test_suite {
	const char *name;
	const struct libc_test *tests;
	size_t count;
};

#define TEST_SUITE(suite_name, table)                                                              \
	const struct libc_test_suite suite_name##_suite = {#suite_name, table,                     \
							   sizeof(table) / sizeof(table[0])}

/* Reports a failed check and exits the test process with status 1. */
_Noreturn void test_fail(const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#define TEST_CHECK(condition)                                                                      \
	do {                                                                                       \
		if (!(condition))                                                                  \
			test_fail(__FILE__, __LINE__, "check failed: %s", #condition);             \
	} while (0)

#define TEST_CHECK_EQUAL(actual, expected)                                                         \
	do {                                                                                       \
		long long actual_value = (long long)(actual);                                      \
		long long expected_value = (long long)(expected);                                  \
		if (actual_value != expected_value)                                                \
			test_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", #actual,        \
				  actual_value, expected_value);                                   \
	} while (0)

#define TEST_CHECK_STRING(actual, expected)                                                        \
	do {                                                                                       \
		const char *actual_string = (actual);                                              \
		const char *expected_string = (expected);                                          \
		if (!actual_string || strcmp(actual_string, expected_string) != 0)                 \
			test_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", #actual,    \
				  actual_string ? actual_string : "(null)", expected_string);      \
	} while (0)

/* A path under /tmp unique to this process: "/tmp/libc-test-PID-suffix". */
void test_temporary_path(char *buffer, size_t size, const char *suffix);

/*
 * Starts count (at most 16) threads, thread i running function(arguments + i * size), and
 * joins them all; a failed create or join fails the test.
 */
void test_run_threads(int count, void *(*function)(void *), void *arguments, size_t size);

#endif
