/*
 * Processes and identity (man 2 fork, man 2 _exit, man 2 wait4, man 2 waitid, man 2 getpid,
 * man 2 getuid, man 2 setpgid, man 2 setsid, man 2 kill, man 3 raise, man 2 sched_yield,
 * man 2 uname, man 3 gethostname, man 3 sysconf). vfork is in arch/x86_64/vfork.S because it
 * must not use the stack across the system call. fork keeps malloc usable in the child of a
 * threaded parent (internal/fork.h).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "internal/fork.h"
#include "internal/syscall.h"
#include "internal/thread.h"

pid_t fork(void)
{
	long result;

	if (libc_malloc_fork_lock)
		libc_malloc_fork_lock();
	result = SYSCALL0(SYS_fork);
	if (result == 0)
		libc_thread_fork_child();
	if (libc_malloc_fork_unlock)
		libc_malloc_fork_unlock();
	return (pid_t)syscall_result(result);
}

/* exit_group ends every thread of the process; exit would end only the caller. */
_Noreturn void _exit(int status)
{
	for (;;)
		SYSCALL1(SYS_exit_group, status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return (pid_t)syscall_result(SYSCALL4(SYS_wait4, pid, status, options, usage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

/* Linux's waitid takes a fifth argument, a struct rusage pointer, which POSIX lacks. */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	return (int)syscall_result(SYSCALL5(SYS_waitid, idtype, id, info, options, NULL));
}

pid_t getpid(void)
{
	return (pid_t)SYSCALL0(SYS_getpid);
}

pid_t getppid(void)
{
	return (pid_t)SYSCALL0(SYS_getppid);
}

pid_t gettid(void)
{
	return (pid_t)SYSCALL0(SYS_gettid);
}

uid_t getuid(void)
{
	return (uid_t)SYSCALL0(SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)SYSCALL0(SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)SYSCALL0(SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)SYSCALL0(SYS_getegid);
}

int setuid(uid_t uid)
{
	return (int)syscall_result(SYSCALL1(SYS_setuid, uid));
}

int setgid(gid_t gid)
{
	return (int)syscall_result(SYSCALL1(SYS_setgid, gid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)syscall_result(SYSCALL1(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

int setpgid(pid_t pid, pid_t process_group)
{
	return (int)syscall_result(SYSCALL2(SYS_setpgid, pid, process_group));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)syscall_result(SYSCALL1(SYS_getsid, pid));
}

pid_t setsid(void)
{
	return (pid_t)syscall_result(SYSCALL0(SYS_setsid));
}

int kill(pid_t pid, int signal_number)
{
	return (int)syscall_result(SYSCALL2(SYS_kill, pid, signal_number));
}

int raise(int signal_number)
{
	return (int)syscall_result(SYSCALL3(SYS_tgkill, getpid(), gettid(), signal_number));
}

int sched_yield(void)
{
	return (int)syscall_result(SYSCALL0(SYS_sched_yield));
}

int uname(struct utsname *name)
{
	return (int)syscall_result(SYSCALL1(SYS_uname, name));
}

int gethostname(char *name, size_t size)
{
	struct utsname system;
	size_t length;

	if (uname(&system) < 0)
		return -1;
	length = strnlen(system.nodename, sizeof(system.nodename));
	if (length >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, system.nodename, length + 1);
	return 0;
}

/* The page size and clock tick come from the auxiliary vector, with Linux's defaults. */
long sysconf(int name)
{
	unsigned long value;

	switch (name) {
	case _SC_PAGESIZE:
		value = getauxval(AT_PAGESZ);
		return value ? (long)value : 4096;
	case _SC_CLK_TCK:
		value = getauxval(AT_CLKTCK);
		return value ? (long)value : 100;
	default:
		errno = EINVAL;
		return -1;
	}
}
