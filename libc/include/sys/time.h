/*
 * Wall-clock time in microseconds (man 2 gettimeofday) and the interval timers
 * (man 2 setitimer). struct timeval is from uapi/time.h.
 * gettimeofday reads CLOCK_REALTIME with clock_gettime(2).
 */
#ifndef SPINDLE_LIBC_SYS_TIME_H
#define SPINDLE_LIBC_SYS_TIME_H

#include <sys/types.h>
#include "uapi/time.h"

/* timezone must be NULL: the obsolete struct timezone is not supported (EINVAL). */
int gettimeofday(struct timeval *restrict time, void *restrict timezone);

#define ITIMER_REAL    0 /* SIGALRM after real time passes */
#define ITIMER_VIRTUAL 1 /* SIGVTALRM after the process has run this long in user mode */
#define ITIMER_PROF    2 /* SIGPROF after the process has run this long, user and kernel */

struct itimerval {
	struct timeval it_interval; /* re-armed with this after each expiry; 0: once */
	struct timeval it_value;    /* time to the next expiry; 0: disarmed */
};

int setitimer(int which, const struct itimerval *value, struct itimerval *old);
int getitimer(int which, struct itimerval *value);

#endif
