/*
 * demo-coro-pipeline: producer -> filter -> consumer, three coroutines in one thread
 * (<coro.h>). The consumer pulls: it resumes the filter whenever it wants a number; the
 * filter resumes the producer until it gets a prime and yields that on; the producer yields
 * 2, 3, 4, ... up to a limit. No queue, no lock, no condition variable: only one of them
 * runs at any moment, and each hand-over is a swapcontext() (no system call), so nothing
 * can be seen half-done. Compare demo-threads and demo-shm, where the same shape of program
 * needs a mutex and two conditions (or semaphores) because the threads really run at once.
 * Read docs/coroutines.md alongside. Optional argument: the producer's limit (default 100).
 */
#include <coro.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TRACED 12 /* the first hand-overs are printed */

static long limit = 100;
static long switches, trace_lines;

static void trace(const char *text, long number)
{
	if (trace_lines < TRACED) {
		printf("  %s %ld\n", text, number);
		trace_lines++;
	}
}

/* Resumes coroutine for its next value; counts the switch there and back. */
static int next_from(struct coro *coroutine, long *number)
{
	void *value;
	int status = coro_resume(coroutine, &value);
	switches += status >= 0 ? 2 : 0;
	*number = (long)(intptr_t)value;
	return status;
}

static void *producer(void *argument)
{
	(void)argument;
	for (long n = 2; n <= limit; n++) {
		trace("producer yields", n);
		coro_yield((void *)(intptr_t)n);
	}
	return NULL;
}

static int is_prime(long n)
{
	for (long d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return n >= 2;
}

static void *filter(void *argument)
{
	struct coro *source = argument;
	long n;
	while (next_from(source, &n) == 1) {
		if (is_prime(n)) {
			trace("  filter passes", n);
			coro_yield((void *)(intptr_t)n);
		} else {
			trace("  filter drops", n);
		}
	}
	return NULL;
}

static void *consumer(void *argument)
{
	struct coro *source = argument;
	long n, count = 0, sum = 0;
	while (next_from(source, &n) == 1) {
		trace("    consumer takes", n);
		count++;
		sum += n;
	}
	printf("consumer: received %ld primes up to %ld, sum %ld\n", count, limit, sum);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		limit = atol(argv[1]);
	printf("demo-coro-pipeline: producer -> filter -> consumer, 3 coroutines, 1 thread, no "
	       "locks\n");
	printf("the first hand-overs (each line runs in a different coroutine):\n");
	struct coro *source = coro_create(producer, NULL, 0);
	struct coro *primes = coro_create(filter, source, 0);
	struct coro *sink = coro_create(consumer, primes, 0);
	if (!source || !primes || !sink) {
		perror("coro_create");
		return 1;
	}
	if (coro_resume(sink, NULL) != 0) {
		perror("coro_resume");
		return 1;
	}
	switches += 2;
	printf("pipeline done: %ld coroutine switches, all in one thread, no system call for "
	       "any of them\n",
	       switches);
	coro_destroy(sink);
	coro_destroy(primes);
	coro_destroy(source);
	return 0;
}
