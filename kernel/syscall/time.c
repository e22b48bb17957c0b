/*
 * Clock and sleep system calls: clock_gettime(2), clock_getres(2), gettimeofday(2),
 * time(2), nanosleep(2), clock_nanosleep(2) (relative and TIMER_ABSTIME).
 * Monotonic time is the TSC-based clock; real time adds the CMOS date read at boot.
 * CPU-time clocks report the calling thread's (and process's) accumulated run time.
 */
#include "handlers.h"
#include "sched.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

/* Current value of a clock in nanoseconds, or -EINVAL for an unknown clock. */
static int64_t clock_read(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		return (int64_t)clock_realtime_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return (int64_t)clock_monotonic_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return (int64_t)(current->se.utime_ns + current->se.stime_ns);
	default:
		return -EINVAL;
	}
}

static struct timespec to_timespec(uint64_t ns)
{
	return (struct timespec){(int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC)};
}

long sys_clock_gettime(int clock, struct timespec *user_time)
{
	int64_t ns = clock_read(clock);
	if (ns < 0)
		return ns;
	struct timespec time = to_timespec((uint64_t)ns);
	return copy_to_user(user_time, &time, sizeof(time));
}

long sys_clock_getres(int clock, struct timespec *resolution)
{
	if (clock_read(clock) < 0)
		return -EINVAL;
	/* The clocks count nanoseconds; the coarse ones and CPU times move per tick. */
	bool coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ||
		      clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID;
	struct timespec value = {0, coarse ? (int64_t)NSEC_PER_TICK : 1};
	if (!resolution)
		return 0;
	return copy_to_user(resolution, &value, sizeof(value));
}

long sys_gettimeofday(struct timeval *user_time, void *timezone)
{
	uint64_t ns = clock_realtime_ns();
	struct timeval time = {(int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns / 1000 % 1000000)};
	if (user_time && copy_to_user(user_time, &time, sizeof(time)) != 0)
		return -EFAULT;
	if (timezone) {
		int zone[2] = {0, 0};
		if (copy_to_user(timezone, zone, sizeof(zone)) != 0)
			return -EFAULT;
	}
	return 0;
}

long sys_time(int64_t *seconds)
{
	int64_t now = (int64_t)(clock_realtime_ns() / NSEC_PER_SEC);
	if (seconds && copy_to_user(seconds, &now, sizeof(now)) != 0)
		return -EFAULT;
	return now;
}

static long get_duration(const struct timespec *user_request, uint64_t *ns)
{
	struct timespec request;
	if (copy_from_user(&request, user_request, sizeof(request)) != 0)
		return -EFAULT;
	if (request.tv_sec < 0 || request.tv_nsec < 0 || request.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)request.tv_sec > UINT64_MAX / NSEC_PER_SEC / 2)
		*ns = UINT64_MAX / 2;
	else
		*ns = (uint64_t)request.tv_sec * NSEC_PER_SEC + (uint64_t)request.tv_nsec;
	return 0;
}

long sys_clock_nanosleep(int clock, int flags, const struct timespec *request,
			 struct timespec *remaining)
{
	uint64_t ns;
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	int64_t now = clock_read(clock);
	if (now < 0)
		return -EINVAL;
	if (flags & ~TIMER_ABSTIME)
		return -EINVAL;
	long error = get_duration(request, &ns);
	if (error)
		return error;
	uint64_t monotonic = clock_monotonic_ns();
	uint64_t deadline;
	if (flags & TIMER_ABSTIME)
		deadline = ns > (uint64_t)now ? monotonic + (ns - (uint64_t)now) : monotonic;
	else
		deadline = monotonic + ns;
	long result = sleep_until(deadline);
	/* nanosleep(2): a relative sleep cut short by a handler reports what was left. */
	if (result == -EINTR && !(flags & TIMER_ABSTIME) && remaining) {
		uint64_t now_ns = clock_monotonic_ns();
		uint64_t left = deadline > now_ns ? deadline - now_ns : 0;
		struct timespec rest = {.tv_sec = (long)(left / NSEC_PER_SEC),
					.tv_nsec = (long)(left % NSEC_PER_SEC)};
		if (copy_to_user(remaining, &rest, sizeof(rest)) != 0)
			return -EFAULT;
	}
	return result;
}

long sys_nanosleep(const struct timespec *request, struct timespec *remaining)
{
	return sys_clock_nanosleep(CLOCK_MONOTONIC, 0, request, remaining);
}
