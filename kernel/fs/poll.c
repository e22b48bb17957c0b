/*
 * poll(2), ppoll(2), select(2) and pselect6(2) (include/poll.h).
 *
 *   1. Ask every file for its ready events; each poll hook also puts this task on the wait
 *      queues that announce changes (poll_wait).
 *   2. Something ready, or a zero timeout: done.
 *   3. Otherwise sleep -- any of those queues, or the timer, wakes us -- and go back to 1.
 * Finally every wait entry is taken off its queue. ppoll and pselect6 wait under the
 * signal mask they are given (signal_mask_for_wait()), as poll(2) and select(2) say.
 */
#include "kmalloc.h"
#include "poll.h"
#include "sched.h"
#include "string.h"
#include "time.h"
#include "timer.h"
#include "signal.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "vfs.h"

#define POLL_MAX_FDS MAX_FDS
#define FD_SET_WORDS (MAX_FDS / 64)

struct pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

void poll_wait(struct file *file, struct wait_queue_head *queue, struct poll_table *table)
{
	(void)file;
	if (table && table->capturing && table->count < POLL_MAX_WAITS) {
		table->waits[table->count++].queue = queue;
		return;
	}
	if (!table || !table->registering)
		return;
	if (table->count == POLL_MAX_WAITS) {
		table->overflow = true; /* not queued here: poll_loop() looks again soon */
		return;
	}
	int index = table->count++;
	table->waits[index].queue = queue;
	wait_entry_init(&table->waits[index].entry, false);
	uint64_t flags = spin_lock_irqsave(&queue->lock);
	list_add_tail(&table->waits[index].entry.node, &queue->waiters);
	spin_unlock_irqrestore(&queue->lock, flags);
}

static void unregister_all(struct poll_table *table)
{
	for (int i = 0; i < table->count; i++)
		finish_wait(table->waits[i].queue, &table->waits[i].entry);
	table->count = 0;
}

static unsigned file_events(int fd, struct poll_table *table)
{
	struct file *file = fd_get(fd);
	if (!file)
		return POLLNVAL;
	unsigned events =
		file->ops && file->ops->poll ? file->ops->poll(file, table) : DEFAULT_POLLMASK;
	file_put(file);
	return events;
}

/*
 * The shared loop. `check` fills in results and returns how many entries are ready;
 * deadline 0 means "wait forever", UINT64_MAX means "do not wait".
 */
long poll_loop(long (*check)(void *state, struct poll_table *table), void *state, uint64_t deadline)
{
	struct poll_table *table = kzalloc(sizeof(*table));
	struct timer timer;
	long ready;
	if (!table)
		return -ENOMEM;
	list_init(&timer.node);
	bool timer_armed = false;
	for (;;) {
		/* Queue afresh every round: a wake-up takes our entry off the queue it fired. */
		unregister_all(table);
		set_current_state(TASK_INTERRUPTIBLE);
		table->registering = deadline != UINT64_MAX;
		table->overflow = false;
		ready = check(state, table);
		if (ready != 0 || deadline == UINT64_MAX ||
		    (deadline && clock_monotonic_ns() >= deadline))
			break;
		if (signal_pending(current)) {
			ready = -EINTR;
			break;
		}
		/* Sleep until a queue fires or the deadline; if some queues could not be joined
		 * (more than POLL_MAX_WAITS), wake every 10 ms as well so nothing is missed. */
		uint64_t wake_at = deadline;
		if (table->overflow) {
			uint64_t soon = clock_monotonic_ns() + 10000000ull;
			if (!wake_at || soon < wake_at)
				wake_at = soon;
		}
		if (wake_at && (!timer_armed || table->overflow)) {
			if (timer_armed)
				timer_disarm(&timer);
			timer_arm(&timer, wake_at);
			timer_armed = true;
		}
		schedule();
	}
	set_current_state(TASK_RUNNING);
	if (timer_armed)
		timer_disarm(&timer);
	unregister_all(table);
	kfree(table);
	return ready;
}

struct poll_state {
	struct pollfd *fds;
	size_t count;
};

static long check_pollfds(void *opaque, struct poll_table *table)
{
	struct poll_state *state = opaque;
	long ready = 0;
	for (size_t i = 0; i < state->count; i++) {
		struct pollfd *entry = &state->fds[i];
		entry->revents = 0;
		if (entry->fd < 0)
			continue;
		unsigned events = file_events(entry->fd, table);
		entry->revents = (int16_t)(events & ((unsigned)(uint16_t)entry->events | POLLERR |
						     POLLHUP | POLLNVAL));
		ready += entry->revents != 0;
	}
	return ready;
}

static long do_poll(struct pollfd *user_fds, unsigned count, uint64_t deadline)
{
	if (count > POLL_MAX_FDS)
		return -EINVAL;
	struct poll_state state = {.fds = kmalloc(count * sizeof(struct pollfd) + 1),
				   .count = count};
	if (!state.fds)
		return -ENOMEM;
	long result = copy_from_user(state.fds, user_fds, count * sizeof(struct pollfd));
	if (result == 0)
		result = poll_loop(check_pollfds, &state, deadline);
	if (result >= 0 && copy_to_user(user_fds, state.fds, count * sizeof(struct pollfd)) != 0)
		result = -EFAULT;
	kfree(state.fds);
	return result;
}

