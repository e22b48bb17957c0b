/*
 * File status (man 2 stat, man 2 mkdir, man 2 umask, man 2 chmod). struct stat is the
 * kernel's (uapi/stat.h); st_atime and friends are the POSIX names for the seconds.
 * stat is newfstatat(AT_FDCWD, path, buffer, 0); lstat adds AT_SYMLINK_NOFOLLOW.
 */
#ifndef SPINDLE_LIBC_SYS_STAT_H
#define SPINDLE_LIBC_SYS_STAT_H

#include <sys/types.h>
#include "uapi/stat.h"

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

int stat(const char *restrict path, struct stat *restrict buffer);
int lstat(const char *restrict path, struct stat *restrict buffer);
int fstat(int fd, struct stat *buffer);
int fstatat(int dirfd, const char *restrict path, struct stat *restrict buffer, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t device);
int mkfifo(const char *path, mode_t mode);
/* Never fails: returns the previous mask. */
mode_t umask(mode_t mask);

#endif
