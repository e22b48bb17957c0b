/*
 * panic() (include/panic.h): the one way the kernel stops on a bug. Prints the message, the
 * registers at the call, a symbolised backtrace, then halts -- or exits QEMU when the command
 * line asked for it, so an automated run fails fast instead of waiting for its timeout.
 */
#include "panic.h"
#include "arch/cpu.h"
#include "arch/debug.h"
#include "format.h"
#include "printk.h"
#include "qemu.h"

static bool exit_on_panic;
static int panic_depth;

void panic_set_exit_on_panic(bool exit)
{
	exit_on_panic = exit;
}

noreturn void panic(const char *format, ...)
{
	struct trap_frame frame;
	char message[256];
	va_list args;

	irq_disable();
	arch_capture_registers(&frame);
	if (++panic_depth > 1) {
		/* A panic while panicking: say so and stop without trying anything more. */
		qemu_exit(QEMU_EXIT_PANIC);
		cpu_halt_forever();
	}
	printk_bust_locks();
	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	printk(KERN_EMERG "\n========== KERNEL PANIC ==========\n");
	printk(KERN_EMERG "%s\n", message);
	arch_dump_registers(&frame);
	arch_print_backtrace(frame.rip, frame.rbp);
	printk(KERN_EMERG "========== end of panic: system halted ==========\n");
	panic_stop();
}

noreturn void panic_stop(void)
{
	if (exit_on_panic)
		qemu_exit(QEMU_EXIT_PANIC);
	cpu_halt_forever();
}
