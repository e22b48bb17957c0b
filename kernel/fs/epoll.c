/*
 * epoll(7): a set of watched descriptors kept in the kernel, so a server asks "which of my
 * thousand connections are ready?" without passing the list on every call as poll(2) must.
 * epoll_create1 makes the set (itself a file), epoll_ctl adds, changes and removes
 * descriptors with the events wanted and a 64-bit cookie, epoll_wait returns the ready ones
 * with their cookies.
 *
 * Spindle's epoll_wait asks each watched file's poll hook in turn -- the same hooks and the
 * same waiting loop as poll(2) (poll_loop) -- so it is level-triggered and exact, but it
 * costs time in proportion to the set, where Linux keeps a ready list filled by callbacks.
 * EPOLLONESHOT disables a descriptor after one report until EPOLL_CTL_MOD re-arms it.
 * EPOLLET reports a ready descriptor only when its wait queues have seen a wake-up since it
 * was last reported (each queue counts its wake-ups), which is Linux's "an event happened"
 * seen from the outside.
 * A watched descriptor that is closed (or whose number now means another file) leaves the
 * set at the next epoll_wait; Linux keeps watching the open file while any duplicate of it
 * lives. An epoll set may watch another, but not one that itself watches a set (ELOOP).
 *
 * Lock: each set's mutex guards its item list; taken before any watched file's own locks.
 */
#include "kmalloc.h"
#include "list.h"
#include "mutex.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLLEXCLUSIVE	 (1u << 28)
#define EPOLLWAKEUP	 (1u << 29)
#define EPOLLONESHOT	 (1u << 30)
#define EPOLLET		 (1u << 31)
#define EPOLL_CLOEXEC	 O_CLOEXEC
#define EPOLL_MAX_EVENTS (INT32_MAX / 12)

/* The user's struct epoll_event: packed on x86_64, 12 bytes. */
struct epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

struct epoll_item {
	struct list_head node;
	int fd;
	struct file *file; /* not referenced: checked against the fd table at every look */
	uint32_t events;   /* what was asked for, with EPOLLET/EPOLLONESHOT */
	uint64_t data;
	bool disarmed;	/* EPOLLONESHOT: reported, waiting for EPOLL_CTL_MOD */
	bool reported;	/* EPOLLET: reported at least once ... */
	uint64_t wakes; /* ... when its queues had seen this many wake-ups */
};

/* EPOLLET: the wake-ups the file's wait queues have seen, all together. */
static uint64_t wake_sum(struct file *file)
{
	struct poll_table *capture = kzalloc(sizeof(*capture));
	uint64_t sum = 0;
	if (!capture)
		return 0;
	capture->capturing = true;
	file->ops->poll(file, capture);
	for (int i = 0; i < capture->count; i++)
		sum += READ_ONCE(capture->waits[i].queue->wake_count);
	kfree(capture);
	return sum;
}

struct epoll {
	struct mutex lock;
	struct list_head items;
	bool watches_sets; /* some item is itself an epoll set */
};

static const struct file_operations epoll_ops;

static bool is_epoll(const struct file *file)
{
	return file->ops == &epoll_ops;
}

/* One look at an item: the events to report now, 0 if none. Caller holds the set's lock. */
static unsigned look(struct epoll_item *item, struct poll_table *table, bool consume, bool *gone)
{
	struct file *file = fd_get(item->fd); /* referenced while we look */
	*gone = file != item->file;
	if (*gone || item->disarmed) {
		if (file)
			file_put(file);
		return 0;
	}
	unsigned ready = file->ops->poll(file, table);
	ready &= (item->events & ~(EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP)) |
		 POLLERR | POLLHUP;
	if (ready && (item->events & EPOLLET)) {
		uint64_t wakes = wake_sum(file);
		if (item->reported && wakes == item->wakes)
			ready = 0; /* nothing happened since the last report */
		else if (consume) {
			item->reported = true;
			item->wakes = wakes;
		}
	}
	file_put(file);
	return ready;
}

struct wait_state {
	struct epoll *set;
	struct epoll_event *out;
	int room;
};

static long check_items(void *opaque, struct poll_table *table)
{
	struct wait_state *state = opaque;
	struct epoll_item *item, *next;
	long ready = 0;
	mutex_lock(&state->set->lock);
	list_for_each_entry_safe (item, next, &state->set->items, node) {
		bool gone;
		unsigned events = look(item, table, ready < state->room, &gone);
		if (gone) { /* closed, or the number reused: no longer watched */
			list_del(&item->node);
			kfree(item);
			continue;
		}
		if (!events || ready == state->room)
			continue;
		state->out[ready].events = events;
		state->out[ready].data = item->data;
		ready++;
		if (item->events & EPOLLONESHOT)
			item->disarmed = true;
	}
	mutex_unlock(&state->set->lock);
	return ready;
}

static unsigned epoll_poll(struct file *file, struct poll_table *table)
{
	struct epoll *set = file->private;
	struct epoll_item *item;
	unsigned events = 0;
	mutex_lock(&set->lock);
	list_for_each_entry (item, &set->items, node) {
		bool gone;
		/* Only a look: an edge is consumed by epoll_wait, not here. */
		if (look(item, table, false, &gone))
			events = POLLIN | POLLRDNORM;
	}
	mutex_unlock(&set->lock);
	return events;
}

