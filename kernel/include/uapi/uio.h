/*
 * struct iovec of the Linux x86_64 ABI (man 2 readv, man 2 writev; Linux's
 * include/uapi/linux/uio.h). Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_UIO_H
#define SPINDLE_UAPI_UIO_H

#include <stddef.h>

/* One buffer of a scatter/gather list. 16 bytes. */
struct iovec {
	void *iov_base;
	size_t iov_len;
};

/* The most iovecs one readv(2)/writev(2) accepts (Linux's UIO_MAXIOV; POSIX's IOV_MAX). */
#define UIO_MAXIOV 1024

#endif
