/*
 * Address-space calls (man 2 brk, man 2 mmap, man 2 mprotect, man 2 msync, man 2 madvise,
 * man 2 mremap). The brk system call returns the new break on success and the unchanged
 * one on failure, never -errno, so brk and sbrk compare to decide; sbrk caches the break.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal/syscall.h"

/* The program break as last reported by the kernel; 0 until the first call. */
static uintptr_t current_break;

int brk(void *address)
{
	uintptr_t result = (uintptr_t)SYSCALL1(SYS_brk, address);

	current_break = result;
	if (result < (uintptr_t)address) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t increment)
{
	uintptr_t old_break, new_break;

	if (!current_break)
		current_break = (uintptr_t)SYSCALL1(SYS_brk, 0);
	old_break = current_break;
	if (increment == 0)
		return (void *)old_break;
	new_break = old_break + (uintptr_t)increment;
	if ((increment > 0 && new_break < old_break) || (increment < 0 && new_break > old_break)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)new_break) < 0 || current_break != new_break) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old_break;
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
	long result = SYSCALL6(SYS_mmap, address, length, protection, flags, fd, offset);

	if (syscall_is_error(result)) {
		errno = (int)-result;
		return MAP_FAILED;
	}
	return (void *)result;
}

int munmap(void *address, size_t length)
{
	return (int)syscall_result(SYSCALL2(SYS_munmap, address, length));
}

int mprotect(void *address, size_t length, int protection)
{
	return (int)syscall_result(SYSCALL3(SYS_mprotect, address, length, protection));
}

int msync(void *address, size_t length, int flags)
{
	return (int)syscall_result(SYSCALL3(SYS_msync, address, length, flags));
}

int madvise(void *address, size_t length, int advice)
{
	return (int)syscall_result(SYSCALL3(SYS_madvise, address, length, advice));
}

/* With MREMAP_FIXED, a fifth argument gives the new address. */
void *mremap(void *old_address, size_t old_length, size_t new_length, int flags, ...)
{
	void *new_address = NULL;
	va_list arguments;
	long result;

	if (flags & MREMAP_FIXED) {
		va_start(arguments, flags);
		new_address = va_arg(arguments, void *);
		va_end(arguments);
	}
	result = SYSCALL5(SYS_mremap, old_address, old_length, new_length, flags, new_address);
	if (syscall_is_error(result)) {
		errno = (int)-result;
		return MAP_FAILED;
	}
	return (void *)result;
}
