/*
 * Deliberate crashes (include/crash.h). Each lives in its own function, so the exception
 * report can be checked to name exactly that function (tests/boot/run.sh does).
 * noinline keeps each crash in its own frame of the backtrace.
 */
#include "crash.h"
#include "panic.h"
#include "printk.h"
#include "string.h"

noinline void crash_null_dereference(void)
{
	int *volatile pointer = NULL;
	*pointer = 42;
}

noinline void crash_invalid_opcode(void)
{
	__asm__ volatile("ud2");
}

noinline void crash_divide_error(void)
{
	volatile int numerator = 42, zero = 0;
	volatile int result = numerator / zero;
	(void)result;
}

noinline void crash_write_kernel_text(void)
{
	volatile uint8_t *text = (volatile uint8_t *)crash_write_kernel_text;
	*text = 0xcc;
}

noinline void crash_panic(void)
{
	panic("deliberate panic from crash=panic");
}

noinline void crash_bug_on(void)
{
	volatile int impossible = 1;
	BUG_ON(impossible == 1);
}

/* The depth limit is never reached; it only tells the compiler the recursion could end. */
noinline int crash_stack_overflow(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth == 1 << 30)
		return frame[0];
	return crash_stack_overflow(depth + 1) + frame[0];
}

void crash_trigger(const char *kind)
{
	printk(KERN_WARNING "crash: committing a deliberate '%s' bug, as the command line asked\n",
	       kind);
	if (strcmp(kind, "null") == 0)
		crash_null_dereference();
	else if (strcmp(kind, "ud2") == 0)
		crash_invalid_opcode();
	else if (strcmp(kind, "divide") == 0)
		crash_divide_error();
	else if (strcmp(kind, "text") == 0)
		crash_write_kernel_text();
	else if (strcmp(kind, "panic") == 0)
		crash_panic();
	else if (strcmp(kind, "bug") == 0)
		crash_bug_on();
	else if (strcmp(kind, "overflow") == 0)
		crash_stack_overflow(0);
	printk(KERN_ERR "crash: unknown kind '%s' (null ud2 divide text panic bug overflow)\n",
	       kind);
}
