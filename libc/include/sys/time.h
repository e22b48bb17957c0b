/*
 * Wall-clock time in microseconds (man 2 gettimeofday). struct timeval is from uapi/time.h.
 * gettimeofday reads CLOCK_REALTIME with clock_gettime(2).
 */
#ifndef SPINDLE_LIBC_SYS_TIME_H
#define SPINDLE_LIBC_SYS_TIME_H

#include <sys/types.h>
#include "uapi/time.h"

/* timezone must be NULL: the obsolete struct timezone is not supported (EINVAL). */
int gettimeofday(struct timeval *restrict time, void *restrict timezone);

#endif
