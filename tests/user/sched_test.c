/*
 * Scheduling classes, from user space: CPU shares follow the nice weights, a woken
 * real-time task runs before any fair task, SCHED_FIFO is not preempted by its equals while
 * SCHED_RR is, and the errors of the scheduling calls (sched_setscheduler(2),
 * setpriority(2), nice(3)). CPU time is read with CLOCK_THREAD_CPUTIME_ID, which counts
 * timer ticks; so do the scheduler's decisions, so every result here depends on counts,
 * not on how fast the host runs QEMU.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

#define MAX_RACERS    4
#define RT_RUNTIME_MS 950 /* the kernel's RT_RUNTIME_TICKS at HZ=1000 */

static long cpu_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void *shared_page(void)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(page != MAP_FAILED);
	return page;
}

struct race {
	volatile int ready;
	volatile int stop;
	volatile long cpu_ms[MAX_RACERS];
};

/*
 * CPU-bound children at the given nice values start together (a yield barrier) and spin
 * until child 0 has had budget_ms of CPU; each reports the CPU it got meanwhile.
 */
static void cpu_race(int count, const int *nices, long budget_ms, long *result_ms)
{
	struct race *race = shared_page();
	pid_t children[MAX_RACERS];
	for (int i = 0; i < count; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			setpriority(PRIO_PROCESS, 0, nices[i]);
			__atomic_add_fetch(&race->ready, 1, __ATOMIC_SEQ_CST);
			while (race->ready < count)
				sched_yield();
			long start = cpu_ms(), used = 0;
			while (!race->stop) {
				used = cpu_ms() - start;
				if (i == 0 && used >= budget_ms)
					race->stop = 1;
			}
			race->cpu_ms[i] = used;
			_exit(0);
		}
	}
	for (int i = 0; i < count; i++) {
		waitpid(children[i], NULL, 0);
		result_ms[i] = race->cpu_ms[i];
	}
	munmap(race, 4096);
}

/* |measured / expected - 1| <= percent / 100, in integers. */
static bool within_percent(long measured_num, long measured_den, long expected_num,
			   long expected_den, long percent)
{
	long lhs = measured_num * expected_den * 100, rhs = expected_num * measured_den * 100;
	long difference = lhs > rhs ? lhs - rhs : rhs - lhs;
	return difference <= rhs / 100 * percent;
}

UTEST(sched_nice_0_and_5_share_cpu_by_weight)
{
	const int nices[2] = {0, 5};
	long ms[2];
	cpu_race(2, nices, 600, ms);
	printf("  nice 0: %ld ms, nice 5: %ld ms (weights 1024:335)\n", ms[0], ms[1]);
	EXPECT(ms[1] > 0);
	EXPECT(within_percent(ms[0], ms[1], 1024, 335, 10));
}

UTEST(sched_equal_nice_share_cpu_equally)
{
	const int nices[2] = {3, 3};
	long ms[2];
	cpu_race(2, nices, 400, ms);
	printf("  nice 3: %ld ms and %ld ms\n", ms[0], ms[1]);
	EXPECT(ms[1] > 0);
	EXPECT(within_percent(ms[0], ms[1], 1, 1, 5));
}

struct rt_wakeup {
	volatile long fair_count[2];
	volatile int stop;
	volatile int armed;
	volatile int rt_ran;
	volatile long fair_before, fair_after;
};

