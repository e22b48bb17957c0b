/*
 * Time structures and clock ids of the Linux x86_64 ABI (man 2 clock_gettime,
 * man 2 gettimeofday, man 2 nanosleep, man 2 clock_nanosleep; Linux's
 * include/uapi/linux/time.h and time_types.h). Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_TIME_H
#define SPINDLE_UAPI_TIME_H

#include <stdint.h>

/* Seconds and nanoseconds; tv_nsec is 0..999999999 in a valid value. 16 bytes. */
struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* Seconds and microseconds (gettimeofday(2), struct rusage). 16 bytes. */
struct timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* An interval timer's period and first expiry (timer_settime(2), timerfd). */
struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

#define CLOCK_REALTIME		 0
#define CLOCK_MONOTONIC		 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	 3
#define CLOCK_MONOTONIC_RAW	 4
#define CLOCK_REALTIME_COARSE	 5
#define CLOCK_MONOTONIC_COARSE	 6
#define CLOCK_BOOTTIME		 7
#define CLOCK_REALTIME_ALARM	 8
#define CLOCK_BOOTTIME_ALARM	 9
#define CLOCK_TAI		 11

/* clock_nanosleep(2) flag: the request is an absolute time on the clock, not a delay. */
#define TIMER_ABSTIME 1

#define NSEC_PER_SEC  1000000000L
#define USEC_PER_SEC  1000000L
#define NSEC_PER_USEC 1000L

#endif
