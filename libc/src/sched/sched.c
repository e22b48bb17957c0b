/*
 * Scheduling policies and nice values (man 2 sched_setscheduler, man 2 sched_getparam,
 * man 2 sched_get_priority_max, man 2 sched_rr_get_interval, man 2 setpriority,
 * man 3 nice). Thin wrappers; getpriority undoes the kernel's 20 - nice encoding.
 */
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#include "internal/syscall.h"

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	return (int)syscall_result(SYSCALL3(SYS_sched_setscheduler, pid, policy, param));
}

int sched_getscheduler(pid_t pid)
{
	return (int)syscall_result(SYSCALL1(SYS_sched_getscheduler, pid));
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	return (int)syscall_result(SYSCALL2(SYS_sched_setparam, pid, param));
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	return (int)syscall_result(SYSCALL2(SYS_sched_getparam, pid, param));
}

int sched_get_priority_max(int policy)
{
	return (int)syscall_result(SYSCALL1(SYS_sched_get_priority_max, policy));
}

int sched_get_priority_min(int policy)
{
	return (int)syscall_result(SYSCALL1(SYS_sched_get_priority_min, policy));
}

int sched_rr_get_interval(pid_t pid, struct timespec *interval)
{
	return (int)syscall_result(SYSCALL2(SYS_sched_rr_get_interval, pid, interval));
}

int getpriority(int which, id_t who)
{
	long raw = syscall_result(SYSCALL2(SYS_getpriority, which, who));
	return raw == -1 ? -1 : 20 - (int)raw;
}

int setpriority(int which, id_t who, int nice)
{
	return (int)syscall_result(SYSCALL3(SYS_setpriority, which, who, nice));
}

/* As glibc and musl: the new value is read back, so the clamping is the kernel's. */
int nice(int increment)
{
	errno = 0;
	int now = getpriority(PRIO_PROCESS, 0);
	if (now == -1 && errno)
		return -1;
	if (increment > 40)
		increment = 40;
	if (increment < -40)
		increment = -40;
	if (setpriority(PRIO_PROCESS, 0, now + increment) != 0) {
		if (errno == EACCES)
			errno = EPERM; /* man 3 nice: EPERM when raising priority is not allowed */
		return -1;
	}
	return getpriority(PRIO_PROCESS, 0);
}