UTEST(sched_woken_rt_task_runs_before_fair_tasks)
{
	struct rt_wakeup *shared = shared_page();
	int pipe_fds[2];
	EXPECT_EQ(pipe(pipe_fds), 0);
	pid_t children[3];
	for (int i = 0; i < 2; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			while (!shared->stop)
				shared->fair_count[i]++;
			_exit(0);
		}
	}
	children[2] = fork();
	if (children[2] == 0) {
		struct sched_param param = {.sched_priority = 10};
		char byte;
		if (sched_setscheduler(0, SCHED_FIFO, &param) != 0)
			_exit(1);
		shared->armed = 1;
		if (read(pipe_fds[0], &byte, 1) != 1) /* sleeps: the fair tasks run meanwhile */
			_exit(2);
		shared->rt_ran = 1;
		shared->fair_before = shared->fair_count[0] + shared->fair_count[1];
		long start = cpu_ms();
		while (cpu_ms() - start < 30) /* 30 ticks of spinning: no fair task may run */
			;
		shared->fair_after = shared->fair_count[0] + shared->fair_count[1];
		_exit(0);
	}
	/* A FIFO task that is armed and not running can only be asleep in read(). */
	while (!shared->armed || shared->fair_count[0] == 0 || shared->fair_count[1] == 0)
		sched_yield();
	EXPECT_EQ(write(pipe_fds[1], "x", 1), 1);
	EXPECT_EQ(shared->rt_ran, 1); /* it ran before write() even returned to us */
	EXPECT(shared->fair_before > 0);
	EXPECT_EQ(shared->fair_after, shared->fair_before);
	shared->stop = 1;
	int status, failures = 0;
	for (int i = 0; i < 3; i++)
		failures += waitpid(children[i], &status, 0) != children[i] || status != 0;
	EXPECT_EQ(failures, 0);
	munmap(shared, 4096);
}

struct pair {
	volatile int owner;
	volatile int changes[2];
};

/*
 * Two children at the same real-time priority, each spinning for 150 ms of CPU and counting
 * how often the other ran in between. The parent, at a higher priority, only waits.
 */
static void equal_priority_pair(int policy, int changes[2])
{
	struct pair *pair = shared_page();
	pair->owner = -1;
	struct sched_param high = {.sched_priority = 20}, low = {.sched_priority = 10};
	EXPECT_EQ(sched_setscheduler(0, SCHED_FIFO, &high), 0);
	pid_t children[2];
	for (int i = 0; i < 2; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			sched_setscheduler(0, policy, &low);
			long start = cpu_ms();
			bool first = true;
			while (cpu_ms() - start < 150) {
				if (pair->owner != i) {
					if (!first)
						pair->changes[i]++;
					pair->owner = i;
				}
				first = false;
			}
			_exit(0);
		}
	}
	for (int i = 0; i < 2; i++)
		waitpid(children[i], NULL, 0);
	changes[0] = pair->changes[0];
	changes[1] = pair->changes[1];
	munmap(pair, 4096);
}

UTEST(sched_fifo_not_preempted_by_equal_priority_rr_is)
{
	int fifo[2], rr[2];
	equal_priority_pair(SCHED_FIFO, fifo);
	equal_priority_pair(SCHED_RR, rr);
	printf("  interleavings seen: FIFO %d and %d, RR %d and %d\n", fifo[0], fifo[1], rr[0],
	       rr[1]);
	EXPECT_EQ(fifo[0] + fifo[1], 0);
	EXPECT(rr[0] >= 1 && rr[1] >= 1);
}

UTEST(sched_setpriority_and_nice_errors_and_clamping)
{
	EXPECT_ERRNO(setpriority(3, 0, 0), EINVAL);
	EXPECT_ERRNO(getpriority(-1, 0), EINVAL);
	EXPECT_ERRNO(setpriority(PRIO_PROCESS, 99999, 0), ESRCH);
	EXPECT_ERRNO(getpriority(PRIO_PGRP, 99999), ESRCH);
	EXPECT_ERRNO(getpriority(PRIO_USER, 4242), ESRCH);
	errno = 0;
	EXPECT_EQ(nice(0), 0);
	EXPECT_EQ(nice(5), 5);
	EXPECT_EQ(nice(100), 19);				 /* clamped */
	EXPECT_EQ(syscall(SYS_getpriority, PRIO_PROCESS, 0), 1); /* the raw call: 20 - nice */
	EXPECT_EQ(nice(-100), -20);
	EXPECT_EQ(setpriority(PRIO_PROCESS, 0, -1), 0);
	errno = 0;
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), -1); /* a real -1, not an error */
	EXPECT_EQ(errno, 0);
	EXPECT_EQ(setpriority(PRIO_PROCESS, getpid(), 50), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
	EXPECT_EQ(setpgid(0, 0), 0); /* a group of our own, so PRIO_PGRP reaches only us */
	EXPECT_EQ(setpriority(PRIO_PGRP, 0, 4), 0);
	EXPECT_EQ(getpriority(PRIO_PGRP, getpgrp()), 4);
	pid_t child = fork();
	if (child == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 4 ? 0 : 1); /* inherited */
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, 0);
}

