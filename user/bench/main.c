/*
 * bench's harness: parse the mode, run every case for several rounds, print the medians.
 *
 *   bench [wall|icount] [smoke]
 *
 * wall    ticks become nanoseconds through a TSC calibration against CLOCK_MONOTONIC (default)
 * icount  ticks are printed as they are: instructions, under QEMU -icount shift=0
 * smoke   one round of a few operations each, to show every case still runs (make test)
 *
 * Output, one line per case, for scripts/bench.sh to collect:
 *   bench: KEY VALUE UNIT    # title
 * and "bench: done" at the end. When bench is pid 1 (init=/bin/bench on Spindle, /init on
 * Linux) it first prints how far the TSC got before init's main() ran: the boot time, and
 * at the end powers the machine off (reboot(2)) or, where that is missing, exits.
 */
#include "bench.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FULL_ROUNDS  5
#define SMOKE_ROUNDS 1
#define SMOKE_SCALE  50 /* smoke runs 1/50 of the operations (at least one) */
#define MAX_ROUNDS   FULL_ROUNDS

static uint64_t boot_ticks;
static int icount_mode;
static double ticks_per_ns = 1.0;

uint64_t bench_fail(const char *what)
{
	fprintf(stderr, "bench: failed: %s: %s\n", what, strerror(errno));
	return 0;
}

/* As pid 1 on Linux, fds 0-2 are the console only if the image has /dev/console. */
static void open_console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	syscall(SYS_mount, "devtmpfs", "/dev", "devtmpfs", 0, NULL);
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int target = 0; target < 3; target++)
		if (fd != target)
			dup2(fd, target);
	if (fd > 2)
		close(fd);
}

static uint64_t monotonic_ns(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

/* Ticks per nanosecond over 100 ms of CLOCK_MONOTONIC. */
static void calibrate(void)
{
	uint64_t start_ns = monotonic_ns(), start_ticks = bench_ticks(), now;
	while ((now = monotonic_ns()) - start_ns < 100000000ull)
		;
	uint64_t ticks = bench_ticks() - start_ticks;
	ticks_per_ns = (double)ticks / (double)(now - start_ns);
	printf("bench: tsc %.1f MHz (calibrated against CLOCK_MONOTONIC)\n", ticks_per_ns * 1000.0);
}

static const char *unit(enum bench_kind kind)
{
	if (kind == BENCH_BANDWIDTH)
		return icount_mode ? "MiB/s(virtual)" : "MiB/s";
	return icount_mode ? "insn" : "ns";
}

/* Ticks per operation -> the printed figure. */
static double figure(enum bench_kind kind, double ticks_per_operation)
{
	double ns = icount_mode ? ticks_per_operation : ticks_per_operation / ticks_per_ns;
	if (kind == BENCH_BANDWIDTH)
		return ns > 0 ? 1e9 / ns : 0;
	return ns;
}

static int compare_doubles(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;
	return (a > b) - (a < b);
}

/* Runs one case; returns 0, or -1 if a round failed. */
static int run_case(const struct bench_case *test, int rounds, int scale)
{
	double results[MAX_ROUNDS];
	long iterations = test->iterations / scale;
	if (iterations < 1)
		iterations = 1;
	for (int round = 0; round < rounds; round++) {
		uint64_t ticks = test->run(iterations);
		if (ticks == 0) {
			printf("bench: %s failed\n", test->key);
			return -1;
		}
		results[round] = (double)ticks / (double)iterations;
	}
	qsort(results, (size_t)rounds, sizeof(results[0]), compare_doubles);
	double median = results[rounds / 2];
	printf("bench: %-16s %12.1f %-14s # %s\n", test->key, figure(test->kind, median),
	       unit(test->kind), test->title);
	fflush(stdout);
	return 0;
}

static void power_off(void)
{
	/* reboot(2): the two magic numbers, then LINUX_REBOOT_CMD_POWER_OFF. */
	syscall(SYS_reboot, 0xfee1deadul, 672274793ul, 0x4321fedcul, NULL);
}

int main(int argc, char **argv)
{
	boot_ticks = bench_ticks(); /* first thing: how long the machine took to reach init */
	int smoke = 0, failures = 0;
	if (getpid() == 1)
		open_console();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "icount") == 0)
			icount_mode = 1;
		else if (strcmp(argv[i], "smoke") == 0)
			smoke = 1;
		else if (strcmp(argv[i], "wall") != 0)
			fprintf(stderr, "bench: ignoring argument %s\n", argv[i]);
	}
	printf("bench: mode %s%s\n", icount_mode ? "icount" : "wall", smoke ? " smoke" : "");
	if (!icount_mode)
		calibrate();
	if (getpid() == 1)
		printf("bench: %-16s %12.1f %-14s # %s\n", "boot",
		       figure(BENCH_LATENCY, boot_ticks), unit(BENCH_LATENCY),
		       "power-on to init's main() (TSC at main)");

	const struct bench_case *groups[] = {bench_process_cases, bench_ipc_cases,
					     bench_memory_cases, bench_switch_cases};
	for (size_t group = 0; group < sizeof(groups) / sizeof(groups[0]); group++)
		for (const struct bench_case *test = groups[group]; test->key; test++)
			failures += run_case(test, smoke ? SMOKE_ROUNDS : FULL_ROUNDS,
					     smoke ? SMOKE_SCALE : 1) != 0;
	printf("bench: done, %d failed\n", failures);
	fflush(stdout);
	if (getpid() == 1)
		power_off();
	return failures ? 1 : 0;
}
