/*
 * How libc's POSIX wrappers make system calls (man 2 syscall, man 3 errno). A wrapper
 * passes the raw result through syscall_result(), which turns -4095..-1 into errno and -1.
 * The SYSCALLn macros cast every argument to long, so callers pass pointers and ints as
 * they are.
 */
#ifndef SPINDLE_LIBC_INTERNAL_SYSCALL_H
#define SPINDLE_LIBC_INTERNAL_SYSCALL_H

#include <errno.h>
#include "arch/x86_64/syscall_arch.h"
#include "uapi/syscall.h"

/* The largest error number the kernel returns, as Linux's MAX_ERRNO. */
#define SYSCALL_ERRNO_MAX 4095

static inline int syscall_is_error(long raw)
{
	return (unsigned long)raw > (unsigned long)-SYSCALL_ERRNO_MAX - 1;
}

/* Returns raw unchanged on success; on -errno, stores errno and returns -1. */
static inline long syscall_result(long raw)
{
	if (syscall_is_error(raw)) {
		errno = (int)-raw;
		return -1;
	}
	return raw;
}

#define SYSCALL0(number)	     raw_syscall0(number)
#define SYSCALL1(number, a1)	     raw_syscall1(number, (long)(a1))
#define SYSCALL2(number, a1, a2)     raw_syscall2(number, (long)(a1), (long)(a2))
#define SYSCALL3(number, a1, a2, a3) raw_syscall3(number, (long)(a1), (long)(a2), (long)(a3))
#define SYSCALL4(number, a1, a2, a3, a4)                                                           \
	raw_syscall4(number, (long)(a1), (long)(a2), (long)(a3), (long)(a4))
#define SYSCALL5(number, a1, a2, a3, a4, a5)                                                       \
	raw_syscall5(number, (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5))
#define SYSCALL6(number, a1, a2, a3, a4, a5, a6)                                                   \
	raw_syscall6(number, (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6))

#endif
