/*
 * Clocks and sleeping (man 2 clock_gettime, man 2 clock_nanosleep, man 2 nanosleep,
 * man 2 gettimeofday, man 3 time, man 3 sleep, man 3 usleep, man 3 clock). Everything that
 * reads the time goes through clock_gettime, so a kernel needs no time or gettimeofday calls.
 */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "internal/syscall.h"

int clock_gettime(clockid_t clock, struct timespec *result)
{
	return (int)syscall_result(SYSCALL2(SYS_clock_gettime, clock, result));
}

int clock_getres(clockid_t clock, struct timespec *result)
{
	return (int)syscall_result(SYSCALL2(SYS_clock_getres, clock, result));
}

time_t time(time_t *result)
{
	struct timespec now;

	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return (time_t)-1;
	if (result)
		*result = now.tv_sec;
	return now.tv_sec;
}

int gettimeofday(struct timeval *restrict time, void *restrict timezone)
{
	struct timespec now;

	if (timezone) {
		errno = EINVAL;
		return -1;
	}
	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return -1;
	time->tv_sec = now.tv_sec;
	time->tv_usec = now.tv_nsec / NSEC_PER_USEC;
	return 0;
}

clock_t clock(void)
{
	struct timespec used;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used) < 0)
		return (clock_t)-1;
	return used.tv_sec * CLOCKS_PER_SEC + used.tv_nsec / (NSEC_PER_SEC / CLOCKS_PER_SEC);
}

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
	return (int)syscall_result(SYSCALL2(SYS_nanosleep, request, remaining));
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining)
{
	long result = SYSCALL4(SYS_clock_nanosleep, clock, flags, request, remaining);

	return syscall_is_error(result) ? (int)-result : 0;
}

/* Returns the seconds left, rounded up, if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec request = {.tv_sec = seconds, .tv_nsec = 0};
	struct timespec remaining = {0, 0};

	if (nanosleep(&request, &remaining) == 0)
		return 0;
	return (unsigned int)remaining.tv_sec + (remaining.tv_nsec > 0);
}

int usleep(useconds_t microseconds)
{
	struct timespec request = {
		.tv_sec = microseconds / USEC_PER_SEC,
		.tv_nsec = (microseconds % USEC_PER_SEC) * NSEC_PER_USEC,
	};

	return nanosleep(&request, NULL);
}
