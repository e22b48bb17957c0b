/*
 * Limits, usage and machine totals (man 2 getrlimit, getrusage, times, sysinfo): one
 * system call each, -errno mapped to errno.
 */
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include "internal/syscall.h"

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	return (int)syscall_result(SYSCALL4(SYS_prlimit64, pid, resource, new_limit, old_limit));
}

int getrlimit(int resource, struct rlimit *limit)
{
	return prlimit(0, resource, NULL, limit);
}

int setrlimit(int resource, const struct rlimit *limit)
{
	return prlimit(0, resource, limit, NULL);
}

int getrusage(int who, struct rusage *usage)
{
	return (int)syscall_result(SYSCALL2(SYS_getrusage, who, usage));
}

clock_t times(struct tms *buffer)
{
	return (clock_t)syscall_result(SYSCALL1(SYS_times, buffer));
}

int sysinfo(struct sysinfo *info)
{
	return (int)syscall_result(SYSCALL1(SYS_sysinfo, info));
}
