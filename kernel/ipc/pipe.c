/*
 * Pipes (include/pipe.h), following pipe(7) and pipe(2):
 *
 *   read:  data there -> take what there is (up to the count);
 *          empty, no writer left -> 0 (end of file);
 *          empty, O_NONBLOCK -> -EAGAIN; else sleep until data or the last writer goes.
 *   write: no reader left -> SIGPIPE and -EPIPE;
 *          up to PIPE_BUF bytes -> all at once when that much room exists (atomic);
 *          more -> as much as fits, repeatedly, until all is written (may interleave);
 *          full, O_NONBLOCK -> what fitted, or -EAGAIN if nothing did.
 * The buffer is Linux's: 16 slots of one page each (64 KiB). A write first tops up the
 * last slot with its odd bytes (count % 4096) when they fit there whole, then fills new
 * slots a page at a time; a slot is free again only once it has been read to its end.
 * So "full" means no free slot, and what a non-blocking write manages is exactly what it
 * manages on Linux (pipe_write() in fs/pipe.c is the model; pipe(7)).
 *
 *     slots[]   tail                      head
 *               v                          v
 *     [ 3996 of 4096 | 4096 | ... | 100 |  free  | free ]
 *       read from the front       written at the end of the last slot
 *
 * Both ends are struct files on one anonymous FIFO inode whose private data is the pipe.
 * pipe->lock (a mutex: copies to and from user memory may take page faults) guards the
 * slots and the counts; readers sleep on read_wait, writers on write_wait.
 */
#include "kmalloc.h"
#include "memlayout.h"
#include "pipe.h"
#include "signal.h"
#include "poll.h"
#include "proc.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "vfs.h"
#include "wait.h"

#define PIPE_SLOTS (PIPE_CAPACITY / PAGE_SIZE)

struct pipe_slot {
	uint16_t offset; /* where the unread bytes start in the slot's page */
	uint16_t length; /* how many there are */
};

struct pipe {
	struct mutex lock;
	uint8_t *pages; /* PIPE_SLOTS pages, slot i at i * PAGE_SIZE */
	struct pipe_slot slots[PIPE_SLOTS];
	size_t head;			     /* slots ever filled (the next one is head) */
	size_t tail;			     /* slots ever emptied (the oldest is tail) */
	size_t bytes;			     /* unread bytes in all slots (FIONREAD) */
	int readers;			     /* open read ends */
	int writers;			     /* open write ends */
	unsigned reader_opens, writer_opens; /* ever opened: a FIFO open waits for a change */
	struct wait_queue_head read_wait;
	struct wait_queue_head write_wait;
	struct wait_queue_head open_wait; /* FIFO opens waiting for the other side */
};

static size_t live_pipes;

size_t pipe_count(void)
{
	return READ_ONCE(live_pipes);
}

static struct pipe *pipe_of(struct file *file)
{
	return file->inode->private;
}

/* Sleep on queue until `ready` says so; the pipe lock is dropped while asleep.
 * Returns 0, or -ERESTARTSYS when a signal arrives (signal(7): pipes restart). */
static int wait_for(struct pipe *pipe, struct wait_queue_head *queue,
		    bool (*ready)(struct pipe *pipe))
{
	struct wait_queue_entry wait;
	wait_entry_init(&wait, false);
	while (!ready(pipe)) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		prepare_to_wait(queue, &wait, TASK_INTERRUPTIBLE);
		mutex_unlock(&pipe->lock);
		if (!ready(pipe) && !signal_pending(current))
			schedule();
		finish_wait(queue, &wait);
		mutex_lock(&pipe->lock);
	}
	return 0;
}

static bool readable(struct pipe *pipe)
{
	return pipe->head != pipe->tail || pipe->writers == 0;
}

static bool full(struct pipe *pipe)
{
	return pipe->head - pipe->tail >= PIPE_SLOTS;
}

static bool writable(struct pipe *pipe)
{
	return !full(pipe) || pipe->readers == 0;
}

