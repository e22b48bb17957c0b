/*
 * Memory cases: the cost of one page fault (man 2 mmap, man 2 fork; docs/fork.md for
 * copy-on-write).
 *
 * anon_fault  first write to a page of a fresh private anonymous mapping: the kernel finds
 *             the mapping, allocates a frame, zeroes it and maps it.
 * cow_fault   first write, in a forked child, to a page the parent had touched: the page is
 *             mapped read-only in both, so the kernel allocates a frame, copies 4 KiB into it
 *             and maps it writable. Timed inside the child; the result comes back in a pipe.
 */
#include "bench.h"
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE		4096ul
#define MADV_NOHUGEPAGE 15 /* madvise(2); Spindle has no huge pages and accepts the hint */

void bench_no_huge_pages(void *address, unsigned long length)
{
	madvise(address, length, MADV_NOHUGEPAGE);
}

static char *map_pages(long pages)
{
	char *memory = mmap(NULL, (size_t)pages * PAGE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (memory == MAP_FAILED)
		return NULL;
	bench_no_huge_pages(memory, (size_t)pages * PAGE);
	return memory;
}

static uint64_t touch_pages(volatile char *memory, long pages)
{
	uint64_t start = bench_ticks();
	for (long page = 0; page < pages; page++)
		memory[page * PAGE] = 2;
	return bench_ticks() - start;
}

static uint64_t anon_fault(long pages)
{
	char *memory = map_pages(pages);
	if (!memory)
		return bench_fail("mmap");
	uint64_t ticks = touch_pages(memory, pages);
	munmap(memory, (size_t)pages * PAGE);
	return ticks;
}

static uint64_t cow_fault(long pages)
{
	int fds[2];
	uint64_t ticks = 0;
	char *memory = map_pages(pages);
	if (!memory)
		return bench_fail("mmap");
	touch_pages(memory, pages);
	if (pipe(fds) != 0) {
		munmap(memory, (size_t)pages * PAGE);
		return bench_fail("pipe");
	}
	pid_t child = fork();
	if (child == 0) {
		ticks = touch_pages(memory, pages);
		_exit(write(fds[1], &ticks, sizeof(ticks)) == sizeof(ticks) ? 0 : 1);
	}
	close(fds[1]);
	if (child < 0 || read(fds[0], &ticks, sizeof(ticks)) != sizeof(ticks))
		ticks = bench_fail("copy-on-write child");
	close(fds[0]);
	if (child > 0)
		waitpid(child, NULL, 0);
	munmap(memory, (size_t)pages * PAGE);
	return ticks;
}

const struct bench_case bench_memory_cases[] = {
	{"anon_fault", "first write to a fresh anonymous page (per page)", BENCH_LATENCY, 4096,
	 anon_fault},
	{"cow_fault", "first write in a fork child to a shared page (per page)", BENCH_LATENCY,
	 2048, cow_fault},
	{NULL, NULL, 0, 0, NULL},
};
