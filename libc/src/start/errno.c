/*
 * errno storage (man 3 errno). One variable for the whole process until libc has threads;
 * programs reach it through libc_errno_location(), so making it per-thread will not change
 * their binaries' calls.
 */
#include <errno.h>
#include "internal/start.h"

static int process_errno;

int *libc_errno_location(void)
{
	return &process_errno;
}

long libc_syscall_fail(long raw)
{
	process_errno = (int)-raw;
	return -1;
}
