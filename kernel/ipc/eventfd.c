/*
 * eventfd(2): a file that is a 64-bit counter, the smallest IPC there is. write() adds to
 * it, read() takes it all (or, with EFD_SEMAPHORE, one) and waits while it is zero; poll
 * says readable when it is not zero. Threads and related processes use it to wake each
 * other, and it is the natural thing to hand to poll() or epoll next to sockets and pipes.
 *
 * The counter stops at 2^64 - 2: a write that would pass it waits (or fails with EAGAIN).
 * Lock: each eventfd's spinlock guards its counter; waiters sleep on its wait queue.
 */
#include "kmalloc.h"
#include "poll.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
#include "wait.h"

#define EFD_SEMAPHORE 1
#define EVENTFD_MAX   0xfffffffffffffffeull

struct eventfd {
	struct spinlock lock;
	uint64_t count;
	bool semaphore;
	struct wait_queue_head wait; /* readers and writers both: any change wakes all */
};

/* Wait until ready(eventfd) under its lock, or fail: -EAGAIN, -ERESTARTSYS. Returns with
 * the lock held (flags in *flags) on success. */
static long wait_until(struct file *file, struct eventfd *eventfd,
		       bool (*ready)(const struct eventfd *, uint64_t), uint64_t value,
		       uint64_t *flags)
{
	struct wait_queue_entry wait;
	wait_entry_init(&wait, false);
	for (;;) {
		*flags = spin_lock_irqsave(&eventfd->lock);
		if (ready(eventfd, value))
			return 0;
		spin_unlock_irqrestore(&eventfd->lock, *flags);
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS; /* read/write on a slow file: restartable */
		prepare_to_wait(&eventfd->wait, &wait, TASK_INTERRUPTIBLE);
		if (!ready(eventfd, value))
			schedule();
		finish_wait(&eventfd->wait, &wait);
	}
}

static bool has_count(const struct eventfd *eventfd, uint64_t unused)
{
	return READ_ONCE(eventfd->count) > 0;
}

static bool has_room(const struct eventfd *eventfd, uint64_t value)
{
	return EVENTFD_MAX - READ_ONCE(eventfd->count) >= value;
}

static ssize_t eventfd_read(struct file *file, struct io_buffer *buffer, size_t count,
			    int64_t *offset)
{
	struct eventfd *eventfd = file->private;
	uint64_t flags, value;
	if (count < sizeof(value))
		return -EINVAL;
	long error = wait_until(file, eventfd, has_count, 0, &flags);
	if (error)
		return error;
	value = eventfd->semaphore ? 1 : eventfd->count;
	eventfd->count -= value;
	spin_unlock_irqrestore(&eventfd->lock, flags);
	wake_up_all(&eventfd->wait); /* a writer waiting for room */
	if (io_copy_to_buffer(buffer, 0, &value, sizeof(value)) != 0)
		return -EFAULT; /* as Linux: the count is already taken */
	return sizeof(value);
}

static ssize_t eventfd_write(struct file *file, struct io_buffer *buffer, size_t count,
			     int64_t *offset)
{
	struct eventfd *eventfd = file->private;
	uint64_t flags, value;
	if (count < sizeof(value))
		return -EINVAL;
	if (io_copy_from_buffer(&value, buffer, 0, sizeof(value)) != 0)
		return -EFAULT;
	if (value == ~0ull)
		return -EINVAL;
	long error = wait_until(file, eventfd, has_room, value, &flags);
	if (error)
		return error;
	eventfd->count += value;
	spin_unlock_irqrestore(&eventfd->lock, flags);
	wake_up_all(&eventfd->wait);
	return sizeof(value);
}

static unsigned eventfd_poll(struct file *file, struct poll_table *table)
{
	struct eventfd *eventfd = file->private;
	poll_wait(file, &eventfd->wait, table);
	uint64_t count = READ_ONCE(eventfd->count);
	unsigned events = 0;
	if (count > 0)
		events |= POLLIN | POLLRDNORM;
	if (count < EVENTFD_MAX)
		events |= POLLOUT | POLLWRNORM;
	return events;
}

static void eventfd_release(struct file *file)
{
	kfree(file->private);
}

static const struct file_operations eventfd_ops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

long sys_eventfd2(unsigned initial, int flags)
{
	if (flags & ~(EFD_SEMAPHORE | O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	struct eventfd *eventfd = kzalloc(sizeof(*eventfd));
	if (!eventfd)
		return -ENOMEM;
	spin_lock_init(&eventfd->lock, "eventfd");
	wait_queue_init(&eventfd->wait, "eventfd");
	eventfd->count = initial;
	eventfd->semaphore = flags & EFD_SEMAPHORE;
	int error = -ENOMEM;
	struct inode *inode = inode_alloc(0600); /* an anonymous inode, as Linux's */
	struct file *file = NULL;
	if (inode) {
		inode->file_ops = &eventfd_ops;
		file = file_open_inode(inode, O_RDWR | (flags & O_NONBLOCK), &error);
		inode_put(inode);
	}
	if (!file) {
		kfree(eventfd);
		return error;
	}
	file->private = eventfd;
	long fd = fd_install(file, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(file);
	return fd;
}

long sys_eventfd(unsigned initial)
{
	return sys_eventfd2(initial, 0);
}
