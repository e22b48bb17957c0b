/*
 * Process termination (man 3 exit, man 3 atexit, man 3 abort, man 3 assert; C11 §7.22.4).
 * exit runs the atexit handlers, last registered first, then the .fini_array destructors,
 * flushes stdio and calls _exit. A handler may register more handlers; they run next.
 * abort raises SIGABRT; if that returns (the signal was caught or blocked through raw system
 * calls), it restores the default action, unblocks the signal and raises it again, and as a
 * last resort exits with status 127.
 */
#include <assert.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal/start.h"
#include "internal/stdio_exit.h"
#include "internal/syscall.h"

static void (*exit_handlers[ATEXIT_MAX])(void);
static int exit_handler_count;

int atexit(void (*function)(void))
{
	if (exit_handler_count == ATEXIT_MAX)
		return -1;
	exit_handlers[exit_handler_count++] = function;
	return 0;
}

_Noreturn void exit(int status)
{
	while (exit_handler_count > 0)
		exit_handlers[--exit_handler_count]();
	libc_run_destructors();
	if (libc_stdio_flush_all)
		libc_stdio_flush_all();
	_exit(status);
}

/* The kernel's struct sigaction for rt_sigaction(2) on x86_64; a sigset is 8 bytes. */
struct kernel_signal_action {
	unsigned long handler; /* 0 is SIG_DFL */
	unsigned long flags;
	unsigned long restorer;
	unsigned long mask;
};

#define KERNEL_SIGSET_SIZE 8

_Noreturn void abort(void)
{
	struct kernel_signal_action default_action = {0, 0, 0, 0};
	unsigned long abort_mask = 1UL << (SIGABRT - 1);

	raise(SIGABRT);
	SYSCALL4(SYS_rt_sigaction, SIGABRT, &default_action, NULL, KERNEL_SIGSET_SIZE);
	SYSCALL4(SYS_rt_sigprocmask, SIG_UNBLOCK, &abort_mask, NULL, KERNEL_SIGSET_SIZE);
	raise(SIGABRT);
	_exit(127);
}

_Noreturn void libc_assert_fail(const char *expression, const char *file, int line,
				const char *function)
{
	dprintf(STDERR_FILENO, "%s:%d: %s: Assertion `%s' failed.\n", file, line, function,
		expression);
	abort();
}
