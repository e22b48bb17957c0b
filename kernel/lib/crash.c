/*
 * Deliberate crashes (include/crash.h). Each lives in its own function, so the exception
 * report can be checked to name exactly that function (tests/boot/run.sh does).
 * noinline keeps each crash in its own frame of the backtrace.
 */
#include "crash.h"
#include "kmalloc.h"
#include "panic.h"
#include "printk.h"
#include "spinlock.h"
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

/* Eight bytes past the end of a local buffer: where -fstack-protector-strong keeps the
 * canary. The pointer is volatile so the compiler cannot see (or warn about) the overrun. */
noinline void crash_stack_smash(void)
{
	char buffer[16];
	char *volatile cursor = buffer;
	for (size_t i = 0; i < sizeof(buffer) + 8; i++)
		cursor[i] = 'A';
	barrier();
}

noinline void crash_spinlock_twice(void)
{
	static struct spinlock lock = SPINLOCK_INIT("crash-demo");
	uint64_t flags = spin_lock_irqsave(&lock);
	spin_lock_irqsave(&lock); /* the debug check panics instead of deadlocking */
	spin_unlock_irqrestore(&lock, flags);
}

noinline void crash_unlock_unheld(void)
{
	static struct spinlock lock = SPINLOCK_INIT("crash-demo-unheld");
	spin_unlock_irqrestore(&lock, 0);
	barrier(); /* no tail call: keep this function in the backtrace */
}

/* Undefined behaviour the CPU does not mind: only a SANITIZE=1 kernel reports it. */
noinline void crash_signed_overflow(void)
{
	volatile int large = INT32_MAX;
	volatile int sum = large + 1;
	(void)sum;
}

/* One byte written past a kmalloc object: a SANITIZE=1 kernel finds it at kfree. */
noinline void crash_kmalloc_overrun(void)
{
	char *volatile object = kmalloc(24);
	object[24] = 'x';
	kfree(object);
	barrier(); /* no tail call: keep this function in the backtrace */
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
	else if (strcmp(kind, "canary") == 0)
		crash_stack_smash();
	else if (strcmp(kind, "spinlock") == 0)
		crash_spinlock_twice();
	else if (strcmp(kind, "unlock") == 0)
		crash_unlock_unheld();
	else if (strcmp(kind, "ubsan") == 0)
		crash_signed_overflow();
	else if (strcmp(kind, "redzone") == 0)
		crash_kmalloc_overrun();
	else
		printk(KERN_ERR "crash: unknown kind '%s' (null ud2 divide text panic bug overflow "
				"canary spinlock unlock ubsan redzone)\n",
		       kind);
	printk(KERN_WARNING "crash: '%s' did not crash this kernel\n", kind);
}