/* Field `number` (1-based, proc(5)) of /proc/self/stat. */
static long stat_field(int number)
{
	char text[1024];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (length <= 0)
		return -999;
	text[length] = '\0';
	char *cursor = strrchr(text, ')'); /* the name may hold spaces */
	if (!cursor)
		return -999;
	cursor += 2;
	for (int field = 3; field < number; field++) {
		cursor = strchr(cursor, ' ');
		if (!cursor)
			return -999;
		cursor++;
	}
	return strtol(cursor, NULL, 10);
}

UTEST(sched_setscheduler_errors_and_attributes)
{
	struct sched_param param = {0};
	EXPECT_ERRNO(sched_setscheduler(0, -1, &param), EINVAL);
	EXPECT_ERRNO(sched_setscheduler(0, 7, &param), EINVAL);
	EXPECT_ERRNO(sched_setscheduler(-1, SCHED_OTHER, &param), EINVAL);
	EXPECT_ERRNO(sched_setscheduler(0, SCHED_OTHER, NULL), EINVAL);
	EXPECT_ERRNO(sched_setscheduler(0, SCHED_OTHER, (struct sched_param *)8), EFAULT);
	EXPECT_ERRNO(sched_setscheduler(99999, SCHED_OTHER, &param), ESRCH);
	param.sched_priority = 1;
	EXPECT_ERRNO(sched_setscheduler(0, SCHED_OTHER, &param), EINVAL);
	param.sched_priority = 0;
	EXPECT_ERRNO(sched_setscheduler(0, SCHED_FIFO, &param), EINVAL);
	param.sched_priority = 100;
	EXPECT_ERRNO(sched_setscheduler(0, SCHED_RR, &param), EINVAL);
	EXPECT_ERRNO(sched_getscheduler(-1), EINVAL);
	EXPECT_ERRNO(sched_getparam(0, NULL), EINVAL);
	EXPECT_ERRNO(sched_get_priority_max(7), EINVAL);
	EXPECT_EQ(sched_get_priority_max(SCHED_FIFO), 99);
	EXPECT_EQ(sched_get_priority_min(SCHED_RR), 1);
	EXPECT_EQ(sched_get_priority_max(SCHED_OTHER), 0);
	EXPECT_EQ(sched_get_priority_min(SCHED_BATCH), 0);

	EXPECT_EQ(sched_getscheduler(0), SCHED_OTHER);
	EXPECT_EQ(stat_field(18), 20); /* 20 + nice */
	struct timespec interval = {0};
	EXPECT_EQ(sched_rr_get_interval(0, &interval), 0);
	EXPECT(interval.tv_sec == 0 && interval.tv_nsec > 0); /* the fair slice */

	param.sched_priority = 5;
	EXPECT_EQ(sched_setscheduler(0, SCHED_RR, &param), 0);
	EXPECT_EQ(sched_getscheduler(0), SCHED_RR);
	EXPECT_EQ(sched_rr_get_interval(0, &interval), 0);
	EXPECT(interval.tv_sec == 0 && interval.tv_nsec == 100000000);
	param.sched_priority = 7;
	EXPECT_EQ(sched_setparam(0, &param), 0);
	param.sched_priority = 0;
	EXPECT_EQ(sched_getparam(0, &param), 0);
	EXPECT_EQ(param.sched_priority, 7);
	EXPECT_EQ(stat_field(18), -8); /* -1 - rt_priority */
	EXPECT_EQ(stat_field(40), 7);  /* rt_priority */
	EXPECT_EQ(stat_field(41), SCHED_RR);
	param.sched_priority = 0;
	EXPECT_ERRNO(sched_setparam(0, &param), EINVAL);

	param.sched_priority = 3;
	EXPECT_EQ(sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &param), 0);
	EXPECT_EQ(sched_getscheduler(0), SCHED_FIFO | SCHED_RESET_ON_FORK);
	EXPECT_EQ(sched_rr_get_interval(0, &interval), 0);
	EXPECT(interval.tv_sec == 0 && interval.tv_nsec == 0);
	pid_t child = fork();
	if (child == 0)
		_exit(sched_getscheduler(0) == SCHED_OTHER ? 0 : 1);
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, 0);
	param.sched_priority = 0;
	EXPECT_EQ(sched_setscheduler(0, SCHED_BATCH, &param), 0);
	EXPECT_EQ(stat_field(41), SCHED_BATCH);
	EXPECT_EQ(stat_field(40), 0);
}

