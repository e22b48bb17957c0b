/*
 * alarm(2), setitimer(2) and getitimer(2). Each process has three interval timers, which
 * survive execve and are not inherited by fork:
 * - ITIMER_REAL (thread_group->real_timer) counts wall-clock time and sends SIGALRM. One
 *   timer serves both calls, as on Linux: alarm() is setitimer(ITIMER_REAL) in whole seconds.
 * - ITIMER_VIRTUAL counts the CPU time the process spends in user mode and sends SIGVTALRM;
 *   ITIMER_PROF counts all its CPU time, user and kernel, and sends SIGPROF. They advance a
 *   tick at a time, from the timer interrupt of whichever of its threads is running
 *   (itimer_cpu_tick), so their resolution is one tick (1 ms).
 * Each reloads from its interval when it expires; a zero interval makes it one-shot.
 */
#include "handlers.h"
#include "proc.h"
#include "signal.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

static struct spinlock itimer_lock = SPINLOCK_INIT("itimer");

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

/* From the timer interrupt of the CPU task runs on: charge the tick to its process's CPU
 * timers and signal the ones that expire. */
void itimer_cpu_tick(struct task_struct *task, bool from_user_mode)
{
	static const int signals[2] = {SIGVTALRM, SIGPROF};
	struct thread_group *group = task->group;
	bool expired[2] = {false, false};
	if (!group || (task->flags & PF_KTHREAD))
		return;
	uint64_t flags = spin_lock_irqsave(&itimer_lock);
	for (int i = 0; i < 2; i++) {
		struct cpu_itimer *timer = &group->cpu_timers[i];
		if (timer->value_ns == 0 || (i == 0 && !from_user_mode))
			continue;
		if (timer->value_ns > NSEC_PER_TICK) {
			timer->value_ns -= NSEC_PER_TICK;
		} else {
			timer->value_ns = timer->interval_ns;
			expired[i] = true;
		}
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
	for (int i = 0; i < 2; i++) {
		if (!expired[i])
			continue;
		struct signal_info info = {.code = SI_KERNEL};
		flags = spin_lock_irqsave(&tasklist_lock);
		signal_send_process_locked(task->group_leader, signals[i], &info);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
}

/* Read (and, if `set` is given, replace) one of the process's interval timers. */
static void itimer_exchange(int which, const struct itimerval *set, struct itimerval *old)
{
	if (which == ITIMER_REAL) {
		uint64_t interval;
		uint64_t value = timer_remaining(&current->group->real_timer, &interval);
		old->it_value = to_timeval(value);
		old->it_interval = to_timeval(interval);
		if (set)
			real_timer_set(to_ns(&set->it_value), to_ns(&set->it_interval), old);
		return;
	}
	struct cpu_itimer *timer = &current->group->cpu_timers[which - ITIMER_VIRTUAL];
	uint64_t flags = spin_lock_irqsave(&itimer_lock);
	old->it_value = to_timeval(timer->value_ns);
	old->it_interval = to_timeval(timer->interval_ns);
	if (set) {
		/* One tick more, as Linux adds: the first tick may come at once, and the timer
		 * must not expire before the process has used the time asked for. */
		timer->value_ns = to_ns(&set->it_value);
		if (timer->value_ns)
			timer->value_ns += NSEC_PER_TICK;
		timer->interval_ns = to_ns(&set->it_interval);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
}

long sys_getitimer(int which, struct itimerval *user_value)
{
	struct itimerval result;
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_exchange(which, NULL, &result);
	return copy_to_user(user_value, &result, sizeof(result)) != 0 ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct itimerval *user_new, struct itimerval *user_old)
{
	struct itimerval value = {0}, old;
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (user_new && copy_from_user(&value, user_new, sizeof(value)) != 0)
		return -EFAULT;
	if (!timeval_valid(&value.it_value) || !timeval_valid(&value.it_interval))
		return -EINVAL;
	itimer_exchange(which, &value, &old);
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
