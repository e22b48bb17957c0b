/*
 * The generic syscall() (man 2 syscall), getrandom (man 2 getrandom, man 3 getentropy) and
 * the control calls prctl and arch_prctl (man 2 prctl, man 2 arch_prctl). syscall() and
 * prctl() always pass all their argument registers; the kernel ignores the ones a call does
 * not take.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <unistd.h>
#include "internal/syscall.h"

long syscall(long number, ...)
{
	long a1, a2, a3, a4, a5, a6;
	va_list arguments;

	va_start(arguments, number);
	a1 = va_arg(arguments, long);
	a2 = va_arg(arguments, long);
	a3 = va_arg(arguments, long);
	a4 = va_arg(arguments, long);
	a5 = va_arg(arguments, long);
	a6 = va_arg(arguments, long);
	va_end(arguments);
	return syscall_result(raw_syscall6(number, a1, a2, a3, a4, a5, a6));
}

ssize_t getrandom(void *buffer, size_t length, unsigned int flags)
{
	return syscall_result(SYSCALL3(SYS_getrandom, buffer, length, flags));
}

/* Loops over short reads, which getrandom may return when a signal arrives. */
int getentropy(void *buffer, size_t length)
{
	unsigned char *cursor = buffer;

	if (length > 256) {
		errno = EIO;
		return -1;
	}
	while (length > 0) {
		ssize_t got = getrandom(cursor, length, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		cursor += got;
		length -= (size_t)got;
	}
	return 0;
}

int prctl(int option, ...)
{
	unsigned long a2, a3, a4, a5;
	va_list arguments;

	va_start(arguments, option);
	a2 = va_arg(arguments, unsigned long);
	a3 = va_arg(arguments, unsigned long);
	a4 = va_arg(arguments, unsigned long);
	a5 = va_arg(arguments, unsigned long);
	va_end(arguments);
	return (int)syscall_result(SYSCALL5(SYS_prctl, option, a2, a3, a4, a5));
}

int arch_prctl(int code, unsigned long address)
{
	return (int)syscall_result(SYSCALL2(SYS_arch_prctl, code, address));
}
