/*
 * demo-switch-cost: what it costs to pass control from one flow of execution to another,
 * for N = 2, 16, 128 and 1024 of them arranged in a ring, each handing a token to the next:
 *
 *   coroutines  swapcontext() to the next coroutine (libc/src/arch/x86_64/context.S): a
 *               function call that saves 6 registers, rsp, rip, 2 control words; no system
 *               call, no kernel, and the same cost for any N.
 *   threads     futex ping-pong (man 2 futex): set the next thread's word, FUTEX_WAKE it,
 *               FUTEX_WAIT on your own. Two system calls and a kernel context switch.
 *   processes   pipe ping-pong (man 7 pipe): write a byte into the next process's pipe,
 *               read from your own. Two system calls, a switch, and a change of address
 *               space (CR3) that also throws away the TLB's translations.
 *
 * Time is read with rdtsc (cycles) and clock_gettime(CLOCK_MONOTONIC) (ns) around a whole
 * run, then divided by the number of hand-overs. Results are printed, never judged: under
 * QEMU's TCG every number is that of an emulated CPU. Read docs/coroutines.md alongside.
 * Options: --quick (a few hundred hand-overs, to check that everything runs), --hops N.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "uapi/futex.h"

#define COROUTINE_STACK (16 * 1024)
#define THREAD_STACK	(32 * 1024)

static const int sizes[] = {2, 16, 128, 1024};

struct measurement {
	uint64_t cycles;
	uint64_t nanoseconds;
	long hops;
	const char *failure; /* NULL if it ran */
};

static uint64_t read_tsc(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return (uint64_t)high << 32 | low;
}

static uint64_t now_ns(void)
{
	struct timespec time;
	clock_gettime(CLOCK_MONOTONIC, &time);
	return (uint64_t)time.tv_sec * 1000000000u + (uint64_t)time.tv_nsec;
}

static void start_clock(struct measurement *result)
{
	result->nanoseconds = now_ns();
	result->cycles = read_tsc();
}

static void stop_clock(struct measurement *result)
{
	result->cycles = read_tsc() - result->cycles;
	result->nanoseconds = now_ns() - result->nanoseconds;
}

/* ---- coroutines: a ring of contexts, each swapping to the next ---- */

static ucontext_t ring_main, *ring;
static int ring_size;
static long hops_left;

static void ring_member(int index)
{
	ucontext_t *next = &ring[(index + 1) % ring_size];
	for (;;) {
		if (--hops_left < 0)
			setcontext(&ring_main);
		swapcontext(&ring[index], next);
	}
}

static void measure_coroutines(int n, long hops, struct measurement *result)
{
	size_t length = (size_t)n * COROUTINE_STACK;
	char *stacks =
		mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ring = calloc((size_t)n, sizeof(*ring));
	if (stacks == MAP_FAILED || !ring) {
		result->failure = "no memory";
		goto out;
	}
	ring_size = n;
	for (int i = 0; i < n; i++) {
		getcontext(&ring[i]);
		ring[i].uc_stack.ss_sp = stacks + (size_t)i * COROUTINE_STACK;
		ring[i].uc_stack.ss_size = COROUTINE_STACK;
		ring[i].uc_link = &ring_main;
		makecontext(&ring[i], ring_member, 1, i);
	}
	/* One lap first, so every stack page is touched before the clock runs. */
	hops_left = n;
	swapcontext(&ring_main, &ring[0]);
	for (int i = 0; i < n; i++)
		makecontext(&ring[i], ring_member, 1, i);
	hops_left = hops;
	start_clock(result);
	swapcontext(&ring_main, &ring[0]);
	stop_clock(result);
	result->hops = hops;
out:
	free(ring);
	if (stacks != MAP_FAILED)
		munmap(stacks, length);
}

/* ---- threads: futex ping-pong around a ring ---- */

struct thread_ring {
	int size;
	long hops_left; /* only the token holder touches it */
	int finished;	/* set once by the thread that takes the last hop */
	int ready;	/* threads that reached their first wait */
	uint32_t *turn; /* turn[i] != 0: thread i holds the token */
	struct measurement *result;
};

