/*
 * Scatter/gather I/O (man 2 readv). struct iovec is from uapi/uio.h.
 */
#ifndef SPINDLE_LIBC_SYS_UIO_H
#define SPINDLE_LIBC_SYS_UIO_H

#include <sys/types.h>
#include "uapi/uio.h"

ssize_t readv(int fd, const struct iovec *vector, int count);
ssize_t writev(int fd, const struct iovec *vector, int count);

#endif