static struct pipe_slot *slot_at(struct pipe *pipe, size_t index)
{
	return &pipe->slots[index % PIPE_SLOTS];
}

static uint8_t *page_of(struct pipe *pipe, size_t index)
{
	return pipe->pages + (index % PIPE_SLOTS) * PAGE_SIZE;
}

static ssize_t pipe_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct pipe *pipe = pipe_of(file);
	ssize_t result = 0;
	if (count == 0)
		return 0;
	mutex_lock(&pipe->lock);
	if (!readable(pipe)) {
		result = (file->flags & O_NONBLOCK) ? -EAGAIN
						    : wait_for(pipe, &pipe->read_wait, readable);
		if (result)
			goto out;
	}
	/* Take what there is, slot after slot, up to count. */
	size_t done = 0;
	bool freed = false;
	while (done < count && pipe->head != pipe->tail) {
		struct pipe_slot *slot = slot_at(pipe, pipe->tail);
		size_t chunk = MIN(count - done, (size_t)slot->length);
		if (io_copy_to_buffer(buffer, done, page_of(pipe, pipe->tail) + slot->offset,
				      chunk) != 0) {
			if (done == 0)
				result = -EFAULT;
			break;
		}
		slot->offset += (uint16_t)chunk;
		slot->length -= (uint16_t)chunk;
		pipe->bytes -= chunk;
		done += chunk;
		if (slot->length == 0) { /* read to its end: the slot is free again */
			pipe->tail++;
			freed = true;
		}
	}
	if (result == 0)
		result = (ssize_t)done;
	if (freed)
		wake_up_all(&pipe->write_wait);
out:
	mutex_unlock(&pipe->lock);
	return result;
}

/* Copy count bytes from buffer[done...] into slot index at its end. */
static int fill_slot(struct pipe *pipe, size_t index, struct io_buffer *buffer, size_t done,
		     size_t count)
{
	struct pipe_slot *slot = slot_at(pipe, index);
	uint8_t *at = page_of(pipe, index) + slot->offset + slot->length;
	if (io_copy_from_buffer(at, buffer, done, count) != 0)
		return -EFAULT;
	slot->length += (uint16_t)count;
	pipe->bytes += count;
	return 0;
}

static ssize_t pipe_write(struct file *file, struct io_buffer *buffer, size_t count,
			  int64_t *offset)
{
	struct pipe *pipe = pipe_of(file);
	size_t done = 0;
	ssize_t error = 0;

	if (count == 0)
		return 0;
	mutex_lock(&pipe->lock);
	if (pipe->readers == 0) {
		error = -EPIPE;
		goto out;
	}
	/* The odd bytes (count % 4096) go into the last slot when they fit there whole. */
	size_t odd = count % PAGE_SIZE;
	if (odd && pipe->head != pipe->tail) {
		struct pipe_slot *last = slot_at(pipe, pipe->head - 1);
		if (last->offset + last->length + odd <= PAGE_SIZE) {
			error = fill_slot(pipe, pipe->head - 1, buffer, 0, odd);
			if (error)
				goto out;
			done = odd;
			wake_up_all(&pipe->read_wait);
		}
	}
	/* The rest, a page per free slot: a write of up to PIPE_BUF bytes needs just one, so
	 * it is never split (atomic); a bigger one may be interleaved with others. */
	while (done < count) {
		if (pipe->readers == 0) {
			error = -EPIPE;
			break;
		}
		if (full(pipe)) {
			if (file->flags & O_NONBLOCK) {
				error = -EAGAIN;
				break;
			}
			error = wait_for(pipe, &pipe->write_wait, writable);
			if (error)
				break;
			continue; /* re-check readers */
		}
		size_t chunk = MIN(count - done, (size_t)PAGE_SIZE);
		*slot_at(pipe, pipe->head) = (struct pipe_slot){0, 0};
		error = fill_slot(pipe, pipe->head, buffer, done, chunk);
		if (error)
			break;
		pipe->head++;
		done += chunk;
		wake_up_all(&pipe->read_wait);
	}
out:
	mutex_unlock(&pipe->lock);
	if (error == -EPIPE)
		signal_send_to_current(SIGPIPE);
	/* A write that moved data reports it, even if it then failed (pipe(7)). */
	return done ? (ssize_t)done : error;
}

