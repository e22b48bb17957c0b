/*
 * ramfs: the in-memory file system that holds the root tree (include/vfs.h).
 *
 *   directory  private = struct ramfs_dir: entries (name -> referenced inode), parent
 *   file       private = struct ramfs_data: an array of page frames; holes read as zeros
 *              (read, write, truncate and mmap of the pages are in ramfs_file.c)
 *   symlink    private = the target string
 *   device     rdev; its file_operations come from the character-device table
 * Every inode's lock (a mutex) guards its private data. A directory entry holds one
 * reference on its inode; the inode goes when the last name and the last open file go.
 */
#include "kmalloc.h"
#include "panic.h"
#include "pipe.h"
#include "pmm.h"
#include "string.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
#include "ramfs.h"

struct ramfs_entry {
	char *name;
	struct inode *inode;
	struct list_head node;
};

struct ramfs_dir {
	struct list_head entries;
	struct inode *parent; /* referenced; the root is its own parent */
	size_t count;
};

static const struct inode_operations ramfs_inode_ops;
static const struct file_operations ramfs_file_ops, ramfs_dir_ops;
static struct inode *root;

struct inode *vfs_root(void)
{
	return root;
}

static struct ramfs_dir *dir_of(struct inode *inode)
{
	return inode->private;
}

static struct ramfs_entry *find_entry(struct inode *directory, const char *name)
{
	struct ramfs_entry *entry;
	list_for_each_entry (entry, &dir_of(directory)->entries, node) {
		if (strcmp(entry->name, name) == 0)
			return entry;
	}
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *directory, const char *name)
{
	struct inode *found = NULL;
	mutex_lock(&directory->lock);
	if (strcmp(name, ".") == 0) {
		found = directory;
	} else if (strcmp(name, "..") == 0) {
		found = dir_of(directory)->parent;
	} else {
		struct ramfs_entry *entry = find_entry(directory, name);
		if (entry)
			found = entry->inode;
	}
	if (found)
		inode_get(found);
	mutex_unlock(&directory->lock);
	return found;
}

static struct inode *new_inode(uint32_t mode, struct inode *parent)
{
	struct inode *inode = inode_alloc(mode);
	if (!inode)
		return NULL;
	inode->ops = &ramfs_inode_ops;
	inode->link_count = 1;
	if (S_ISDIR(mode)) {
		struct ramfs_dir *dir = kzalloc(sizeof(*dir));
		if (!dir) {
			inode_put(inode);
			return NULL;
		}
		list_init(&dir->entries);
		dir->parent = parent ? parent : inode;
		if (parent)
			inode_get(parent);
		inode->private = dir;
		inode->file_ops = &ramfs_dir_ops;
		inode->link_count = 2;
	} else if (S_ISREG(mode)) {
		struct ramfs_data *data = kzalloc(sizeof(*data));
		if (!data) {
			inode_put(inode);
			return NULL;
		}
		spin_lock_init(&data->lock, "ramfs-pages");
		inode->private = data;
		inode->file_ops = &ramfs_file_ops;
	}
	return inode;
}

/* Link inode into directory under name (a new reference). Caller holds directory->lock. */
static int add_entry(struct inode *directory, const char *name, struct inode *inode)
{
	size_t length = strlen(name);
	if (length == 0 || length > NAME_MAX)
		return length ? -ENAMETOOLONG : -ENOENT;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EEXIST; /* they always exist; a stored "..", say, could never be removed */
	if (directory->link_count == 0)
		return -ENOENT; /* removed (someone's cwd still): nothing may be made in it */
	struct ramfs_entry *entry = kmalloc(sizeof(*entry));
	char *copy = kmalloc(length + 1);
	if (!entry || !copy) {
		kfree(entry);
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, name, length + 1);
	entry->name = copy;
	entry->inode = inode;
	inode_get(inode);
	list_add_tail(&entry->node, &dir_of(directory)->entries);
	dir_of(directory)->count++;
	if (S_ISDIR(inode->mode))
		directory->link_count++;
	inode_touch(directory, true);
	return 0;
}

static void remove_entry(struct inode *directory, struct ramfs_entry *entry)
{
	list_del(&entry->node);
	dir_of(directory)->count--;
	if (S_ISDIR(entry->inode->mode)) {
		directory->link_count--;
		entry->inode->link_count = 0;
	} else {
		entry->inode->link_count--;
	}
	inode_touch(directory, true);
	inode_put(entry->inode);
	kfree(entry->name);
	kfree(entry);
}

