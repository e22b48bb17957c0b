/*
 * musl's own signal code on Spindle: signal(), sigaction() with SA_SIGINFO (musl's
 * __restore_rt as the restorer), raise() (tkill with the mask juggling musl does around it),
 * sigprocmask()/sigpending(), a SIGSEGV handler that leaves with siglongjmp(), and execve()
 * resetting handled signals to SIG_DFL while ignored ones and the mask stay.
 * Prints the same lines on Linux.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, usr2_count;
static volatile int last_code;
static volatile int stack_aligned;
static sigjmp_buf recover;

static void on_usr1(int signal_number, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	usr1_count++;
	last_code = info->si_code;
	/* The interrupted rsp lies above the frame we run on. */
	stack_aligned = ((uintptr_t)__builtin_frame_address(0) % 16 == 0) &&
			(uintptr_t)uc->uc_mcontext.gregs[REG_RSP] > (uintptr_t)&uc;
	(void)signal_number;
}

static void on_usr2(int signal_number)
{
	usr2_count += signal_number == SIGUSR2;
}

static void on_segv(int signal_number, siginfo_t *info, void *context)
{
	(void)context;
	siglongjmp(recover, info->si_addr == (void *)0x10 && signal_number == SIGSEGV ? 1 : 2);
}

/* Run again by execve: report what survived. */
static int probe(void)
{
	struct sigaction usr1, usr2;
	sigset_t mask;
	sigaction(SIGUSR1, NULL, &usr1);
	sigaction(SIGUSR2, NULL, &usr2);
	sigprocmask(SIG_BLOCK, NULL, &mask);
	printf("after exec: SIGUSR1 default %d, SIGUSR2 ignored %d, SIGTERM blocked %d\n",
	       usr1.sa_handler == SIG_DFL, usr2.sa_handler == SIG_IGN, sigismember(&mask, SIGTERM));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "probe") == 0)
		return probe();
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_sigaction = on_usr1;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &action, NULL);
	raise(SIGUSR1);
	printf("raise: handled %d, si_code %d, frame ok %d\n", (int)usr1_count, last_code,
	       stack_aligned);

	signal(SIGUSR2, on_usr2);
	kill(getpid(), SIGUSR2);
	printf("signal+kill: handled %d\n", (int)usr2_count);

	sigset_t block, pending;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	sigpending(&pending);
	printf("blocked: handled %d, pending %d\n", (int)usr1_count,
	       sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	printf("unblocked: handled %d\n", (int)usr1_count);

	memset(&action, 0, sizeof(action));
	action.sa_sigaction = on_segv;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &action, NULL);
	int how = sigsetjmp(recover, 1);
	if (how == 0) {
		volatile int *bad;
		__asm__("" : "=r"(bad) : "0"((uintptr_t)0x10));
		*bad = 1;
	}
	printf("segv: recovered %d\n", how);

	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_SETMASK, &block, NULL);
	fflush(stdout);
	execl(argv[0], argv[0], "probe", (char *)NULL);
	return 1;
}
