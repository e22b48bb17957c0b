/*
 * eventfd(2): a counter as a file, for waking threads and processes.
 */
#ifndef SPINDLE_LIBC_SYS_EVENTFD_H
#define SPINDLE_LIBC_SYS_EVENTFD_H

#include <stdint.h>
#include "uapi/fcntl.h"

typedef uint64_t eventfd_t;

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC   O_CLOEXEC
#define EFD_NONBLOCK  O_NONBLOCK

int eventfd(unsigned initial, int flags);
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#endif
