/*
 * ramfs internals shared by ramfs.c (names, directories, inodes) and ramfs_file.c (the
 * pages of regular files: read, write, truncate and mmap).
 */
#ifndef SPINDLE_FS_RAMFS_H
#define SPINDLE_FS_RAMFS_H

#include "spinlock.h"
#include "vfs.h"

struct ramfs_data {
	struct spinlock lock; /* guards pages and capacity: the page-fault path cannot sleep */
	phys_addr_t *pages;
	size_t capacity;
};

void ramfs_free_pages(struct ramfs_data *data, size_t first);
int ramfs_map_page(struct inode *inode, size_t index, phys_addr_t *frame);
int ramfs_truncate(struct inode *inode, int64_t length);
ssize_t ramfs_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset);
ssize_t ramfs_write(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset);

#endif