UTEST(sched_proc_sched_and_trace_files)
{
	char text[2048];
	int fd = open("/proc/self/sched", O_RDONLY);
	EXPECT(fd >= 0);
	ssize_t length = read(fd, text, sizeof(text) - 1);
	close(fd);
	EXPECT(length > 0);
	text[length > 0 ? length : 0] = '\0';
	EXPECT(strstr(text, "nr_voluntary_switches") != NULL);
	EXPECT(strstr(text, "se.load.weight                               : 1024\n") != NULL);
	EXPECT(strstr(text, "class                                        : fair") != NULL);

	fd = open("/proc/sched_trace", O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(write(fd, "sideways", 8), EINVAL);
	EXPECT_EQ(write(fd, "0", 1), 1);
	close(fd);
	fd = open("/proc/sched_trace", O_RDONLY);
	length = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[length > 0 ? length : 0] = '\0';
	EXPECT(strncmp(text, "enabled 0\n", 10) == 0);
	fd = open("/proc/self/stat", O_WRONLY);
	EXPECT_ERRNO(write(fd, "1", 1), EINVAL);
	close(fd);
}

struct throttle {
	volatile int stop;
	volatile long fair_ms;
};

/* A SCHED_FIFO loop that never sleeps still leaves the fair tasks the rest of every period
 * once real time has used RT_RUNTIME_TICKS of it: within two periods of real-time CPU the
 * fair child must have run. (Periods are fixed windows, so one period alone may hold no
 * throttling: a loop that starts late in a period may finish in the next one.) */
UTEST(sched_rt_throttling_leaves_fair_tasks_cpu)
{
	struct throttle *shared = shared_page();
	pid_t child = fork();
	if (child == 0) {
		long start = cpu_ms();
		while (!shared->stop)
			shared->fair_ms = cpu_ms() - start;
		_exit(0);
	}
	while (shared->fair_ms == 0) /* the child is running */
		sched_yield();
	long fair_before = shared->fair_ms;
	struct sched_param param = {.sched_priority = 30};
	EXPECT_EQ(sched_setscheduler(0, SCHED_FIFO, &param), 0);
	long start = cpu_ms(), used = 0;
	while (shared->fair_ms - fair_before < 20 && used < 2100)
		used = cpu_ms() - start;
	long fair_during = shared->fair_ms - fair_before;
	shared->stop = 1;
	param.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &param);
	waitpid(child, NULL, 0);
	printf("  the fair child ran %ld ms after the FIFO task had spun for %ld ms\n", fair_during,
	       used);
	EXPECT(fair_during >= 20);
	EXPECT(used <= 2 * RT_RUNTIME_MS);
	munmap(shared, 4096);
}
