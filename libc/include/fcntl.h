/*
 * open, openat and fcntl (man 2 open, man 2 fcntl). Flag values are Linux's, from
 * uapi/fcntl.h. open is openat(AT_FDCWD, ...).
 */
#ifndef SPINDLE_LIBC_FCNTL_H
#define SPINDLE_LIBC_FCNTL_H

#include <sys/types.h>
#include "uapi/fcntl.h"

/* mode (a mode_t) is read only when flags has O_CREAT or O_TMPFILE. */
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
/* The third argument, when the command takes one, is an int or a pointer. */
int fcntl(int fd, int command, ...);

#endif
