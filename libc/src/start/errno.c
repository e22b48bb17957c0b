/*
 * errno storage (man 3 errno): one int per thread, a __thread variable in the TLS block
 * (thread/tls.c). Programs reach it through libc_errno_location(), so their binaries do not
 * depend on where it lives.
 */
#include <errno.h>
#include "internal/start.h"

static __thread int thread_errno;

int *libc_errno_location(void)
{
	return &thread_errno;
}

long libc_syscall_fail(long raw)
{
	thread_errno = (int)-raw;
	return -1;
}