static void pipe_release(struct file *file)
{
	struct pipe *pipe = pipe_of(file);
	unsigned mode = file->flags & O_ACCMODE;
	mutex_lock(&pipe->lock);
	if (mode == O_RDONLY || mode == O_RDWR)
		pipe->readers--;
	if (mode == O_WRONLY || mode == O_RDWR)
		pipe->writers--;
	/* A FIFO outlives its opens (the inode keeps the pipe), but like Linux, whose pipe
	 * is freed then, data nobody read is gone once the last end closes. */
	if (pipe->readers == 0 && pipe->writers == 0)
		pipe->head = pipe->tail = pipe->bytes = 0;
	mutex_unlock(&pipe->lock);
	/* The other side learns: readers see end of file, writers get EPIPE. */
	wake_up_all(&pipe->read_wait);
	wake_up_all(&pipe->write_wait);
}

static unsigned pipe_poll(struct file *file, struct poll_table *table)
{
	struct pipe *pipe = pipe_of(file);
	unsigned mode = file->flags & O_ACCMODE, events = 0;
	poll_wait(file, &pipe->read_wait, table);
	poll_wait(file, &pipe->write_wait, table);
	mutex_lock(&pipe->lock);
	if (mode != O_WRONLY) {
		if (pipe->head != pipe->tail)
			events |= POLLIN | POLLRDNORM;
		if (pipe->writers == 0 && pipe->writer_opens > 0)
			events |= POLLHUP;
	}
	if (mode != O_RDONLY) {
		if (!full(pipe)) /* a free slot: room for PIPE_BUF bytes */
			events |= POLLOUT | POLLWRNORM;
		if (pipe->readers == 0)
			events |= POLLERR;
	}
	mutex_unlock(&pipe->lock);
	return events;
}

struct pipe *pipe_alloc(void)
{
	struct pipe *pipe = kzalloc(sizeof(*pipe));
	if (!pipe)
		return NULL;
	pipe->pages = kmalloc(PIPE_CAPACITY);
	if (!pipe->pages) {
		kfree(pipe);
		return NULL;
	}
	mutex_init(&pipe->lock, "pipe");
	wait_queue_init(&pipe->read_wait, "pipe-read");
	wait_queue_init(&pipe->write_wait, "pipe-write");
	wait_queue_init(&pipe->open_wait, "fifo-open");
	__atomic_add_fetch(&live_pipes, 1, __ATOMIC_RELAXED);
	return pipe;
}

void pipe_free(struct pipe *pipe)
{
	kfree(pipe->pages);
	kfree(pipe);
	__atomic_sub_fetch(&live_pipes, 1, __ATOMIC_RELAXED);
}

/*
 * Opening a FIFO (fifo(7)): a reader waits for a writer and a writer for a reader, unless
 * O_NONBLOCK: then a reader opens at once and a writer without a reader gets -ENXIO.
 * O_RDWR never waits (it is both sides).
 */
