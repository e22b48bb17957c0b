/*
 * Clocks, sleeping and calendar time (man 2 clock_gettime, man 2 nanosleep, man 3 time,
 * man 3 gmtime; C11 §7.27). struct timespec and the clock ids are from uapi/time.h.
 * There are no time zones: localtime is gmtime (UTC).
 */
#ifndef SPINDLE_LIBC_TIME_H
#define SPINDLE_LIBC_TIME_H

#include <stddef.h>
#include <sys/types.h>
#include "uapi/time.h"

#define CLOCKS_PER_SEC 1000000L

/* Broken-down time. */
struct tm {
	int tm_sec;   /* 0..60 */
	int tm_min;   /* 0..59 */
	int tm_hour;  /* 0..23 */
	int tm_mday;  /* 1..31 */
	int tm_mon;   /* 0..11 */
	int tm_year;  /* years since 1900 */
	int tm_wday;  /* 0..6, Sunday is 0 */
	int tm_yday;  /* 0..365 */
	int tm_isdst; /* always 0: UTC */
	long tm_gmtoff;
	const char *tm_zone;
};

time_t time(time_t *result);
int clock_gettime(clockid_t clock, struct timespec *result);
int clock_getres(clockid_t clock, struct timespec *result);
int nanosleep(const struct timespec *request, struct timespec *remaining);
/* Returns 0 or an error number; does not set errno (POSIX). */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining);
/* Processor time used, in CLOCKS_PER_SEC units. */
clock_t clock(void);

struct tm *gmtime_r(const time_t *restrict time, struct tm *restrict result);
struct tm *gmtime(const time_t *time);
struct tm *localtime_r(const time_t *restrict time, struct tm *restrict result);
struct tm *localtime(const time_t *time);
/* Inverse of gmtime; normalises the fields of *broken_down. */
time_t timegm(struct tm *broken_down);
time_t mktime(struct tm *broken_down);
double difftime(time_t end, time_t start);

#endif
