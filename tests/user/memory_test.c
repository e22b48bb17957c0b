/*
 * Memory system calls: brk, anonymous mmap (hints, MAP_FIXED, PROT_NONE), munmap, mprotect;
 * demand paging of a large region; a write to a read-only page kills with SIGSEGV.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

static int dies_with_segv(void (*action)(void *), void *argument)
{
	pid_t child = fork();
	if (child == 0) {
		action(argument);
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == 11;
}

static void write_to(void *address)
{
	*(volatile int *)address = 1;
}

static void read_from(void *address)
{
	(void)*(volatile int *)address;
}

UTEST(memory_brk_grows_and_shrinks)
{
	char *start = sbrk(0);
	EXPECT(start != (void *)-1);
	EXPECT(sbrk(100000) == start);
	memset(start, 7, 100000);
	EXPECT_EQ(start[99999], 7);
	EXPECT(sbrk(-100000) == start + 100000);
	EXPECT(sbrk(0) == start);
	EXPECT(dies_with_segv(write_to, start + 8192));
}

UTEST(memory_mmap_munmap)
{
	size_t size = 16 * 1024 * 1024; /* demand paged: only touched pages cost memory */
	char *region = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(region != MAP_FAILED);
	EXPECT_EQ((uintptr_t)region % 4096, 0);
	EXPECT_EQ(region[0], 0);
	region[size - 1] = 9;
	EXPECT_EQ(region[size - 1], 9);
	EXPECT_EQ(munmap(region + 4096, 4096), 0); /* a hole in the middle */
	EXPECT(dies_with_segv(read_from, region + 4096));
	EXPECT_EQ(region[8192], 0);
	EXPECT_EQ(munmap(region, size), 0);
	EXPECT(dies_with_segv(read_from, region));

	void *fixed = (void *)0x200000000ul;
	EXPECT(mmap(fixed, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	       fixed);
	EXPECT_EQ(*(volatile int *)fixed, 0);
	EXPECT(dies_with_segv(write_to, fixed));
	EXPECT_EQ(munmap(fixed, 8192), 0);

	EXPECT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(mmap((void *)0x1001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		    0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_ERRNO(munmap((void *)0x1001, 4096), EINVAL);
}

UTEST(memory_mprotect)
{
	char *page =
		mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page[4096] = 5;
	EXPECT_EQ(mprotect(page + 4096, 4096, PROT_READ), 0);
	EXPECT_EQ(page[4096], 5);
	EXPECT(dies_with_segv(write_to, page + 4096));
	page[0] = 1; /* the neighbours keep their permissions */
	page[8192] = 1;
	EXPECT_EQ(mprotect(page + 4096, 4096, PROT_NONE), 0);
	EXPECT(dies_with_segv(read_from, page + 4096));
	EXPECT_EQ(mprotect(page + 4096, 4096, PROT_READ | PROT_WRITE), 0);
	page[4096] = 6;
	EXPECT_ERRNO(mprotect((void *)0x300000000ul, 4096, PROT_READ), ENOMEM);
	EXPECT_ERRNO(mprotect(page, 4096, 0x100), EINVAL);
	munmap(page, 3 * 4096);
}

UTEST(memory_stack_and_data_are_not_executable)
{
	static unsigned char data_code[] = {0xc3}; /* ret */
	unsigned char stack_code[] = {0xc3};
	EXPECT(dies_with_segv((void (*)(void *))(void *)data_code, NULL));
	EXPECT(dies_with_segv((void (*)(void *))(void *)stack_code, NULL));
}
