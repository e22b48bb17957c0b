/*
 * Waiting for several files at once (kernel/fs/poll.c): poll(2), ppoll(2), select(2),
 * pselect6(2). A file's poll hook reports which events are ready now and, through
 * poll_wait(), puts the caller on the wait queues that will announce a change; the caller
 * then sleeps until any of them wakes it (or the timeout passes) and asks again.
 */
#ifndef SPINDLE_POLL_H
#define SPINDLE_POLL_H

#include "wait.h"

#define POLLIN	   0x0001
#define POLLPRI	   0x0002
#define POLLOUT	   0x0004
#define POLLERR	   0x0008
#define POLLHUP	   0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP  0x2000

/* Files without a poll hook (regular files, /dev/null) are always ready, as on Linux. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#define POLL_MAX_WAITS 128

struct poll_table {
	bool registering; /* queue entries this round (every round of a waiting poll) */
	bool capturing;	  /* only note the queues in waits[] (epoll's EPOLLET), join none */
	bool overflow;	  /* more queues than waits[] holds: poll_loop() re-checks on a timer */
	int count;
	struct {
		struct wait_queue_head *queue;
		struct wait_queue_entry entry;
	} waits[POLL_MAX_WAITS];
};

struct file;
/* Called by a file's poll hook for every queue that may signal a change. */
void poll_wait(struct file *file, struct wait_queue_head *queue, struct poll_table *table);

/* The waiting loop poll, select and epoll_wait share (kernel/fs/poll.c): `check` fills in
 * results and returns how many are ready (or -errno); it is asked again after every wake-up
 * until something is ready, a signal comes (-EINTR) or the deadline passes (0). deadline:
 * 0 waits forever, UINT64_MAX does not wait; poll_deadline_after() makes one from a
 * relative timeout in nanoseconds (negative: forever). */
long poll_loop(long (*check)(void *state, struct poll_table *table), void *state,
	       uint64_t deadline);
uint64_t poll_deadline_after(int64_t ns);

#endif
