/*
 * errno and the error numbers (man 3 errno). The numbers are Linux's, from uapi/errno.h.
 * errno is a macro over a function that returns the calling thread's own errno, which lives
 * in thread-local storage.
 */
#ifndef SPINDLE_LIBC_ERRNO_H
#define SPINDLE_LIBC_ERRNO_H

#include "uapi/errno.h"

/* Names POSIX adds on top of the kernel's: same values as Linux. */
#define ENOTSUP EOPNOTSUPP

/* Returns the address of the calling thread's errno. */
int *libc_errno_location(void);
#define errno (*libc_errno_location())

#endif
