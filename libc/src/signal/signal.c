/*
 * Signal handling wrappers (man 2 sigaction, man 2 sigprocmask, man 2 sigpending,
 * man 2 sigsuspend, man 2 pause, man 2 sigaltstack, man 2 sigtimedwait, man 3 sigwait,
 * man 3 sigqueue, man 3 sigsetops, man 2 signal) and the timers that send SIGALRM (man 2 alarm,
 * man 2 setitimer). The kernel's
 * struct kernel_sigaction differs from ours only in field order and the restorer: sigaction()
 * always installs libc_signal_restorer with SA_RESTORER, as x86_64 Linux requires. signal()
 * has BSD semantics (SA_RESTART, handler stays installed), like glibc and musl.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "internal/syscall.h"

void libc_signal_restorer(void);

#define KERNEL_SIGSET_SIZE 8

static bool is_valid(int signal_number)
{
	return signal_number >= 1 && signal_number <= SIGNAL_COUNT;
}

int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old)
{
	struct kernel_sigaction new_action, old_action;
	if (action) {
		new_action.handler = action->sa_handler;
		new_action.flags = (unsigned long)(unsigned)action->sa_flags | SA_RESTORER;
		new_action.restorer = libc_signal_restorer;
		new_action.mask = action->sa_mask;
	}
	long result = syscall_result(SYSCALL4(SYS_rt_sigaction, signal_number,
					      action ? &new_action : NULL, old ? &old_action : NULL,
					      KERNEL_SIGSET_SIZE));
	if (result == 0 && old) {
		old->sa_handler = old_action.handler;
		old->sa_flags = (int)(old_action.flags & ~(unsigned long)SA_RESTORER);
		old->sa_mask = old_action.mask;
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
