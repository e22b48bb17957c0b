/*
 * The user-space test harness (tests/user/): tests are functions registered with UTEST;
 * the runner (main.c) runs each one in its own forked child, so a crash or a leak in one
 * cannot spoil the others, and reports "PASS name"/"FAIL name" and "N passed, N failed".
 * A test fails when an EXPECT fails or when its child does not exit normally.
 */
#ifndef SPINDLE_UTEST_H
#define SPINDLE_UTEST_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct utest {
	const char *name;
	void (*run)(void);
};

void utest_register(const char *name, void (*run)(void));
extern int utest_failures;

#define UTEST(test_name)                                                                           \
	static void utest_##test_name(void);                                                       \
	__attribute__((constructor)) static void register_##test_name(void)                        \
	{                                                                                          \
		utest_register(#test_name, utest_##test_name);                                     \
	}                                                                                          \
	static void utest_##test_name(void)

#define EXPECT(condition)                                                                          \
	do {                                                                                       \
		if (!(condition)) {                                                                \
			printf("  %s:%d: expected %s\n", __FILE__, __LINE__, #condition);          \
			utest_failures++;                                                          \
		}                                                                                  \
	} while (0)

#define EXPECT_EQ(actual, expected)                                                                \
	do {                                                                                       \
		long long actual_value = (long long)(actual);                                      \
		long long expected_value = (long long)(expected);                                  \
		if (actual_value != expected_value) {                                              \
			printf("  %s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__,         \
			       #actual, actual_value, expected_value);                             \
			utest_failures++;                                                          \
		}                                                                                  \
	} while (0)

/* A system call that must fail with `error`: checks both the -1 and errno. */
#define EXPECT_ERRNO(call, error)                                                                  \
	do {                                                                                       \
		errno = 0;                                                                         \
		long result_value = (long)(call);                                                  \
		if (result_value != -1 || errno != (error)) {                                      \
			printf("  %s:%d: %s returned %ld errno %d (%s), expected -1 errno %d\n",   \
			       __FILE__, __LINE__, #call, result_value, errno, strerror(errno),    \
			       error);                                                             \
			utest_failures++;                                                          \
		}                                                                                  \
	} while (0)

#endif
