/*
 * Hostile programs, part 1 (docs/robustness.md): what a process may do to itself must end
 * only that process, with the signal Linux uses (signal(7); Intel SDM Vol. 3A §6.15 for which
 * instructions fault at CPL 3): privileged instructions, writes to its own text, reads of
 * kernel memory, executing its heap, running off its stack. Limits answer with errors:
 * E2BIG for a huge argv (execve(2)), ENOMEM for memory that does not exist (mmap(2)).
 * Every case runs in a child of its own and the kernel must carry on unharmed.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hostile.h"
#include "utest.h"

static void run_hlt(void)
{
	__asm__ volatile("hlt");
}

static void run_cli(void)
{
	__asm__ volatile("cli");
}

static void run_sti(void)
{
	__asm__ volatile("sti");
}

static void run_in(void)
{
	uint8_t value;
	__asm__ volatile("inb $0x80, %0" : "=a"(value));
}

static void run_out(void)
{
	__asm__ volatile("outb %0, $0xf4" : : "a"((uint8_t)0)); /* QEMU's exit port */
}

static void run_read_cr3(void)
{
	uint64_t value;
	__asm__ volatile("mov %%cr3, %0" : "=r"(value));
}

static void run_write_cr3(void)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(0ul));
}

static void run_rdmsr(void)
{
	uint32_t low, high;
	__asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(0xc0000080u)); /* EFER */
}

static void run_lidt(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} table = {0, 0};
	__asm__ volatile("lidt %0" : : "m"(table));
}

static void run_invlpg(void)
{
	__asm__ volatile("invlpg (%0)" : : "r"(0ul) : "memory");
}

static void run_wbinvd(void)
{
	__asm__ volatile("wbinvd");
}

UTEST(hostile_privileged_instructions_are_sigsegv)
{
	static void (*const bodies[])(void) = {run_hlt,	 run_cli,      run_sti,	      run_in,
					       run_out,	 run_read_cr3, run_write_cr3, run_rdmsr,
					       run_lidt, run_invlpg,   run_wbinvd};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		int ended_by = hostile_run(bodies[i]);
		if (ended_by != SIGSEGV)
			printf("  privileged instruction %zu:\n", i);
		EXPECT_EQ(ended_by, SIGSEGV);
	}
}

static void run_write_text(void)
{
	volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)run_write_text;
	*text = 0xc3;
}

static void run_read_kernel_image(void)
{
	(void)*(volatile uint64_t *)0xffffffff80100000ul;
}

static void run_read_direct_map(void)
{
	(void)*(volatile uint64_t *)0xffff800000000000ul;
}

static void run_write_kernel(void)
{
	*(volatile uint64_t *)0xffffffff80100000ul = 0;
}

static void run_read_non_canonical(void)
{
	(void)*(volatile uint64_t *)0x0000800000000000ul; /* #GP, not #PF */
}

static void run_jump_to_kernel(void)
{
	((void (*)(void))0xffffffff80100000ul)();
}

UTEST(hostile_text_and_kernel_memory_are_out_of_reach)
{
	static void (*const bodies[])(void) = {run_write_text,	       run_read_kernel_image,
					       run_read_direct_map,    run_write_kernel,
					       run_read_non_canonical, run_jump_to_kernel};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		int ended_by = hostile_run(bodies[i]);
		if (ended_by != SIGSEGV)
			printf("  case %zu:\n", i);
		EXPECT_EQ(ended_by, SIGSEGV);
	}
}

static void run_heap_code(void)
{
	uint8_t *code = malloc(64);
	code[0] = 0xc3; /* ret */
	((void (*)(void))code)();
}

static void run_mmap_code(void)
{
	uint8_t *code =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code[0] = 0xc3;
	((void (*)(void))code)();
}

static void run_read_only_code(void)
{
	uint8_t *code =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code[0] = 0xc3;
	mprotect(code, 4096, PROT_READ);
	((void (*)(void))code)();
}

UTEST(hostile_heap_and_anonymous_memory_are_not_executable)
{
	EXPECT_EQ(hostile_run(run_heap_code), SIGSEGV);
	EXPECT_EQ(hostile_run(run_mmap_code), SIGSEGV);
	EXPECT_EQ(hostile_run(run_read_only_code), SIGSEGV);
}

static volatile int recursion_limit = 1 << 30; /* far past any stack */

static int recurse(int depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	if (depth > recursion_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

static void run_stack_overflow(void)
{
	recurse(0);
}

/* No handler and no alternate stack: the guard below the stack ends the process. */
UTEST(hostile_stack_overflow_is_sigsegv)
{
	struct kernel_counters before, after;
	hostile_counters(&before);
	EXPECT_EQ(hostile_run(run_stack_overflow), SIGSEGV);
	hostile_settle(hostile_tasks(&before));
	hostile_counters(&after);
	EXPECT(hostile_counters_equal(&before, &after));
}

UTEST(hostile_huge_argv_is_e2big)
{
	size_t length = 256 * 1024;
	char *big = malloc(length);
	memset(big, 'x', length - 1);
	big[length - 1] = '\0';
	char *arguments[40];
	for (int i = 0; i < 39; i++)
		arguments[i] = big; /* ~10 MB in all, past any ARG_MAX */
	arguments[39] = NULL;
	char *environment[] = {NULL};
	EXPECT_ERRNO(execve("/bin/true", arguments, environment), E2BIG);
	EXPECT_ERRNO(execve("/bin/true", environment, arguments), E2BIG);
	free(big);
}

UTEST(hostile_memory_that_does_not_exist_is_enomem)
{
	size_t free_bytes = hostile_free_memory();
	EXPECT(free_bytes > 0);
	/* Shared anonymous memory is made at mmap time: twice the free RAM cannot be. */
	void *shared = mmap(NULL, 2 * free_bytes, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(shared == MAP_FAILED && errno == ENOMEM);
	/* More than the whole user address space. */
	void *huge = mmap(NULL, 1ul << 48, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(huge == MAP_FAILED && errno == ENOMEM);
	EXPECT_EQ(hostile_free_memory(), free_bytes);
}
