/*
 * alarm(2), setitimer(2) and getitimer(2) for ITIMER_REAL: a per-process timer
 * (thread_group->real_timer) that sends SIGALRM to the process when it expires, and is
 * re-armed by its interval. One timer serves both calls, as on Linux: alarm() is
 * setitimer(ITIMER_REAL) in whole seconds. It survives execve and is not inherited by fork.
 * ITIMER_VIRTUAL and ITIMER_PROF (CPU-time timers) are not implemented: -EINVAL.
 */
#include "handlers.h"
#include "proc.h"
#include "signal.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define ITIMER_REAL 0

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

/* From the tick, timer_lock held: the leader stays valid while the timer is armed (the
 * last thread to exit disarms it, and the leader is reaped only after that). */
static void real_timer_expired(struct timer *timer)
{
	struct signal_info info = {.code = SI_KERNEL};
	signal_send_process_locked(timer->task, SIGALRM, &info);
}

static struct timeval to_timeval(uint64_t ns)
{
	return (struct timeval){.tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				.tv_usec = (int64_t)((ns % NSEC_PER_SEC) / NSEC_PER_USEC)};
}

static bool timeval_valid(const struct timeval *value)
{
	return value->tv_sec >= 0 && value->tv_usec >= 0 && value->tv_usec < 1000000;
}

static uint64_t to_ns(const struct timeval *value)
{
	uint64_t seconds =
		(uint64_t)value->tv_sec < UINT32_MAX ? (uint64_t)value->tv_sec : UINT32_MAX;
	return seconds * NSEC_PER_SEC + (uint64_t)value->tv_usec * NSEC_PER_USEC;
}

/* Set the process's real timer; the previous setting in *old. */
static void real_timer_set(uint64_t value_ns, uint64_t interval_ns, struct itimerval *old)
{
	struct task_struct *self = current;
	struct timer *timer = &self->group->real_timer;
	uint64_t old_interval;
	uint64_t old_value = timer_remaining(timer, &old_interval);
	old->it_value = to_timeval(old_value);
	old->it_interval = to_timeval(old_interval);
	uint64_t deadline = value_ns ? clock_monotonic_ns() + value_ns : 0;
	timer_start(timer, self->group_leader, deadline, interval_ns, real_timer_expired);
}

long sys_getitimer(int which, struct itimerval *user_value)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	uint64_t interval;
	uint64_t value = timer_remaining(&current->group->real_timer, &interval);
	struct itimerval result = {.it_interval = to_timeval(interval),
				   .it_value = to_timeval(value)};
	return copy_to_user(user_value, &result, sizeof(result)) != 0 ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct itimerval *user_new, struct itimerval *user_old)
{
	struct itimerval value = {0}, old;
	if (which != ITIMER_REAL)
		return -EINVAL;
	if (user_new && copy_from_user(&value, user_new, sizeof(value)) != 0)
		return -EFAULT;
	if (!timeval_valid(&value.it_value) || !timeval_valid(&value.it_interval))
		return -EINVAL;
	real_timer_set(to_ns(&value.it_value), to_ns(&value.it_interval), &old);
	if (user_old && copy_to_user(user_old, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

/* alarm(2): the seconds that were left, rounded as Linux does (up from less than one). */
long sys_alarm(unsigned seconds)
{
	struct itimerval old;
	real_timer_set((uint64_t)seconds * NSEC_PER_SEC, 0, &old);
	long left = old.it_value.tv_sec;
	if ((left == 0 && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		left++;
	return left;
}
