/*
 * POSIX per-process timers (timer_create(2), timer_settime(2), timer_getoverrun(2),
 * timer_delete(2)): any number of timers per process (up to POSIX_TIMERS_MAX), each on a
 * clock, each announcing its expiry with a signal of its choice carrying a value (siginfo
 * si_code SI_TIMER, si_timerid, si_overrun, si_value), to the process or to one thread
 * (SIGEV_THREAD_ID), or not at all (SIGEV_NONE).
 *
 * A timer is a struct timer of the kernel's sorted list (kernel/time/timer.c) with an
 * expire function, like alarm()'s. While its signal is still pending, further expiries are
 * not queued again but counted as overruns; the count goes out with the signal
 * (posix_timer_delivered(), called when the signal is taken) and timer_getoverrun() reads
 * it. Timers are per process: not inherited by fork, deleted by execve and exit.
 * Clocks: CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME (the CPU-time clocks: EINVAL).
 *
 * Lock: posix_timers_lock guards every process's timer list and each timer's fields; the
 * signal code calls posix_timer_delivered() with signal_lock held (so: signal_lock, then
 * posix_timers_lock; the expiry drops posix_timers_lock before sending).
 */
#include "handlers.h"
#include "kmalloc.h"
#include "pid.h"
#include "proc.h"
#include "signal.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define POSIX_TIMERS_MAX 32
#define TIMER_ABSTIME	 1
#define CLOCK_BOOTTIME	 7

struct posix_timer {
	struct list_head node; /* in thread_group->posix_timers */
	int id;
	struct timer timer;
	struct task_struct *leader; /* the process (not referenced: timers die before it) */
	struct task_struct *thread; /* SIGEV_THREAD_ID: that thread (referenced) */
	int signal;		    /* 0: SIGEV_NONE */
	uint64_t value;		    /* sigev_value */
	bool pending;		    /* its signal is queued and not yet taken */
	int overrun, last_overrun;
};

static struct spinlock posix_timers_lock = SPINLOCK_INIT("posix-timers");

/* Caller holds posix_timers_lock. */
static struct posix_timer *find_locked(struct thread_group *group, int id)
{
	struct posix_timer *timer;
	list_for_each_entry (timer, &group->posix_timers, node) {
		if (timer->id == id)
			return timer;
	}
	return NULL;
}