uint64_t poll_deadline_after(int64_t ns)
{
	if (ns < 0)
		return 0; /* forever */
	if (ns == 0)
		return UINT64_MAX; /* do not wait */
	return clock_monotonic_ns() + (uint64_t)ns;
}

long sys_poll(struct pollfd *fds, unsigned count, int timeout_ms)
{
	return do_poll(fds, count,
		       poll_deadline_after(timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000));
}

static long get_timespec_ns(const struct timespec *user_time, int64_t *ns)
{
	struct timespec time;
	if (!user_time) {
		*ns = -1;
		return 0;
	}
	if (copy_from_user(&time, user_time, sizeof(time)) != 0)
		return -EFAULT;
	if (time.tv_sec < 0 || time.tv_nsec < 0 || time.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = time.tv_sec > INT64_MAX / NSEC_PER_SEC / 2
		      ? INT64_MAX / 2
		      : time.tv_sec * NSEC_PER_SEC + time.tv_nsec;
	return 0;
}

long sys_ppoll(struct pollfd *fds, unsigned count, const struct timespec *timeout,
	       const void *sigmask, size_t sigset_size)
{
	int64_t ns;
	long error = get_timespec_ns(timeout, &ns);
	if (!error)
		error = signal_mask_for_wait(sigmask, sigset_size);
	if (error)
		return error;
	long result = do_poll(fds, count, poll_deadline_after(ns));
	signal_mask_after_wait(result);
	return result;
}

struct select_state {
	int count;
	uint64_t in[3][FD_SET_WORDS];  /* what was asked: read, write, except */
	uint64_t out[3][FD_SET_WORDS]; /* what is ready */
};

static long check_select(void *opaque, struct poll_table *table)
{
	struct select_state *state = opaque;
	static const unsigned wanted[3] = {POLLIN | POLLRDNORM | POLLHUP | POLLERR,
					   POLLOUT | POLLWRNORM | POLLERR, POLLPRI};
	long ready = 0;
	memset(state->out, 0, sizeof(state->out));
	for (int fd = 0; fd < state->count; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		int word = fd / 64;
		if (!((state->in[0][word] | state->in[1][word] | state->in[2][word]) & bit))
			continue;
		unsigned events = file_events(fd, table);
		if (events & POLLNVAL)
			return -EBADF;
		for (int set = 0; set < 3; set++) {
			if ((state->in[set][word] & bit) && (events & wanted[set])) {
				state->out[set][word] |= bit;
				ready++;
			}
		}
	}
	return ready;
}

static long do_select(int count, uint64_t *sets[3], uint64_t deadline)
{
	if (count < 0 || count > MAX_FDS)
		return -EINVAL;
	struct select_state *state = kzalloc(sizeof(*state));
	if (!state)
		return -ENOMEM;
	size_t bytes = ALIGN_UP((size_t)count, 64) / 8;
	long result = 0;
	state->count = count;
	for (int set = 0; set < 3 && result == 0; set++) {
		if (sets[set] && copy_from_user(state->in[set], sets[set], bytes) != 0)
			result = -EFAULT;
	}
	if (result == 0)
		result = poll_loop(check_select, state, deadline);
	for (int set = 0; set < 3 && result >= 0; set++) {
		if (sets[set] && copy_to_user(sets[set], state->out[set], bytes) != 0)
			result = -EFAULT;
	}
	kfree(state);
	return result;
}

struct timeval_user {
	int64_t seconds, microseconds;
};

long sys_select(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		struct timeval_user *timeout)
{
	uint64_t *sets[3] = {read_set, write_set, except_set};
	int64_t ns = -1;
	if (timeout) {
		struct timeval_user time;
		if (copy_from_user(&time, timeout, sizeof(time)) != 0)
			return -EFAULT;
		if (time.seconds < 0 || time.microseconds < 0 || time.microseconds >= 1000000)
			return -EINVAL;
		/* A timeout past ~146 years is forever; the product must not overflow. */
		ns = time.seconds > INT64_MAX / NSEC_PER_SEC / 2
			     ? INT64_MAX / 2
			     : time.seconds * NSEC_PER_SEC + time.microseconds * 1000;
	}
	return do_select(count, sets, poll_deadline_after(ns));
}

long sys_pselect6(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		  const struct timespec *timeout, const void *sigmask)
{
	uint64_t *sets[3] = {read_set, write_set, except_set};
	struct {
		const uint64_t *mask;
		size_t size;
	} sigmask_argument = {NULL, 0}; /* pselect6's 6th argument points at this pair */
	int64_t ns;
	long error = get_timespec_ns(timeout, &ns);
	if (!error && sigmask &&
	    copy_from_user(&sigmask_argument, sigmask, sizeof(sigmask_argument)) != 0)
		error = -EFAULT;
	if (!error)
		error = signal_mask_for_wait(sigmask_argument.mask, sigmask_argument.size);
	if (error)
		return error;
	long result = do_select(count, sets, poll_deadline_after(ns));
	signal_mask_after_wait(result);
	return result;
}
