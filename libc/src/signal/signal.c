/*
 * Signal handling wrappers (man 2 sigaction, man 2 sigprocmask, man 2 sigpending,
 * man 2 sigsuspend, man 2 pause, man 2 sigaltstack, man 2 sigtimedwait, man 3 sigwait,
 * man 3 sigqueue, man 3 sigsetops, man 2 signal) and the timers that send SIGALRM (man 2 alarm,
 * man 2 setitimer). The kernel's
 * struct kernel_sigaction differs from ours only in field order and the restorer: sigaction()
 * always installs libc_signal_restorer with SA_RESTORER, as x86_64 Linux requires. signal()
 * has BSD semantics (SA_RESTART, handler stays installed), like glibc and musl.
 *
 * Handlers run through dispatch(), which tells the user-context code (ucontext/context.c)
 * that the kernel changed the mask: a handler runs with more signals blocked, and one that
 * switches contexts (a preemptive coroutine scheduler does) must not be believed to run
 * with the old mask. The program's own action is kept in installed[] and reported back by
 * sigaction(); the kernel sees dispatch() with SA_SIGINFO.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "internal/syscall.h"
#include "internal/ucontext.h"

void libc_signal_restorer(void);

#define KERNEL_SIGSET_SIZE 8

static bool is_valid(int signal_number)
{
	return signal_number >= 1 && signal_number <= SIGNAL_COUNT;
}

/* What the program installed for each signal whose handler is dispatch(). */
static struct sigaction installed[SIGNAL_COUNT + 1];

static bool is_handler(void (*handler)(int))
{
	return handler != SIG_DFL && handler != SIG_IGN;
}

static void dispatch(int signal_number, siginfo_t *info, void *context)
{
	const struct sigaction *action = &installed[signal_number];
	libc_signal_mask_forget();
	if (action->sa_flags & SA_SIGINFO)
		action->sa_sigaction(signal_number, info, context);
	else
		action->sa_handler(signal_number);
	libc_signal_mask_forget(); /* rt_sigreturn puts the interrupted mask back */
}

/* dispatch() as the kernel's sa_handler field holds it (it is called with three arguments). */
static void (*dispatch_as_handler(void))(int)
{
	return (void (*)(int))(void (*)(void))dispatch;
}

int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old)
{
	struct kernel_sigaction new_action, old_action;
	struct sigaction previous = {0};
	if (is_valid(signal_number))
		previous = installed[signal_number];
	if (action) {
		new_action.handler = action->sa_handler;
		new_action.flags = (unsigned long)(unsigned)action->sa_flags | SA_RESTORER;
		new_action.restorer = libc_signal_restorer;
		new_action.mask = action->sa_mask;
		if (is_valid(signal_number) && is_handler(action->sa_handler)) {
			installed[signal_number] = *action;
			new_action.handler = dispatch_as_handler();
			new_action.flags |= SA_SIGINFO;
		}
	}
	long result = syscall_result(SYSCALL4(SYS_rt_sigaction, signal_number,
					      action ? &new_action : NULL, old ? &old_action : NULL,
					      KERNEL_SIGSET_SIZE));
	if (result != 0 && action && is_valid(signal_number))
		installed[signal_number] = previous;
	if (result == 0 && old) {
		old->sa_handler = old_action.handler;
		old->sa_flags = (int)(old_action.flags & ~(unsigned long)SA_RESTORER);
		old->sa_mask = old_action.mask;
		if (old_action.handler == dispatch_as_handler()) {
			old->sa_handler = previous.sa_handler;
			old->sa_flags =
				(old->sa_flags & ~SA_SIGINFO) | (previous.sa_flags & SA_SIGINFO);
		}
	}
	return (int)result;
}

sighandler_t signal(int signal_number, sighandler_t handler)
{
	struct sigaction action = {.sa_handler = handler, .sa_flags = SA_RESTART}, old = {0};
	if (sigaction(signal_number, &action, &old) != 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	if (set)
		libc_signal_mask_forget();
	return (int)syscall_result(SYSCALL4(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
	return (int)syscall_result(SYSCALL2(SYS_rt_sigpending, set, KERNEL_SIGSET_SIZE));
}

int sigsuspend(const sigset_t *mask)
{
	return (int)syscall_result(SYSCALL2(SYS_rt_sigsuspend, mask, KERNEL_SIGSET_SIZE));
}

int pause(void)
{
	return (int)syscall_result(SYSCALL0(SYS_pause));
}

int sigaltstack(const stack_t *stack, stack_t *old)
{
	return (int)syscall_result(SYSCALL2(SYS_sigaltstack, stack, old));
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return (int)syscall_result(
		SYSCALL4(SYS_rt_sigtimedwait, set, info, timeout, KERNEL_SIGSET_SIZE));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX: sigwait does not fail with EINTR; it waits again. */
int sigwait(const sigset_t *set, int *signal_number)
{
	int result;
	do
		result = sigtimedwait(set, NULL, NULL);
	while (result < 0 && errno == EINTR);
	if (result < 0)
		return errno;
	*signal_number = result;
	return 0;
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	return (int)syscall_result(SYSCALL3(SYS_setitimer, which, value, old));
}

int getitimer(int which, struct itimerval *value)
{
	return (int)syscall_result(SYSCALL2(SYS_getitimer, which, value));
}

unsigned alarm(unsigned seconds)
{
	return (unsigned)SYSCALL1(SYS_alarm, seconds);
}

int sigqueue(pid_t pid, int signal_number, union sigval value)
{
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	info.si_signo = signal_number;
	info.si_code = SI_QUEUE;
	info.si_fields.queued.pid = getpid();
	info.si_fields.queued.uid = getuid();
	info.si_value = value;
	return (int)syscall_result(SYSCALL3(SYS_rt_sigqueueinfo, pid, signal_number, &info));
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int signal_number)
{
	if (!is_valid(signal_number)) {
		errno = EINVAL;
		return -1;
	}
	*set |= (sigset_t)1 << (signal_number - 1);
	return 0;
}

int sigdelset(sigset_t *set, int signal_number)
{
	if (!is_valid(signal_number)) {
		errno = EINVAL;
		return -1;
	}
	*set &= ~((sigset_t)1 << (signal_number - 1));
	return 0;
}

int sigismember(const sigset_t *set, int signal_number)
{
	if (!is_valid(signal_number)) {
		errno = EINVAL;
		return -1;
	}
	return (*set >> (signal_number - 1)) & 1;
}
