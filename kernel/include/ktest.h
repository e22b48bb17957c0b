/*
 * In-kernel tests (runner: kernel/lib/ktest.c; tests: tests/kernel/).
 *
 *   KTEST(frames_come_back) {
 *           KTEST_EXPECT(t, pmm_free_count() > 0);
 *   }
 *
 * KTEST puts a struct ktest in the .ktests section; booting with `test` on the command line
 * runs every test (or `test=prefix` only those whose names start with prefix), one line
 * each, then "N passed, N failed", and leaves QEMU with a pass or fail status.
 * Each test must leave nothing behind: the runner compares free frames, live kmalloc
 * objects, tasks and kernel stacks before and after every test; a difference fails it.
 * Tests run in pid 1 (a kernel thread), so they may sleep and start threads.
 */
#ifndef SPINDLE_KTEST_H
#define SPINDLE_KTEST_H

#include "compiler.h"

struct ktest_context {
	const char *test_name;
	int failures;
};

struct ktest {
	const char *name;
	void (*run)(struct ktest_context *t);
	const char *file;
};

#define KTEST(test_name)                                                                           \
	static void ktest_##test_name(struct ktest_context *t);                                    \
	static const struct ktest ktest_entry_##test_name                                          \
		__attribute__((section(".ktests"), used, aligned(8))) = {                          \
			#test_name, ktest_##test_name, __FILE__};                                  \
	static void ktest_##test_name(struct ktest_context *t)

void ktest_report_failure(struct ktest_context *t, const char *file, int line, const char *format,
			  ...) printf_like(4, 5);

#define KTEST_EXPECT(t, condition)                                                                 \
	do {                                                                                       \
		if (!(condition))                                                                  \
			ktest_report_failure(t, __FILE__, __LINE__, "expected %s", #condition);    \
	} while (0)

#define KTEST_EXPECT_EQ(t, actual, expected)                                                       \
	do {                                                                                       \
		uint64_t actual_value = (uint64_t)(actual);                                        \
		uint64_t expected_value = (uint64_t)(expected);                                    \
		if (actual_value != expected_value)                                                \
			ktest_report_failure(t, __FILE__, __LINE__, "%s is %#lx, expected %#lx",   \
					     #actual, actual_value, expected_value);               \
	} while (0)

/* Run the selected tests, print the summary, exit QEMU. Does not return. */
noreturn void ktest_run_all(const char *filter);

#endif