static int ramfs_create(struct inode *directory, const char *name, uint32_t mode, uint64_t rdev,
			struct inode **created)
{
	int result;
	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISCHR(mode) && !S_ISFIFO(mode) &&
	    !S_ISSOCK(mode))
		return -EINVAL;
	mutex_lock(&directory->lock);
	if (find_entry(directory, name) || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		result = -EEXIST;
		goto out_unlock;
	}
	struct inode *inode = new_inode(mode, directory);
	result = -ENOMEM;
	if (!inode)
		goto out_unlock;
	if (S_ISCHR(mode)) {
		inode->rdev = rdev;
		inode->file_ops = chrdev_lookup(rdev);
	} else if (S_ISFIFO(mode)) {
		inode->private = pipe_alloc();
		inode->file_ops = &fifo_file_ops;
		if (!inode->private) {
			inode_put(inode);
			goto out_unlock;
		}
	}
	result = add_entry(directory, name, inode);
	if (result == 0 && created)
		*created = inode; /* the caller's reference */
	else
		inode_put(inode);
out_unlock:
	mutex_unlock(&directory->lock);
	return result;
}

static int ramfs_symlink(struct inode *directory, const char *name, const char *target)
{
	size_t length = strlen(target);
	if (length == 0 || length >= PATH_MAX)
		return -ENOENT;
	struct inode *inode = new_inode(S_IFLNK | 0777, directory);
	if (!inode)
		return -ENOMEM;
	inode->private = kmalloc(length + 1);
	if (!inode->private) {
		inode_put(inode);
		return -ENOMEM;
	}
	memcpy(inode->private, target, length + 1);
	inode->size = (int64_t)length;
	mutex_lock(&directory->lock);
	int result = find_entry(directory, name) ? -EEXIST : add_entry(directory, name, inode);
	mutex_unlock(&directory->lock);
	inode_put(inode);
	return result;
}

static int ramfs_link(struct inode *directory, const char *name, struct inode *inode)
{
	mutex_lock(&directory->lock);
	int result = find_entry(directory, name) ? -EEXIST : add_entry(directory, name, inode);
	if (result == 0)
		inode->link_count++;
	mutex_unlock(&directory->lock);
	return result;
}

static int ramfs_readlink(struct inode *inode, char *buffer, size_t size)
{
	strlcpy(buffer, inode->private, size);
	return (int)MIN((size_t)inode->size, size - 1);
}

static int remove_common(struct inode *directory, const char *name, bool want_directory)
{
	int result = 0;
	mutex_lock(&directory->lock);
	struct ramfs_entry *entry = find_entry(directory, name);
	if (!entry) {
		result = strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ? -EINVAL : -ENOENT;
		goto out;
	}
	bool is_directory = S_ISDIR(entry->inode->mode);
	if (want_directory && !is_directory)
		result = -ENOTDIR;
	else if (!want_directory && is_directory)
		result = -EISDIR;
	else if (is_directory && dir_of(entry->inode)->count > 0)
		result = -ENOTEMPTY;
	else
		remove_entry(directory, entry);
out:
	mutex_unlock(&directory->lock);
	return result;
}

static int ramfs_unlink(struct inode *directory, const char *name)
{
	return remove_common(directory, name, false);
}

static int ramfs_rmdir(struct inode *directory, const char *name)
{
	return remove_common(directory, name, true);
}

/* Is `ancestor` the directory itself or above it? (Moving a directory into itself.) */
static bool is_ancestor(struct inode *ancestor, struct inode *directory)
{
	for (struct inode *walk = directory;; walk = dir_of(walk)->parent) {
		if (walk == ancestor)
			return true;
		if (dir_of(walk)->parent == walk)
			return false;
	}
}

/* The big rename lock: one rename at a time keeps the ancestor check and the two
 * directory updates consistent without lock-ordering puzzles. */
static struct mutex rename_lock = MUTEX_INIT(rename_lock);