static void epoll_release(struct file *file)
{
	struct epoll *set = file->private;
	struct epoll_item *item, *next;
	list_for_each_entry_safe (item, next, &set->items, node)
		kfree(item);
	kfree(set);
}

static const struct file_operations epoll_ops = {
	.poll = epoll_poll,
	.release = epoll_release,
};

long sys_epoll_create1(int flags)
{
	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	struct epoll *set = kzalloc(sizeof(*set));
	if (!set)
		return -ENOMEM;
	mutex_init(&set->lock, "epoll");
	list_init(&set->items);
	int error = -ENOMEM;
	struct inode *inode = inode_alloc(0600); /* anonymous, as Linux's [eventpoll] */
	struct file *file = NULL;
	if (inode) {
		inode->file_ops = &epoll_ops;
		file = file_open_inode(inode, O_RDWR, &error);
		inode_put(inode);
	}
	if (!file) {
		kfree(set);
		return error;
	}
	file->private = set;
	long fd = fd_install(file, 0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		file_put(file);
	return fd;
}

long sys_epoll_create(int size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

static struct epoll_item *find_item(struct epoll *set, int fd, struct file *file)
{
	struct epoll_item *item;
	list_for_each_entry (item, &set->items, node) {
		if (item->fd == fd && item->file == file)
			return item;
	}
	return NULL;
}

static long control(struct epoll *set, int op, int fd, struct file *target,
		    const struct epoll_event *event)
{
	struct epoll_item *item = find_item(set, fd, target);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (item)
			return -EEXIST;
		if (is_epoll(target) && ((struct epoll *)target->private)->watches_sets)
			return -ELOOP;
		item = kzalloc(sizeof(*item));
		if (!item)
			return -ENOMEM;
		item->fd = fd;
		item->file = target;
		item->events = event->events;
		item->data = event->data;
		list_add_tail(&item->node, &set->items);
		set->watches_sets |= is_epoll(target);
		return 0;
	case EPOLL_CTL_MOD:
		if (!item)
			return -ENOENT;
		if (event->events & EPOLLEXCLUSIVE)
			return -EINVAL;
		item->events = event->events;
		item->data = event->data;
		item->disarmed = false;
		item->reported = false;
		return 0;
	case EPOLL_CTL_DEL:
		if (!item)
			return -ENOENT;
		list_del(&item->node);
		kfree(item);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *user_event)
{
	struct epoll_event event = {0};
	if (op != EPOLL_CTL_DEL && copy_from_user(&event, user_event, sizeof(event)) != 0)
		return -EFAULT;
	struct file *epoll_file = fd_get(epfd);
	if (!epoll_file)
		return -EBADF;
	struct file *target = fd_get(fd);
	long result;
	if (!target)
		result = -EBADF;
	else if (!target->ops || !target->ops->poll)
		result = -EPERM; /* regular files and the like are always ready: not watchable */
	else if (!is_epoll(epoll_file) || target == epoll_file)
		result = -EINVAL;
	else {
		struct epoll *set = epoll_file->private;
		mutex_lock(&set->lock);
		result = control(set, op, fd, target, &event);
		mutex_unlock(&set->lock);
	}
	if (target)
		file_put(target);
	file_put(epoll_file);
	return result;
}

static long epoll_wait_common(int epfd, struct epoll_event *user_events, int max_events,
			      int timeout_ms)
{
	if (max_events <= 0 || max_events > EPOLL_MAX_EVENTS)
		return -EINVAL;
	struct file *file = fd_get(epfd);
	if (!file)
		return -EBADF;
	long result = -EINVAL;
	struct wait_state state = {.room = max_events};
	if (!is_epoll(file))
		goto out_file;
	state.set = file->private;
	state.out = kmalloc((size_t)max_events * sizeof(struct epoll_event));
	result = -ENOMEM;
	if (!state.out)
		goto out_file;
	result =
		poll_loop(check_items, &state,
			  poll_deadline_after(timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000));
	if (result > 0 &&
	    copy_to_user(user_events, state.out, (size_t)result * sizeof(struct epoll_event)) != 0)
		result = -EFAULT;
	kfree(state.out);
out_file:
	file_put(file);
	return result;
}

long sys_epoll_wait(int epfd, struct epoll_event *events, int max_events, int timeout_ms)
{
	return epoll_wait_common(epfd, events, max_events, timeout_ms);
}

/* epoll_pwait(2): as epoll_wait, with the signal mask replaced while it waits. */
long sys_epoll_pwait(int epfd, struct epoll_event *events, int max_events, int timeout_ms,
		     const void *sigmask, size_t sigset_size)
{
	long error = signal_mask_for_wait(sigmask, sigset_size);
	if (error)
		return error;
	long result = epoll_wait_common(epfd, events, max_events, timeout_ms);
	signal_mask_after_wait(result);
	return result;
}
