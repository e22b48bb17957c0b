/*
 * bench: Spindle's lmbench-style benchmark (docs/performance.md). One static Linux-ABI
 * binary, so the very same file runs as init on Spindle and on a Linux kernel in the same
 * QEMU (scripts/bench.sh), and the two sets of figures can be compared line by line.
 *
 * Time is the time-stamp counter read with rdtsc. Under QEMU's -icount shift=0 the TSC is
 * the guest's instruction count (1 instruction = 1 virtual ns), so "icount" mode reports
 * instructions, repeatable to the unit; "wall" mode converts TSC ticks to nanoseconds with a
 * calibration against CLOCK_MONOTONIC.
 *
 * Each case measures `iterations` operations and returns the ticks they took; the harness
 * (main.c) runs several rounds and prints the median of ticks per operation.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

static inline uint64_t bench_ticks(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high)::"memory");
	return (uint64_t)high << 32 | low;
}

/* What a case's per-operation figure means, and so how it is printed and compared. */
enum bench_kind {
	BENCH_LATENCY,	 /* ticks per operation: lower is better */
	BENCH_BANDWIDTH, /* one "operation" is one MiB moved: printed as MiB/s, higher is better */
};

struct bench_case {
	const char *key;   /* one word, the row's name in scripts/bench.sh's table */
	const char *title; /* what one operation is */
	enum bench_kind kind;
	long iterations; /* operations per round at full scale */
	/* Runs `iterations` operations; returns the ticks they took, or 0 on failure. */
	uint64_t (*run)(long iterations);
};

/* Prints "bench: failed: WHAT: strerror(errno)" on stderr; returns 0 for `return fail(...)`. */
uint64_t bench_fail(const char *what);

/* Each file's cases, in the order they are run. */
extern const struct bench_case bench_process_cases[];
extern const struct bench_case bench_ipc_cases[];
extern const struct bench_case bench_memory_cases[];
extern const struct bench_case bench_switch_cases[];

/* Four-KiB pages only, on both kernels: Linux would otherwise back big mappings with 2 MiB
 * transparent huge pages and skip most of the faults and page-table entries measured here. */
void bench_no_huge_pages(void *address, unsigned long length);

#endif
