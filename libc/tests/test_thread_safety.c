/*
 * Tests for libc's own thread safety (man 3 malloc, man 3 stdio, man 3 flockfile,
 * man 2 fork): malloc and stdio used from several threads at once, stream locks, and fork
 * from a threaded process, whose child must find malloc unlocked and itself the only thread.
 * Synchronisation is by join and waitpid only.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

#define THREAD_COUNT 4

static void *allocate_and_check(void *argument)
{
	unsigned int seed = (unsigned int)(long)argument;
	unsigned char *blocks[16] = {0};
	size_t sizes[16] = {0};
	int round;
	size_t i;

	for (round = 0; round < 3000; round++) {
		int slot = rand_r(&seed) % 16;

		if (blocks[slot]) {
			for (i = 0; i < sizes[slot]; i++) {
				if (blocks[slot][i] != (unsigned char)slot)
					return (void *)1;
			}
			free(blocks[slot]);
		}
		sizes[slot] = (size_t)(rand_r(&seed) % 4 == 0 ? 140000 : rand_r(&seed) % 600 + 1);
		blocks[slot] = malloc(sizes[slot]);
		if (!blocks[slot])
			return (void *)2;
		memset(blocks[slot], slot, sizes[slot]);
	}
	for (i = 0; i < 16; i++)
		free(blocks[i]);
	return NULL;
}

static void test_malloc_from_threads(void)
{
	struct malloc_statistics before, after;
	pthread_t threads[THREAD_COUNT];
	void *result;
	long i;

	free(malloc(1));
	malloc_get_statistics(&before);
	for (i = 0; i < THREAD_COUNT; i++)
		TEST_CHECK_EQUAL(pthread_create(&threads[i], NULL, allocate_and_check, (void *)i),
				 0);
	for (i = 0; i < THREAD_COUNT; i++) {
		TEST_CHECK_EQUAL(pthread_join(threads[i], &result), 0);
		TEST_CHECK(result == NULL);
	}
	TEST_CHECK_EQUAL(malloc_check_heap(), 0);
	malloc_get_statistics(&after);
	TEST_CHECK_EQUAL(after.used_blocks, before.used_blocks);
	TEST_CHECK_EQUAL(after.mapped_blocks, before.mapped_blocks);
}

#define LINES_EACH 500

struct printer {
	FILE *stream;
	int index;
};

/* Odd lines are one fprintf; even lines are two calls made atomic with flockfile. */
static void *print_lines(void *argument)
{
	struct printer *printer = argument;
	int line;

	for (line = 0; line < LINES_EACH; line++) {
		if (line % 2) {
			fprintf(printer->stream, "thread %d line %d payload\n", printer->index,
				line);
			continue;
		}
		flockfile(printer->stream);
		fprintf(printer->stream, "thread %d line %d", printer->index, line);
		fputs(" payload\n", printer->stream);
		funlockfile(printer->stream);
	}
	return NULL;
}

/* Parses "thread T line L payload\n". Returns 0, or -1 if the text is not such a line. */
static int parse_line(const char *text, long *thread, long *line)
{
	char *end;

	if (strncmp(text, "thread ", 7) != 0)
		return -1;
	*thread = strtol(text + 7, &end, 10);
	if (strncmp(end, " line ", 6) != 0)
		return -1;
	*line = strtol(end + 6, &end, 10);
	return strcmp(end, " payload\n") == 0 ? 0 : -1;
}

/* Whole calls (and flockfile sections) never mix; each thread's lines keep their order. */
static void test_stdio_from_threads(void)
{
	struct printer printers[THREAD_COUNT];
	long next_line[THREAD_COUNT] = {0}, thread, line;
	char path[64], text[128];
	int i, total = 0;
	FILE *stream;

	test_temporary_path(path, sizeof(path), "threads");
	stream = fopen(path, "w+");
	TEST_CHECK(stream != NULL);
	for (i = 0; i < THREAD_COUNT; i++)
		printers[i] = (struct printer){stream, i};
	test_run_threads(THREAD_COUNT, print_lines, printers, sizeof(printers[0]));
	rewind(stream);
	while (fgets(text, sizeof(text), stream)) {
		if (parse_line(text, &thread, &line) < 0)
			test_fail(__FILE__, __LINE__, "mixed line: %s", text);
		TEST_CHECK(thread >= 0 && thread < THREAD_COUNT);
		TEST_CHECK_EQUAL(line, next_line[thread]);
		next_line[thread]++;
		total++;
	}
	TEST_CHECK_EQUAL(total, THREAD_COUNT * LINES_EACH);
	TEST_CHECK_EQUAL(fclose(stream), 0);
	unlink(path);
}

static void *try_lock_stream(void *argument)
{
	if (ftrylockfile(argument) != 0)
		return (void *)1;
	funlockfile(argument);
	return NULL;
}

static void test_flockfile(void)
{
	pthread_t thread;
	void *result;

	flockfile(stdout);
	TEST_CHECK_EQUAL(ftrylockfile(stdout), 0);
	funlockfile(stdout);
	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, try_lock_stream, stdout), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, &result), 0);
	TEST_CHECK(result == (void *)1);
	funlockfile(stdout);
	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, try_lock_stream, stdout), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, &result), 0);
	TEST_CHECK(result == NULL);
}

static int keep_allocating = 1;

static void *allocate_until_told(void *argument)
{
	while (__atomic_load_n(&keep_allocating, __ATOMIC_RELAXED))
		free(malloc(64));
	return argument;
}

static void exit_with_five(void)
{
	_exit(5);
}

/*
 * The child of a threaded process has one thread: malloc works there (fork held its lock),
 * it can make threads, and its pthread_exit is the last thread's, so it runs exit(0) and the
 * atexit handler.
 */
static void test_fork_from_threaded_process(void)
{
	pthread_t allocator;
	int i, status;

	TEST_CHECK_EQUAL(pthread_create(&allocator, NULL, allocate_until_told, NULL), 0);
	for (i = 0; i < 20; i++) {
		pid_t child = fork();

		if (child == 0) {
			pthread_t thread;

			free(malloc(64));
			if (pthread_create(&thread, NULL, allocate_until_told, NULL) == 0) {
				__atomic_store_n(&keep_allocating, 0, __ATOMIC_RELAXED);
				pthread_join(thread, NULL);
			}
			atexit(exit_with_five);
			pthread_exit(NULL);
		}
		TEST_CHECK(child > 0);
		TEST_CHECK_EQUAL(waitpid(child, &status, 0), child);
		TEST_CHECK(WIFEXITED(status));
		TEST_CHECK_EQUAL(WEXITSTATUS(status), 5);
	}
	__atomic_store_n(&keep_allocating, 0, __ATOMIC_RELAXED);
	TEST_CHECK_EQUAL(pthread_join(allocator, NULL), 0);
}

static const struct libc_test tests[] = {
	{"malloc from threads", test_malloc_from_threads},
	{"stdio from threads", test_stdio_from_threads},
	{"flockfile is recursive and excludes others", test_flockfile},
	{"fork from a threaded process", test_fork_from_threaded_process},
};

TEST_SUITE(thread_safety, tests);
