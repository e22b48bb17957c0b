/*
 * Process cases: the system-call round trip and process creation (man 2 getpid, man 2 fork,
 * man 2 vfork, man 2 execve, man 2 wait4).
 *
 * Each creation case is the whole life of a child: create, the child exits (or execs
 * /bin/true, which exits), the parent reaps it. The "big" variants do the same while the
 * parent has BENCH_BIG_BYTES of touched anonymous memory: fork must then share every page
 * copy-on-write with the child and the child's exit must drop them again, while vfork shares
 * the whole address space and should not notice the size.
 */
#include "bench.h"
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_BIG_BYTES (64ul << 20)

static uint64_t getpid_loop(long iterations)
{
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++)
		getpid();
	return bench_ticks() - start;
}

/* The child of every creation case: exit, or exec /bin/true. */
enum child_action { CHILD_EXIT, CHILD_EXEC };

static int reap(pid_t child)
{
	int status;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

static uint64_t fork_loop(long iterations, enum child_action action)
{
	static char *const true_argv[] = {"/bin/true", NULL};
	static char *const no_environment[] = {NULL};
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++) {
		pid_t child = fork();
		if (child < 0)
			return bench_fail("fork");
		if (child == 0) {
			if (action == CHILD_EXEC)
				execve(true_argv[0], true_argv, no_environment);
			_exit(action == CHILD_EXEC ? 127 : 0);
		}
		if (reap(child) != 0)
			return bench_fail("child of fork");
	}
	return bench_ticks() - start;
}

/* One vfork'd child, in a function of its own so no loop variable lives across vfork(). */
static __attribute__((noinline)) int vfork_once(void)
{
	pid_t child = vfork();
	if (child == 0)
		_exit(0);
	return child < 0 ? -1 : reap(child);
}

static uint64_t vfork_loop(long iterations)
{
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++)
		if (vfork_once() != 0)
			return bench_fail("vfork");
	return bench_ticks() - start;
}

static uint64_t fork_exit(long iterations)
{
	return fork_loop(iterations, CHILD_EXIT);
}

static uint64_t fork_exec(long iterations)
{
	return fork_loop(iterations, CHILD_EXEC);
}

static uint64_t vfork_exit(long iterations)
{
	return vfork_loop(iterations);
}

static char *big_map(void)
{
	char *memory = mmap(NULL, BENCH_BIG_BYTES, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (memory == MAP_FAILED)
		return NULL;
	bench_no_huge_pages(memory, BENCH_BIG_BYTES);
	for (unsigned long offset = 0; offset < BENCH_BIG_BYTES; offset += 4096)
		memory[offset] = 1;
	return memory;
}

/* Runs `loop` with the big mapping in place; the mapping is not part of the time. */
static uint64_t with_big_memory(long iterations, uint64_t (*loop)(long))
{
	char *memory = big_map();
	if (!memory)
		return bench_fail("mmap 64 MiB");
	uint64_t ticks = loop(iterations);
	munmap(memory, BENCH_BIG_BYTES);
	return ticks;
}

static uint64_t fork_exit_big(long iterations)
{
	return with_big_memory(iterations, fork_exit);
}

static uint64_t vfork_exit_big(long iterations)
{
	return with_big_memory(iterations, vfork_exit);
}

const struct bench_case bench_process_cases[] = {
	{"getpid", "getpid() round trip into the kernel", BENCH_LATENCY, 20000, getpid_loop},
	{"fork", "fork + child _exit + waitpid", BENCH_LATENCY, 200, fork_exit},
	{"vfork", "vfork + child _exit + waitpid", BENCH_LATENCY, 200, vfork_exit},
	{"fork_exec", "fork + execve /bin/true + waitpid", BENCH_LATENCY, 100, fork_exec},
	{"fork_64M", "fork + _exit + waitpid, parent has 64 MiB touched", BENCH_LATENCY, 20,
	 fork_exit_big},
	{"vfork_64M", "vfork + _exit + waitpid, parent has 64 MiB touched", BENCH_LATENCY, 200,
	 vfork_exit_big},
	{NULL, NULL, 0, 0, NULL},
};
