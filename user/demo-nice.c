/*
 * demo-nice: three CPU-bound processes at nice 0, 5 and 10 share one CPU. The fair class
 * gives each a share proportional to its weight (1024, 335 and 110: each nice step is
 * about 1.25 times less), so they should get about 70%, 23% and 7.5% of the CPU. The
 * processes start together, spin until the nice-0 one has had one second of CPU, and the
 * demo prints the measured shares next to the expected ones. Read docs/scheduler.md
 * ("The fair class"); `make trace DEMO=demo-nice` draws the timeline.
 * (man 2 setpriority, man 7 sched)
 */
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TASKS	  3
#define BUDGET_MS 1000

static const int nices[TASKS] = {0, 5, 10};
static const long weights[TASKS] = {1024, 335, 110}; /* the kernel's nice-to-weight table */

struct race {
	volatile int ready;
	volatile int stop;
	volatile long cpu_ms[TASKS];
};

static long cpu_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void spin(struct race *race, int index)
{
	setpriority(PRIO_PROCESS, 0, nices[index]);
	__atomic_add_fetch(&race->ready, 1, __ATOMIC_SEQ_CST);
	while (race->ready < TASKS) /* start together */
		sched_yield();
	long start = cpu_ms(), used = 0;
	while (!race->stop) {
		used = cpu_ms() - start;
		if (index == 0 && used >= BUDGET_MS)
			race->stop = 1;
	}
	race->cpu_ms[index] = used;
}

/* value / total as a percentage with one decimal, into buffer. */
static const char *percent(long value, long total, char *buffer, size_t size)
{
	long tenths = total ? (value * 1000 + total / 2) / total : 0;
	snprintf(buffer, size, "%ld.%ld%%", tenths / 10, tenths % 10);
	return buffer;
}

int main(void)
{
	struct race *race = mmap(NULL, sizeof(*race), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (race == MAP_FAILED) {
		perror("demo-nice: mmap");
		return 1;
	}
	printf("demo-nice: %d CPU-bound processes at nice 0, 5 and 10 share one CPU until the "
	       "nice-0 one has had %d ms\n",
	       TASKS, BUDGET_MS);
	pid_t children[TASKS];
	for (int i = 0; i < TASKS; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			spin(race, i);
			_exit(0);
		}
	}
	long total_ms = 0, total_weight = 0;
	for (int i = 0; i < TASKS; i++) {
		waitpid(children[i], NULL, 0);
		total_ms += race->cpu_ms[i];
		total_weight += weights[i];
	}
	printf("  pid  nice  weight  CPU ms  share   expected\n");
	for (int i = 0; i < TASKS; i++) {
		char share[16], expected[16];
		printf("%5d  %4d  %6ld  %6ld  %-6s  %s\n", children[i], nices[i], weights[i],
		       race->cpu_ms[i], percent(race->cpu_ms[i], total_ms, share, sizeof(share)),
		       percent(weights[i], total_weight, expected, sizeof(expected)));
	}
	printf("demo-nice: nice 0 got %ld.%02ld times the CPU of nice 5 (weights say %ld.%02ld)\n",
	       race->cpu_ms[1] ? race->cpu_ms[0] / race->cpu_ms[1] : 0,
	       race->cpu_ms[1] ? race->cpu_ms[0] * 100 / race->cpu_ms[1] % 100 : 0,
	       weights[0] / weights[1], weights[0] * 100 / weights[1] % 100);
	return 0;
}
