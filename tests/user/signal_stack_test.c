/*
 * The alternate signal stack (sigaltstack(2)): a handler with SA_ONSTACK runs on it, it
 * cannot change while in use, SS_AUTODISARM disarms it during the handler, and it catches
 * the SIGSEGV of a stack overflow.
 */
#include "signal_helpers.h"

#define noinline __attribute__((noinline))

static char alternate_stack[4 * SIGSTKSZ];
static volatile uintptr_t handler_local_address;
static volatile int altstack_flags_in_handler;

/* In a handler: where its frame is, and what sigaltstack says about the stack now. */
static noinline int note_stack(void)
{
	int local;
	stack_t now;
	handler_local_address = (uintptr_t)&local;
	sigaltstack(NULL, &now);
	return now.ss_flags;
}

static void on_signal_note_stack(int signal_number)
{
	(void)signal_number;
	altstack_flags_in_handler = note_stack();
	/* In use: it cannot be changed now. */
	stack_t other = {.ss_sp = alternate_stack, .ss_size = SIGSTKSZ};
	if (sigaltstack(&other, NULL) == 0 || errno != EPERM)
		altstack_flags_in_handler = -1;
}

UTEST(signal_sa_onstack_runs_handler_on_sigaltstack)
{
	stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof(alternate_stack)}, old;
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
	EXPECT_EQ(sigaltstack(&stack, NULL), 0);
	struct sigaction action = {.sa_handler = on_signal_note_stack, .sa_flags = SA_ONSTACK};
	EXPECT_EQ(sigaction(SIGUSR1, &action, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	uintptr_t base = (uintptr_t)alternate_stack;
	EXPECT(handler_local_address > base &&
	       handler_local_address < base + sizeof(alternate_stack));
	EXPECT_EQ(altstack_flags_in_handler, SS_ONSTACK);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, 0);
	EXPECT(old.ss_sp == alternate_stack && old.ss_size == sizeof(alternate_stack));

	stack_t small = {.ss_sp = alternate_stack, .ss_size = MINSIGSTKSZ - 1};
	EXPECT_ERRNO(sigaltstack(&small, NULL), ENOMEM);
	stack_t bad_flags = {.ss_sp = alternate_stack, .ss_size = SIGSTKSZ, .ss_flags = 4};
	EXPECT_ERRNO(sigaltstack(&bad_flags, NULL), EINVAL);
	stack_t disable = {.ss_flags = SS_DISABLE};
	EXPECT_EQ(sigaltstack(&disable, NULL), 0);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
}

/* SS_AUTODISARM: while the handler runs, the alternate stack is disarmed (so a handler
 * may leave with swapcontext and take another signal on it); rt_sigreturn re-arms it from
 * the frame's uc_stack. */
static volatile int disarmed_flags_in_handler;

static void on_signal_note_disarmed(int signal_number)
{
	(void)signal_number;
	disarmed_flags_in_handler = note_stack();
}

UTEST(signal_ss_autodisarm_disarms_during_handler)
{
	stack_t stack = {.ss_sp = alternate_stack,
			 .ss_size = sizeof(alternate_stack),
			 .ss_flags = SS_AUTODISARM},
		now;
	EXPECT_EQ(sigaltstack(&stack, NULL), 0);
	EXPECT_EQ(sigaltstack(NULL, &now), 0);
	EXPECT_EQ((unsigned)now.ss_flags, SS_AUTODISARM);
	struct sigaction action = {.sa_handler = on_signal_note_disarmed, .sa_flags = SA_ONSTACK};
	EXPECT_EQ(sigaction(SIGUSR1, &action, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	uintptr_t base = (uintptr_t)alternate_stack;
	EXPECT(handler_local_address > base &&
	       handler_local_address < base + sizeof(alternate_stack));
	EXPECT_EQ(disarmed_flags_in_handler, SS_DISABLE);
	EXPECT_EQ(sigaltstack(NULL, &now), 0); /* re-armed by rt_sigreturn */
	EXPECT_EQ((unsigned)now.ss_flags, SS_AUTODISARM);
	EXPECT(now.ss_sp == alternate_stack && now.ss_size == sizeof(alternate_stack));
}

static void on_overflow(int signal_number)
{
	(void)signal_number;
	_exit(42);
}

/* Recurses until the stack runs out (depth is never reached). */
static int recurse(volatile char *previous, long depth)
{
	volatile char frame[256];
	frame[0] = previous ? previous[0] + 1 : 0;
	if (depth == 0)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

UTEST(signal_stack_overflow_caught_on_sigaltstack)
{
	pid_t child = fork();
	if (child == 0) {
		stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof(alternate_stack)};
		sigaltstack(&stack, NULL);
		struct sigaction action = {.sa_handler = on_overflow, .sa_flags = SA_ONSTACK};
		sigaction(SIGSEGV, &action, NULL);
		recurse(NULL, 1L << 40);
		_exit(1);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}
