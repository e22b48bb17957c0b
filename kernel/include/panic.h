/*
 * panic() and BUG_ON(): stop the kernel loudly on a kernel bug (kernel/lib/panic.c).
 * They print the message, every register, a symbolised backtrace, then halt -- or, when the
 * command line says `panic=exit` (tests do), leave QEMU with the "panic" exit status.
 * Never use them for something a user program can cause: that returns an error instead.
 */
#ifndef SPINDLE_PANIC_H
#define SPINDLE_PANIC_H

#include "compiler.h"

noreturn void panic(const char *format, ...) printf_like(1, 2);

#define BUG_ON(condition)                                                                          \
	do {                                                                                       \
		if (unlikely(condition))                                                           \
			panic("BUG_ON(%s) at %s:%d", #condition, __FILE__, __LINE__);              \
	} while (0)

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

/* Stop the machine after a fatal report: exit QEMU under panic=exit, else halt forever. */
noreturn void panic_stop(void);

/* Set by the command line (panic=exit): panic leaves QEMU instead of halting. */
void panic_set_exit_on_panic(bool exit);

#endif