static int ramfs_rename(struct inode *old_dir, const char *old_name, struct inode *new_dir,
			const char *new_name)
{
	int result = 0;
	mutex_lock(&rename_lock);
	mutex_lock(&old_dir->lock);
	if (new_dir != old_dir)
		mutex_lock(&new_dir->lock);

	struct ramfs_entry *source = find_entry(old_dir, old_name);
	struct ramfs_entry *target = find_entry(new_dir, new_name);
	if (!source) {
		result = -ENOENT;
		goto out;
	}
	struct inode *moving = source->inode;
	if (S_ISDIR(moving->mode) && is_ancestor(moving, new_dir)) {
		result = -EINVAL;
		goto out;
	}
	if (target) {
		if (target->inode == moving)
			goto out;
		if (S_ISDIR(moving->mode) && !S_ISDIR(target->inode->mode))
			result = -ENOTDIR;
		else if (!S_ISDIR(moving->mode) && S_ISDIR(target->inode->mode))
			result = -EISDIR;
		else if (S_ISDIR(target->inode->mode) && dir_of(target->inode)->count > 0)
			result = -ENOTEMPTY;
		if (result)
			goto out;
	}
	result = add_entry(new_dir, new_name[0] ? new_name : old_name, moving);
	if (result)
		goto out;
	if (target)
		remove_entry(new_dir, target);
	if (S_ISDIR(moving->mode) && new_dir != old_dir) {
		mutex_lock(&moving->lock);
		inode_put(dir_of(moving)->parent);
		dir_of(moving)->parent = new_dir;
		inode_get(new_dir);
		mutex_unlock(&moving->lock);
	}
	/* The old name goes; the inode keeps its link count (the new name replaces it). */
	uint32_t links = moving->link_count;
	remove_entry(old_dir, source);
	moving->link_count = links;
out:
	if (new_dir != old_dir)
		mutex_unlock(&new_dir->lock);
	mutex_unlock(&old_dir->lock);
	mutex_unlock(&rename_lock);
	return result;
}

static void ramfs_release(struct inode *inode)
{
	if (S_ISDIR(inode->mode)) {
		struct ramfs_dir *dir = inode->private;
		struct ramfs_entry *entry, *next;
		list_for_each_entry_safe (entry, next, &dir->entries, node)
			remove_entry(inode, entry);
		if (dir->parent != inode)
			inode_put(dir->parent);
		kfree(dir);
	} else if (S_ISREG(inode->mode)) {
		struct ramfs_data *data = inode->private;
		ramfs_free_pages(data, 0);
		kfree(data->pages);
		kfree(data);
	} else if (S_ISFIFO(inode->mode)) {
		if (inode->private)
			pipe_free(inode->private);
	} else if (S_ISSOCK(inode->mode)) {
		/* private points at the bound socket, which belongs to its file, not to us */
	} else {
		kfree(inode->private);
	}
}

static const struct inode_operations ramfs_inode_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readlink = ramfs_readlink,
	.truncate = ramfs_truncate,
	.map_page = ramfs_map_page,
	.release = ramfs_release,
};

static int64_t ramfs_llseek(struct file *file, int64_t offset, int whence)
{
	int64_t base;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->offset;
		break;
	case SEEK_END:
		base = file->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
		return -EINVAL;
	file->offset = base + offset;
	return file->offset;
}

static unsigned dirent_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFIFO:
		return DT_FIFO;
	default:
		return DT_UNKNOWN;
	}
}

static int ramfs_iterate(struct file *file, struct dir_context *context)
{
	struct inode *directory = file->inode;
	struct ramfs_dir *dir = dir_of(directory);
	int64_t index = 0;

	mutex_lock(&directory->lock);
	if (context->position == 0) {
		if (!context->emit(context, ".", directory->number, DT_DIR))
			goto out;
		context->position++;
	}
	if (context->position == 1) {
		if (!context->emit(context, "..", dir->parent->number, DT_DIR))
			goto out;
		context->position++;
	}
	struct ramfs_entry *entry;
	list_for_each_entry (entry, &dir->entries, node) {
		if (index++ < context->position - 2)
			continue;
		if (!context->emit(context, entry->name, entry->inode->number,
				   dirent_type(entry->inode->mode)))
			break;
		context->position++;
	}
out:
	mutex_unlock(&directory->lock);
	return 0;
}

static const struct file_operations ramfs_file_ops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = ramfs_llseek,
};

static const struct file_operations ramfs_dir_ops = {
	.llseek = ramfs_llseek,
	.iterate = ramfs_iterate,
};

void ramfs_init(void)
{
	root = new_inode(S_IFDIR | 0755, NULL);
	if (!root)
		panic("ramfs: no memory for the root directory");
}
