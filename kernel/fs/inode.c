/*
 * Inodes and open files (include/vfs.h): allocation, reference counting, and the io_buffer
 * helpers that let one read/write implementation serve user buffers and kernel buffers.
 */
#include "kmalloc.h"
#include "panic.h"
#include "string.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

static size_t live_inodes, live_files;
static uint64_t next_inode_number = 1;

size_t inode_count(void)
{
	return READ_ONCE(live_inodes);
}

size_t file_count(void)
{
	return READ_ONCE(live_files);
}

static struct timespec now(void)
{
	uint64_t ns = clock_monotonic_ns();
	return (struct timespec){.tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				 .tv_nsec = (int64_t)(ns % NSEC_PER_SEC)};
}

void inode_touch(struct inode *inode, bool modified)
{
	struct timespec time = now();
	inode->access_time = time;
	if (modified)
		inode->modify_time = inode->change_time = time;
}

struct inode *inode_alloc(uint32_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	if (!inode)
		return NULL;
	inode->number = __atomic_fetch_add(&next_inode_number, 1, __ATOMIC_RELAXED);
	inode->mode = mode;
	inode->refcount = 1;
	mutex_init(&inode->lock, "inode");
	inode->access_time = inode->modify_time = inode->change_time = now();
	__atomic_add_fetch(&live_inodes, 1, __ATOMIC_RELAXED);
	return inode;
}

void inode_get(struct inode *inode)
{
	__atomic_add_fetch(&inode->refcount, 1, __ATOMIC_RELAXED);
}

void inode_put(struct inode *inode)
{
	long left = __atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left > 0)
		return;
	if (inode->ops && inode->ops->release)
		inode->ops->release(inode);
	kfree(inode);
	__atomic_sub_fetch(&live_inodes, 1, __ATOMIC_RELAXED);
}

struct file *file_open_inode(struct inode *inode, unsigned flags, int *error)
{
	struct file *file = kzalloc(sizeof(*file));
	if (!file) {
		*error = -ENOMEM;
		return NULL;
	}
	file->refcount = 1;
	file->inode = inode;
	file->ops = inode->file_ops;
	file->flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	mutex_init(&file->offset_lock, "file-offset");
	inode_get(inode);
	__atomic_add_fetch(&live_files, 1, __ATOMIC_RELAXED);
	if (file->ops && file->ops->open) {
		*error = file->ops->open(inode, file);
		if (*error != 0) {
			file->ops = NULL; /* no release for an open that failed */
			file_put(file);
			return NULL;
		}
	}
	*error = 0;
	return file;
}

void file_get(struct file *file)
{
	__atomic_add_fetch(&file->refcount, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *file)
{
	long left = __atomic_sub_fetch(&file->refcount, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left > 0)
		return;
	if (file->ops && file->ops->release)
		file->ops->release(file);
	inode_put(file->inode);
	kfree(file);
	__atomic_sub_fetch(&live_files, 1, __ATOMIC_RELAXED);
}

int io_copy_to_buffer(struct io_buffer *buffer, size_t offset, const void *source, size_t length)
{
	if (buffer->user)
		return copy_to_user(buffer->address + offset, source, length);
	memcpy(buffer->address + offset, source, length);
	return 0;
}

int io_copy_from_buffer(void *destination, struct io_buffer *buffer, size_t offset, size_t length)
{
	if (buffer->user)
		return copy_from_user(destination, buffer->address + offset, length);
	memcpy(destination, buffer->address + offset, length);
	return 0;
}

ssize_t kernel_read(struct file *file, void *buffer, size_t count, int64_t offset)
{
	struct io_buffer io = {.address = buffer, .user = false};
	if (!file->ops || !file->ops->read)
		return -EINVAL;
	return file->ops->read(file, &io, count, &offset);
}
