/*
 * The data of ramfs regular files (ramfs.h): an array of page frames, holes read as
 * zeros. read(2) and write(2) copy through the frames under the inode's mutex; mmap(2)
 * hands the very same frames to page tables (ramfs_map_page), so a MAP_SHARED store is
 * the file's data at once. The array itself is guarded by a spinlock, because the
 * page-fault path, which cannot sleep, fills holes too.
 */
#include "kmalloc.h"
#include "mm.h"
#include "pmm.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
#include "ramfs.h"

/* Make sure page `index` exists; its frame goes to *frame. Caller holds data->lock. */
static int ensure_page_locked(struct ramfs_data *data, size_t index, phys_addr_t *frame)
{
	if (index >= data->capacity) {
		size_t capacity = MAX(index + 1, data->capacity * 2);
		phys_addr_t *pages = kzalloc(capacity * sizeof(*pages));
		if (!pages)
			return -ENOMEM;
		if (data->pages)
			memcpy(pages, data->pages, data->capacity * sizeof(*pages));
		kfree(data->pages);
		data->pages = pages;
		data->capacity = capacity;
	}
	if (!data->pages[index]) {
		phys_addr_t zeroed = pmm_alloc_frame();
		if (!zeroed)
			return -ENOMEM;
		memset(phys_to_virt(zeroed), 0, PAGE_SIZE);
		data->pages[index] = zeroed;
	}
	*frame = data->pages[index];
	return 0;
}

static int ensure_page(struct ramfs_data *data, size_t index, phys_addr_t *frame)
{
	uint64_t flags = spin_lock_irqsave(&data->lock);
	int result = ensure_page_locked(data, index, frame);
	spin_unlock_irqrestore(&data->lock, flags);
	return result;
}

/* The frame holding page `index`, or 0 for a hole. */
static phys_addr_t page_at(struct ramfs_data *data, size_t index)
{
	uint64_t flags = spin_lock_irqsave(&data->lock);
	phys_addr_t frame = index < data->capacity ? data->pages[index] : 0;
	spin_unlock_irqrestore(&data->lock, flags);
	return frame;
}

/* mmap(2): a page inside the file (a hole gets its frame now), referenced for the mapping. */
int ramfs_map_page(struct inode *inode, size_t index, phys_addr_t *frame)
{
	struct ramfs_data *data = inode->private;
	if (!S_ISREG(inode->mode))
		return -ENODEV;
	uint64_t flags = spin_lock_irqsave(&data->lock);
	/* Checked under the lock: ramfs_truncate() sets a smaller size under it before it
	 * frees pages, so a fault never puts a page back past the new end. */
	int result = -ENXIO;
	if ((int64_t)index < DIV_ROUND_UP(READ_ONCE(inode->size), PAGE_SIZE))
		result = ensure_page_locked(data, index, frame);
	if (result == 0)
		pmm_get(*frame);
	spin_unlock_irqrestore(&data->lock, flags);
	return result;
}

void ramfs_free_pages(struct ramfs_data *data, size_t first)
{
	uint64_t flags = spin_lock_irqsave(&data->lock);
	for (size_t i = first; i < data->capacity; i++) {
		if (data->pages[i])
			pmm_put(data->pages[i]); /* a mapping may still hold the frame */
		data->pages[i] = 0;
	}
	spin_unlock_irqrestore(&data->lock, flags);
}

int ramfs_truncate(struct inode *inode, int64_t length)
{
	struct ramfs_data *data = inode->private;
	if (length < 0)
		return -EINVAL;
	mutex_lock(&inode->lock);
	size_t keep = DIV_ROUND_UP((size_t)length, PAGE_SIZE);
	if (length < inode->size) {
		/* Shrinking: first the size (so no new fault maps a page past it), then every
		 * mapping of the cut pages goes (touching them is SIGBUS now, mmap(2)), then the
		 * pages themselves. */
		uint64_t flags = spin_lock_irqsave(&data->lock);
		inode->size = length;
		spin_unlock_irqrestore(&data->lock, flags);
		mm_unmap_file_pages(inode, keep);
	}
	ramfs_free_pages(data, keep);
	/* Zero the tail of the last kept page so growing again reads zeros. */
	phys_addr_t last = length % PAGE_SIZE ? page_at(data, keep - 1) : 0;
	if (last)
		memset((char *)phys_to_virt(last) + length % PAGE_SIZE, 0,
		       PAGE_SIZE - length % PAGE_SIZE);
	inode->size = length;
	inode_touch(inode, true);
	mutex_unlock(&inode->lock);
	return 0;
}

ssize_t ramfs_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct inode *inode = file->inode;
	struct ramfs_data *data = inode->private;
	static const char zeros[256];
	ssize_t done = 0;

	mutex_lock(&inode->lock);
	if (*offset < 0 || *offset >= inode->size)
		goto out;
	count = MIN(count, (size_t)(inode->size - *offset));
	while ((size_t)done < count) {
		size_t index = (size_t)(*offset / PAGE_SIZE),
		       within = (size_t)(*offset % PAGE_SIZE);
		size_t chunk = MIN(count - (size_t)done, PAGE_SIZE - within);
		const char *source = zeros;
		phys_addr_t frame = page_at(data, index);
		if (frame)
			source = (const char *)phys_to_virt(frame) + within;
		else
			chunk = MIN(chunk, sizeof(zeros));
		if (io_copy_to_buffer(buffer, (size_t)done, source, chunk) != 0) {
			if (done == 0)
				done = -EFAULT;
			break;
		}
		done += (ssize_t)chunk;
		*offset += (int64_t)chunk;
	}
	inode_touch(inode, false);
out:
	mutex_unlock(&inode->lock);
	return done;
}

ssize_t ramfs_write(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct inode *inode = file->inode;
	struct ramfs_data *data = inode->private;
	ssize_t done = 0;

	mutex_lock(&inode->lock);
	if (file->flags & O_APPEND)
		*offset = inode->size;
	while ((size_t)done < count) {
		size_t index = (size_t)(*offset / PAGE_SIZE),
		       within = (size_t)(*offset % PAGE_SIZE);
		size_t chunk = MIN(count - (size_t)done, PAGE_SIZE - within);
		phys_addr_t frame;
		int error = ensure_page(data, index, &frame);
		if (!error)
			error = io_copy_from_buffer((char *)phys_to_virt(frame) + within, buffer,
						    (size_t)done, chunk);
		if (error) {
			if (done == 0)
				done = error;
			break;
		}
		done += (ssize_t)chunk;
		*offset += (int64_t)chunk;
		if (*offset > inode->size)
			inode->size = *offset;
	}
	if (done > 0)
		inode_touch(inode, true);
	mutex_unlock(&inode->lock);
	return done;
}
