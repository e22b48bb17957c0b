/*
 * A tiny unit-test harness for host tests (tests/host/). Each HOST_TEST registers itself
 * before main() runs; main.c runs them in order, prints PASS/FAIL per test and the closing
 * "N passed, N failed" line, and exits non-zero on any failure.
 */
#ifndef SPINDLE_HOST_HARNESS_H
#define SPINDLE_HOST_HARNESS_H

#include <stdint.h>
#include <stdio.h>

struct host_test_context {
	int failures;
};

void host_test_register(const char *name, void (*run)(struct host_test_context *t));

#define HOST_TEST(name)                                                                            \
	static void host_test_##name(struct host_test_context *t);                                 \
	__attribute__((constructor)) static void register_##name(void)                             \
	{                                                                                          \
		host_test_register(#name, host_test_##name);                                       \
	}                                                                                          \
	static void host_test_##name(struct host_test_context *t)

#define CHECK(condition)                                                                           \
	do {                                                                                       \
		if (!(condition)) {                                                                \
			printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #condition);     \
			t->failures++;                                                             \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(actual, expected)                                                                 \
	do {                                                                                       \
		unsigned long long actual_value = (unsigned long long)(actual);                    \
		unsigned long long expected_value = (unsigned long long)(expected);                \
		if (actual_value != expected_value) {                                              \
			printf("  %s:%d: %s is %llu, expected %llu\n", __FILE__, __LINE__,         \
			       #actual, actual_value, expected_value);                             \
			t->failures++;                                                             \
		}                                                                                  \
	} while (0)

#endif