/* From the tick, timer_lock held, interrupts off. */
static void expired(struct timer *base)
{
	struct posix_timer *timer = container_of(base, struct posix_timer, timer);
	uint64_t flags = spin_lock_irqsave(&posix_timers_lock);
	bool send = timer->signal && !timer->pending;
	if (timer->signal && timer->pending && timer->overrun < INT32_MAX)
		timer->overrun++;
	timer->pending |= send;
	struct signal_info info = {.code = SI_TIMER, .pid = timer->id, .addr = timer->value};
	int signal = timer->signal;
	struct task_struct *thread = timer->thread, *leader = timer->leader;
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	if (!send)
		return;
	if (thread) {
		if (!thread->exit_state)
			signal_send_thread(thread, signal, &info);
		return;
	}
	flags = spin_lock_irqsave(&tasklist_lock);
	signal_send_process_locked(leader, signal, &info);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void posix_timer_delivered(struct task_struct *task, struct signal_info *info)
{
	if (!task->group)
		return;
	uint64_t flags = spin_lock_irqsave(&posix_timers_lock);
	struct posix_timer *timer = find_locked(task->group, info->pid);
	if (timer) {
		info->status = timer->overrun; /* goes out as si_overrun */
		timer->last_overrun = timer->overrun;
		timer->overrun = 0;
		timer->pending = false;
	}
	spin_unlock_irqrestore(&posix_timers_lock, flags);
}

static int free_id_locked(struct thread_group *group)
{
	for (int id = 0; id < POSIX_TIMERS_MAX; id++) {
		if (!find_locked(group, id))
			return id;
	}
	return -EAGAIN;
}

long sys_timer_create(int clock, const struct kernel_sigevent *user_event, int *user_id)
{
	struct task_struct *self = current;
	struct kernel_sigevent event = {.sigev_signo = SIGALRM, .sigev_notify = SIGEV_SIGNAL};
	bool default_value = !user_event;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	if (user_event && copy_from_user(&event, user_event, sizeof(event)) != 0)
		return -EFAULT;
	int notify = event.sigev_notify & ~SIGEV_THREAD_ID;
	bool to_thread = event.sigev_notify & SIGEV_THREAD_ID;
	if ((notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD) ||
	    (to_thread && notify != SIGEV_SIGNAL) ||
	    (notify != SIGEV_NONE && (event.sigev_signo <= 0 || event.sigev_signo > 64)))
		return -EINVAL;
	struct posix_timer *timer = kzalloc(sizeof(*timer));
	if (!timer)
		return -ENOMEM;
	list_init(&timer->timer.node);
	timer->leader = self->group_leader;
	timer->signal = notify == SIGEV_NONE ? 0 : event.sigev_signo;
	timer->value = event.sigev_value;
	if (to_thread) { /* a thread of this process */
		struct task_struct *thread = find_get_task_by_pid(event.sigev_tid);
		if (!thread || thread->tgid != self->tgid) {
			if (thread)
				put_task_struct(thread);
			kfree(timer);
			return -EINVAL;
		}
		timer->thread = thread;
	}
	uint64_t flags = spin_lock_irqsave(&posix_timers_lock);
	int id = free_id_locked(self->group);
	if (id >= 0) {
		timer->id = id;
		if (default_value)
			timer->value = (uint64_t)id; /* sigev_value defaults to the timer id */
		list_add_tail(&timer->node, &self->group->posix_timers);
	}
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	if (id < 0 || copy_to_user(user_id, &id, sizeof(id)) != 0) {
		if (id >= 0)
			sys_timer_delete(id);
		else {
			if (timer->thread)
				put_task_struct(timer->thread);
			kfree(timer);
		}
		return id < 0 ? id : -EFAULT;
	}
	return 0;
}

static struct timespec to_timespec(uint64_t ns)
{
	return (struct timespec){(int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC)};
}

static bool timespec_valid(const struct timespec *time)
{
	return time->tv_sec >= 0 && time->tv_nsec >= 0 && time->tv_nsec < NSEC_PER_SEC;
}

static uint64_t to_ns(const struct timespec *time)
{
	uint64_t seconds =
		(uint64_t)time->tv_sec < UINT32_MAX ? (uint64_t)time->tv_sec : UINT32_MAX;
	return seconds * NSEC_PER_SEC + (uint64_t)time->tv_nsec;
}

/* The timer `id` of the caller, with posix_timers_lock held (flags in *flags), or NULL. */
static struct posix_timer *get_locked(int id, uint64_t *flags)
{
	*flags = spin_lock_irqsave(&posix_timers_lock);
	struct posix_timer *timer = find_locked(current->group, id);
	if (!timer)
		spin_unlock_irqrestore(&posix_timers_lock, *flags);
	return timer;
}

long sys_timer_gettime(int id, struct itimerspec *user_value)
{
	uint64_t flags, interval;
	struct posix_timer *timer = get_locked(id, &flags);
	if (!timer)
		return -EINVAL;
	uint64_t left = timer_remaining(&timer->timer, &interval);
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	struct itimerspec value = {to_timespec(interval), to_timespec(left)};
	return copy_to_user(user_value, &value, sizeof(value)) != 0 ? -EFAULT : 0;
}

long sys_timer_settime(int id, int settings, const struct itimerspec *user_new,
		       struct itimerspec *user_old)
{
	struct itimerspec new_value;
	uint64_t flags, interval;
	if (copy_from_user(&new_value, user_new, sizeof(new_value)) != 0)
		return -EFAULT;
	if (!timespec_valid(&new_value.it_value) || !timespec_valid(&new_value.it_interval))
		return -EINVAL;
	struct posix_timer *timer = get_locked(id, &flags);
	if (!timer)
		return -EINVAL;
	uint64_t left = timer_remaining(&timer->timer, &interval);
	struct itimerspec old = {to_timespec(interval), to_timespec(left)};
	uint64_t value = to_ns(&new_value.it_value), deadline = 0;
	if (value && (settings & TIMER_ABSTIME)) {
		/* An absolute time on the timer's clock; realtime = boot wall time + monotonic. */
		uint64_t now = clock_monotonic_ns();
		uint64_t offset = clock_realtime_ns() - now;
		uint64_t target = value > offset ? value - offset : 0;
		deadline = target > now ? target : now + 1; /* already past: fire at once */
	} else if (value) {
		deadline = clock_monotonic_ns() + value;
	}
	timer->overrun = timer->last_overrun = 0; /* as Linux's timer_settime */
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	/* The id stays ours: only this process deletes it, and it is in this call. */
	timer_start(&timer->timer, current->group_leader, deadline, to_ns(&new_value.it_interval),
		    expired);
	if (user_old && copy_to_user(user_old, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long sys_timer_getoverrun(int id)
{
	uint64_t flags;
	struct posix_timer *timer = get_locked(id, &flags);
	if (!timer)
		return -EINVAL;
	int overrun = timer->last_overrun;
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	return overrun;
}

static void destroy(struct posix_timer *timer)
{
	timer_disarm(&timer->timer);
	if (timer->thread)
		put_task_struct(timer->thread);
	kfree(timer);
}

long sys_timer_delete(int id)
{
	uint64_t flags;
	struct posix_timer *timer = get_locked(id, &flags);
	if (!timer)
		return -EINVAL;
	list_del(&timer->node);
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	destroy(timer);
	return 0;
}

void posix_timers_delete_all(struct thread_group *group)
{
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&posix_timers_lock);
		struct posix_timer *timer = NULL;
		if (!list_is_empty(&group->posix_timers)) {
			timer = list_first_entry(&group->posix_timers, struct posix_timer, node);
			list_del(&timer->node);
		}
		spin_unlock_irqrestore(&posix_timers_lock, flags);
		if (!timer)
			return;
		destroy(timer);
	}
}
