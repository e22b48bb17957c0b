/*
 * File-system calls (man 2 stat, man 2 mkdir, man 2 unlink, man 2 rmdir, man 2 rename,
 * man 2 access, man 2 umask, man 2 chmod, man 2 link, man 2 symlink, man 2 readlink,
 * man 2 chdir, man 3 getcwd, man 3 remove). Path calls go through the *at system calls
 * with AT_FDCWD: stat is newfstatat, rmdir is unlinkat(AT_REMOVEDIR), and so on.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal/syscall.h"

int fstatat(int dirfd, const char *restrict path, struct stat *restrict buffer, int flags)
{
	return (int)syscall_result(SYSCALL4(SYS_newfstatat, dirfd, path, buffer, flags));
}

int stat(const char *restrict path, struct stat *restrict buffer)
{
	return fstatat(AT_FDCWD, path, buffer, 0);
}

int lstat(const char *restrict path, struct stat *restrict buffer)
{
	return fstatat(AT_FDCWD, path, buffer, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *buffer)
{
	return (int)syscall_result(SYSCALL2(SYS_fstat, fd, buffer));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)syscall_result(SYSCALL3(SYS_mkdirat, dirfd, path, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)syscall_result(SYSCALL3(SYS_unlinkat, dirfd, path, flags));
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

/* remove(3): unlink, or rmdir when the path is a directory. */
int remove(const char *path)
{
	if (unlinkat(AT_FDCWD, path, 0) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int rename(const char *old_path, const char *new_path)
{
	return (int)syscall_result(SYSCALL4(SYS_renameat, AT_FDCWD, old_path, AT_FDCWD, new_path));
}

/* The faccessat system call has no flags argument; faccessat2 does. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags == 0)
		return (int)syscall_result(SYSCALL3(SYS_faccessat, dirfd, path, mode));
	return (int)syscall_result(SYSCALL4(SYS_faccessat2, dirfd, path, mode, flags));
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

mode_t umask(mode_t mask)
{
	return (mode_t)SYSCALL1(SYS_umask, mask);
}

int chmod(const char *path, mode_t mode)
{
	return (int)syscall_result(SYSCALL3(SYS_fchmodat, AT_FDCWD, path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return (int)syscall_result(SYSCALL2(SYS_fchmod, fd, mode));
}

int chown(const char *path, uid_t owner, gid_t group)
{
	return (int)syscall_result(SYSCALL5(SYS_fchownat, AT_FDCWD, path, owner, group, 0));
}

int mknod(const char *path, mode_t mode, dev_t device)
{
	return (int)syscall_result(SYSCALL4(SYS_mknodat, AT_FDCWD, path, mode, device));
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & 07777) | S_IFIFO, 0);
}

int link(const char *old_path, const char *new_path)
{
	return (int)syscall_result(SYSCALL5(SYS_linkat, AT_FDCWD, old_path, AT_FDCWD, new_path, 0));
}

int symlink(const char *target, const char *link_path)
{
	return (int)syscall_result(SYSCALL3(SYS_symlinkat, target, AT_FDCWD, link_path));
}

ssize_t readlink(const char *restrict path, char *restrict buffer, size_t size)
{
	return syscall_result(SYSCALL4(SYS_readlinkat, AT_FDCWD, path, buffer, size));
}

int chdir(const char *path)
{
	return (int)syscall_result(SYSCALL1(SYS_chdir, path));
}

int fchdir(int fd)
{
	return (int)syscall_result(SYSCALL1(SYS_fchdir, fd));
}

/*
 * The system call returns the length including the NUL. A result that is not absolute
 * (Linux's "(unreachable)" prefix, for a directory outside the root) is ENOENT.
 */
char *getcwd(char *buffer, size_t size)
{
	char *allocated = NULL;
	long result;

	if (!buffer) {
		if (size == 0)
			size = PATH_MAX;
		allocated = malloc(size);
		if (!allocated)
			return NULL;
		buffer = allocated;
	} else if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	result = syscall_result(SYSCALL2(SYS_getcwd, buffer, size));
	if (result >= 0 && buffer[0] != '/') {
		errno = ENOENT;
		result = -1;
	}
	if (result < 0) {
		free(allocated);
		return NULL;
	}
	return buffer;
}