struct thread_member {
	struct thread_ring *ring;
	int index;
};

static long futex(uint32_t *word, int operation, uint32_t value)
{
	return syscall(SYS_futex, word, operation | FUTEX_PRIVATE_FLAG, value, NULL, NULL, 0);
}

static void *thread_member(void *argument)
{
	struct thread_member *self = argument;
	struct thread_ring *ring = self->ring;
	uint32_t *mine = &ring->turn[self->index];
	uint32_t *next = &ring->turn[(self->index + 1) % ring->size];
	__atomic_add_fetch(&ring->ready, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		while (__atomic_load_n(mine, __ATOMIC_ACQUIRE) == 0)
			futex(mine, FUTEX_WAIT, 0);
		if (__atomic_load_n(&ring->finished, __ATOMIC_ACQUIRE))
			return NULL;
		*mine = 0;
		if (--ring->hops_left < 0) {
			stop_clock(ring->result);
			__atomic_store_n(&ring->finished, 1, __ATOMIC_RELEASE);
			for (int i = 0; i < ring->size; i++) {
				__atomic_store_n(&ring->turn[i], 1, __ATOMIC_RELEASE);
				futex(&ring->turn[i], FUTEX_WAKE, 1);
			}
			return NULL;
		}
		__atomic_store_n(next, 1, __ATOMIC_RELEASE);
		futex(next, FUTEX_WAKE, 1);
	}
}

static void measure_threads(int n, long hops, struct measurement *result)
{
	struct thread_ring ring = {.size = n, .hops_left = hops, .result = result};
	pthread_t *threads = calloc((size_t)n, sizeof(*threads));
	struct thread_member *members = calloc((size_t)n, sizeof(*members));
	ring.turn = calloc((size_t)n, sizeof(*ring.turn));
	pthread_attr_t attributes;
	int started = 0;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, THREAD_STACK);
	if (!threads || !members || !ring.turn) {
		result->failure = "no memory";
		goto out;
	}
	for (; started < n; started++) {
		members[started] = (struct thread_member){&ring, started};
		if (pthread_create(&threads[started], &attributes, thread_member,
				   &members[started]) != 0) {
			result->failure = "pthread_create failed";
			break;
		}
	}
	if (!result->failure) {
		while (__atomic_load_n(&ring.ready, __ATOMIC_ACQUIRE) < n)
			sched_yield();
		start_clock(result);
		__atomic_store_n(&ring.turn[0], 1, __ATOMIC_RELEASE);
		futex(&ring.turn[0], FUTEX_WAKE, 1);
	} else {
		__atomic_store_n(&ring.finished, 1, __ATOMIC_RELEASE);
		for (int i = 0; i < started; i++) {
			__atomic_store_n(&ring.turn[i], 1, __ATOMIC_RELEASE);
			futex(&ring.turn[i], FUTEX_WAKE, 1);
		}
	}
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	result->hops = hops;
out:
	pthread_attr_destroy(&attributes);
	free(threads);
	free(members);
	free(ring.turn);
}

/* ---- processes: pipe ping-pong around a ring ---- */

/* Passes every byte from in to out until end of file, then waits for its own child. */
static _Noreturn void relay(int in, int out, pid_t child)
{
	char token;
	while (read(in, &token, 1) == 1)
		if (write(out, &token, 1) != 1)
			break;
	close(out);
	if (child > 0)
		waitpid(child, NULL, 0);
	_exit(0);
}

/*
 * Member `index` of n builds the rest of the ring: each process makes the pipe to the next
 * one and forks it, so nobody holds more than four descriptors. closing is the write end
 * back to member 0. Returns the first child, or -1 if a fork failed (in member 0 only; a
 * child whose fork fails closes its ends, and the ring reports end of file at once).
 */