static int fifo_open(struct inode *inode, struct file *file)
{
	struct pipe *pipe = inode->private;
	unsigned mode = file->flags & O_ACCMODE;
	struct wait_queue_entry wait;
	int result = 0;

	mutex_lock(&pipe->lock);
	if (mode == O_WRONLY && pipe->readers == 0 && (file->flags & O_NONBLOCK)) {
		mutex_unlock(&pipe->lock);
		return -ENXIO;
	}
	if (mode == O_RDONLY || mode == O_RDWR) {
		pipe->readers++;
		pipe->reader_opens++;
	}
	if (mode == O_WRONLY || mode == O_RDWR) {
		pipe->writers++;
		pipe->writer_opens++;
	}
	mutex_unlock(&pipe->lock);
	wake_up_all(&pipe->open_wait);
	if (mode == O_RDWR || (mode == O_RDONLY && (file->flags & O_NONBLOCK)))
		return 0;

	wait_entry_init(&wait, false);
	mutex_lock(&pipe->lock);
	unsigned seen = mode == O_RDONLY ? pipe->writer_opens : pipe->reader_opens;
	bool other_side = mode == O_RDONLY ? pipe->writers > 0 : pipe->readers > 0;
	while (!other_side) {
		if (signal_pending(current)) {
			result = -ERESTARTSYS;
			break;
		}
		prepare_to_wait(&pipe->open_wait, &wait, TASK_INTERRUPTIBLE);
		mutex_unlock(&pipe->lock);
		schedule();
		finish_wait(&pipe->open_wait, &wait);
		mutex_lock(&pipe->lock);
		/* The other side came (perhaps already left again): the open is done. */
		other_side = (mode == O_RDONLY ? pipe->writer_opens : pipe->reader_opens) != seen;
	}
	if (result) {
		if (mode == O_RDONLY)
			pipe->readers--;
		else
			pipe->writers--;
	}
	mutex_unlock(&pipe->lock);
	return result;
}

static void pipe_inode_release(struct inode *inode)
{
	pipe_free(inode->private);
}

static long pipe_ioctl(struct file *file, unsigned command, unsigned long argument);

static const struct file_operations pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* A named pipe does the same I/O; only opening it is different. */
const struct file_operations fifo_file_ops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

static const struct inode_operations pipe_inode_ops = {
	.release = pipe_inode_release,
};

#define FIONREAD 0x541b

static long pipe_ioctl(struct file *file, unsigned command, unsigned long argument)
{
	struct pipe *pipe = pipe_of(file);
	if (command != FIONREAD)
		return -ENOTTY;
	int available = (int)pipe->bytes;
	struct io_buffer out = {.address = (char *)argument, .user = true};
	return io_copy_to_buffer(&out, 0, &available, sizeof(available));
}

int pipe_create(struct file **reader, struct file **writer, unsigned flags)
{
	int error = -ENOMEM;
	struct pipe *pipe = pipe_alloc();
	if (!pipe)
		return -ENOMEM;
	struct inode *inode = inode_alloc(S_IFIFO | 0600);
	if (!inode) {
		pipe_free(pipe);
		return -ENOMEM;
	}
	pipe->readers = pipe->writers = 1;
	pipe->reader_opens = pipe->writer_opens = 1;
	inode->private = pipe;
	inode->ops = &pipe_inode_ops;
	inode->file_ops = &pipe_ops;
	inode->link_count = 1;

	*reader = file_open_inode(inode, O_RDONLY | (flags & O_NONBLOCK), &error);
	if (*reader)
		*writer = file_open_inode(inode, O_WRONLY | (flags & O_NONBLOCK), &error);
	inode_put(inode); /* the files hold it now */
	if (!*reader)
		return error;
	if (!*writer) {
		pipe->writers = 0;
		file_put(*reader);
		return error;
	}
	return 0;
}

long sys_pipe2(int *user_fds, int flags)
{
	struct file *reader, *writer;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	int error = pipe_create(&reader, &writer, (unsigned)flags);
	if (error)
		return error;
	int fds[2];
	fds[0] = fd_install(reader, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(reader);
		file_put(writer);
		return fds[0];
	}
	fds[1] = fd_install(writer, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		file_put(writer);
		return fds[1];
	}
	struct io_buffer out = {.address = (char *)user_fds, .user = true};
	if (io_copy_to_buffer(&out, 0, fds, sizeof(fds)) != 0) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int *fds)
{
	return sys_pipe2(fds, 0);
}
