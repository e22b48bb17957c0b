/*
 * File-descriptor I/O (man 2 read, man 2 write, man 2 readv, man 2 pread, man 2 lseek,
 * man 2 open, man 2 close, man 2 dup, man 2 pipe, man 2 fcntl, man 2 ioctl, man 2 fsync,
 * man 2 truncate). Thin wrappers: each makes one system call and maps -errno to errno.
 * open is openat(AT_FDCWD), dup2 is dup3 and pipe is pipe2, so a kernel needs only the newer
 * calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>
#include "internal/syscall.h"

ssize_t read(int fd, void *buffer, size_t count)
{
	return syscall_result(SYSCALL3(SYS_read, fd, buffer, count));
}

ssize_t write(int fd, const void *buffer, size_t count)
{
	return syscall_result(SYSCALL3(SYS_write, fd, buffer, count));
}

ssize_t readv(int fd, const struct iovec *vector, int count)
{
	return syscall_result(SYSCALL3(SYS_readv, fd, vector, count));
}

ssize_t writev(int fd, const struct iovec *vector, int count)
{
	return syscall_result(SYSCALL3(SYS_writev, fd, vector, count));
}

ssize_t pread(int fd, void *buffer, size_t count, off_t offset)
{
	return syscall_result(SYSCALL4(SYS_pread64, fd, buffer, count, offset));
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset)
{
	return syscall_result(SYSCALL4(SYS_pwrite64, fd, buffer, count, offset));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return syscall_result(SYSCALL3(SYS_lseek, fd, offset, whence));
}

/* The mode argument exists only when the flags create a file. */
static int has_mode_argument(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list arguments;

	if (has_mode_argument(flags)) {
		va_start(arguments, flags);
		mode = va_arg(arguments, mode_t);
		va_end(arguments);
	}
	return (int)syscall_result(SYSCALL4(SYS_openat, dirfd, path, flags, mode));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list arguments;

	if (has_mode_argument(flags)) {
		va_start(arguments, flags);
		mode = va_arg(arguments, mode_t);
		va_end(arguments);
	}
	return (int)syscall_result(SYSCALL4(SYS_openat, AT_FDCWD, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd)
{
	return (int)syscall_result(SYSCALL1(SYS_close, fd));
}

int dup(int fd)
{
	return (int)syscall_result(SYSCALL1(SYS_dup, fd));
}

/* dup3 rejects fd == new_fd, where dup2 must succeed if fd is open. */
int dup2(int fd, int new_fd)
{
	if (fd == new_fd) {
		if (syscall_result(SYSCALL2(SYS_fcntl, fd, F_GETFD)) < 0)
			return -1;
		return new_fd;
	}
	return (int)syscall_result(SYSCALL3(SYS_dup3, fd, new_fd, 0));
}

int dup3(int fd, int new_fd, int flags)
{
	return (int)syscall_result(SYSCALL3(SYS_dup3, fd, new_fd, flags));
}

int pipe(int fds[2])
{
	return (int)syscall_result(SYSCALL2(SYS_pipe2, fds, 0));
}

int pipe2(int fds[2], int flags)
{
	return (int)syscall_result(SYSCALL2(SYS_pipe2, fds, flags));
}

int fcntl(int fd, int command, ...)
{
	va_list arguments;
	long argument;

	/* Every command's argument, int or pointer, fits a long; unused ones are ignored. */
	va_start(arguments, command);
	argument = va_arg(arguments, long);
	va_end(arguments);
	return (int)syscall_result(SYSCALL3(SYS_fcntl, fd, command, argument));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list arguments;
	long argument;

	va_start(arguments, request);
	argument = va_arg(arguments, long);
	va_end(arguments);
	return (int)syscall_result(SYSCALL3(SYS_ioctl, fd, request, argument));
}

int fsync(int fd)
{
	return (int)syscall_result(SYSCALL1(SYS_fsync, fd));
}

int ftruncate(int fd, off_t length)
{
	return (int)syscall_result(SYSCALL2(SYS_ftruncate, fd, length));
}

int truncate(const char *path, off_t length)
{
	return (int)syscall_result(SYSCALL2(SYS_truncate, path, length));
}