static pid_t build_ring(int index, int n, int in, int closing, int *out_for_parent)
{
	int next[2];
	if (index == n - 1) {
		*out_for_parent = closing;
		return 0;
	}
	if (pipe(next) != 0) {
		fprintf(stderr, "demo-switch-cost: pipe for ring member %d failed: %s\n", index + 1,
			strerror(errno));
		return -1;
	}
	pid_t child = fork();
	if (child < 0)
		fprintf(stderr, "demo-switch-cost: fork of ring member %d failed: %s\n", index + 1,
			strerror(errno));
	if (child == 0) {
		close(in); /* the parent's end: only the parent reads it */
		close(next[1]);
		int out;
		pid_t grandchild = build_ring(index + 1, n, next[0], closing, &out);
		if (grandchild < 0)
			_exit(1);
		if (out != closing)
			close(closing);
		relay(next[0], out, grandchild);
	}
	close(next[0]);
	if (child < 0) {
		close(next[1]);
		return -1;
	}
	*out_for_parent = next[1];
	return child;
}

static void measure_processes(int n, long hops, struct measurement *result)
{
	int first[2], out;
	char token = 't';
	if (pipe(first) != 0) {
		result->failure = "pipe failed";
		return;
	}
	fflush(stdout);
	pid_t child = build_ring(0, n, first[0], first[1], &out);
	if (child < 0) {
		result->failure = "fork failed";
		close(first[0]);
		close(first[1]);
		return;
	}
	close(first[1]);
	long laps = hops / n > 0 ? hops / n : 1;
	/* One lap first: every process has run once before the clock starts. */
	int ok = write(out, &token, 1) == 1 && read(first[0], &token, 1) == 1;
	start_clock(result);
	for (long lap = 0; ok && lap < laps; lap++)
		ok = write(out, &token, 1) == 1 && read(first[0], &token, 1) == 1;
	stop_clock(result);
	close(out);
	close(first[0]);
	waitpid(child, NULL, 0);
	result->hops = laps * n;
	if (!ok)
		result->failure = "the ring broke (a fork failed?)";
}

static void print_cell(const struct measurement *result)
{
	if (result->failure) {
		printf(" %21s", result->failure);
		return;
	}
	printf(" %10llu %10llu", (unsigned long long)(result->cycles / (uint64_t)result->hops),
	       (unsigned long long)(result->nanoseconds / (uint64_t)result->hops));
}

int main(int argc, char **argv)
{
	long coroutine_hops = 200000, thread_hops = 20000, process_hops = 20000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			coroutine_hops = thread_hops = process_hops = 200;
		} else if (strcmp(argv[i], "--hops") == 0 && i + 1 < argc &&
			   atol(argv[i + 1]) > 0) {
			coroutine_hops = thread_hops = process_hops = atol(argv[++i]);
		} else {
			fprintf(stderr, "usage: demo-switch-cost [--quick] [--hops N]\n");
			return 2;
		}
	}
	printf("demo-switch-cost: cost of one hand-over in a ring of N (cycles = rdtsc, ns = "
	       "CLOCK_MONOTONIC)\n");
	printf("%6s %21s %21s %21s\n", "", "coroutines", "threads", "processes");
	printf("%6s %21s %21s %21s\n", "", "(swapcontext)", "(futex ping-pong)",
	       "(pipe ping-pong)");
	printf("%6s %10s %10s %10s %10s %10s %10s\n", "N", "cycles", "ns", "cycles", "ns", "cycles",
	       "ns");
	struct measurement last[3] = {{0}};
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		struct measurement row[3] = {{0}};
		measure_coroutines(n, coroutine_hops, &row[0]);
		measure_threads(n, thread_hops, &row[1]);
		measure_processes(n, process_hops, &row[2]);
		printf("%6d", n);
		for (int k = 0; k < 3; k++)
			print_cell(&row[k]);
		printf("\n");
		fflush(stdout);
		memcpy(last, row, sizeof(last));
	}
	if (!last[0].failure && !last[1].failure && last[0].nanoseconds > 0)
		printf("at N = %d one thread switch costs as much as %llu coroutine switches\n",
		       sizes[3],
		       (unsigned long long)((last[1].nanoseconds * (uint64_t)last[0].hops) /
					    ((uint64_t)last[1].hops * last[0].nanoseconds)));
	printf("demo-switch-cost: done (numbers are printed, not judged; see "
	       "docs/coroutines.md)\n");
	return 0;
}
