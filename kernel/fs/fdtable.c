/*
 * File-descriptor tables and file-system contexts of processes (include/vfs.h).
 * A descriptor is an index into files_struct.fds; each slot holds one reference on its
 * struct file. dup() makes two slots share a file (and its offset); fork() copies the table
 * so parent and child share each open file; CLONE_FILES shares the table itself.
 */
#include "kmalloc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "vfs.h"
#include "resources.h"

struct files_struct *files_create(void)
{
	struct files_struct *files = kzalloc(sizeof(*files));
	if (!files)
		return NULL;
	files->refcount = 1;
	spin_lock_init(&files->lock, "files");
	return files;
}

struct files_struct *files_copy(struct files_struct *old)
{
	struct files_struct *files = files_create();
	if (!files)
		return NULL;
	uint64_t flags = spin_lock_irqsave(&old->lock);
	for (int fd = 0; fd < MAX_FDS; fd++) {
		files->fds[fd] = old->fds[fd];
		if (files->fds[fd])
			file_get(files->fds[fd]);
	}
	memcpy(files->close_on_exec, old->close_on_exec, sizeof(files->close_on_exec));
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

void files_put(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->refcount, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	for (int fd = 0; fd < MAX_FDS; fd++) {
		if (files->fds[fd])
			file_put(files->fds[fd]);
	}
	kfree(files);
}

static bool is_close_on_exec(struct files_struct *files, int fd)
{
	return files->close_on_exec[fd / 64] & (1ull << (fd % 64));
}

static void set_close_on_exec(struct files_struct *files, int fd, bool value)
{
	if (value)
		files->close_on_exec[fd / 64] |= 1ull << (fd % 64);
	else
		files->close_on_exec[fd / 64] &= ~(1ull << (fd % 64));
}

void files_close_on_exec(struct files_struct *files)
{
	for (int fd = 0; fd < MAX_FDS; fd++) {
		uint64_t flags = spin_lock_irqsave(&files->lock);
		struct file *file = NULL;
		if (files->fds[fd] && is_close_on_exec(files, fd)) {
			file = files->fds[fd];
			files->fds[fd] = NULL;
			set_close_on_exec(files, fd, false);
		}
		spin_unlock_irqrestore(&files->lock, flags);
		if (file)
			file_put(file);
	}
}

int fd_install(struct file *file, int minimum, bool close_on_exec)
{
	struct files_struct *files = current->files;
	int result = -EMFILE;
	int limit = resources_fd_limit(); /* RLIMIT_NOFILE */
	if (minimum < 0 || minimum >= limit)
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	for (int fd = minimum; fd < limit; fd++) {
		if (!files->fds[fd]) {
			files->fds[fd] = file;
			set_close_on_exec(files, fd, close_on_exec);
			result = fd;
			break;
		}
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return result;
}

/* Put file at exactly `fd`, closing what was there (dup2/dup3). */
int fd_install_at(struct file *file, int fd, bool close_on_exec)
{
	struct files_struct *files = current->files;
	if (fd < 0 || fd >= resources_fd_limit())
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	struct file *old = files->fds[fd];
	files->fds[fd] = file;
	set_close_on_exec(files, fd, close_on_exec);
	spin_unlock_irqrestore(&files->lock, flags);
	if (old)
		file_put(old);
	return fd;
}

struct file *fd_get(int fd)
{
	struct files_struct *files = current->files;
	struct file *file = NULL;
	if (fd < 0 || fd >= MAX_FDS || !files)
		return NULL;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	file = files->fds[fd];
	if (file)
		file_get(file);
	spin_unlock_irqrestore(&files->lock, flags);
	return file;
}

int fd_close(int fd)
{
	struct files_struct *files = current->files;
	if (fd < 0 || fd >= MAX_FDS)
		return -EBADF;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	struct file *file = files->fds[fd];
	files->fds[fd] = NULL;
	set_close_on_exec(files, fd, false);
	spin_unlock_irqrestore(&files->lock, flags);
	if (!file)
		return -EBADF;
	file_put(file);
	return 0;
}

int fd_get_close_on_exec(int fd)
{
	struct files_struct *files = current->files;
	int result = -EBADF;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	if (fd >= 0 && fd < MAX_FDS && files->fds[fd])
		result = is_close_on_exec(files, fd);
	spin_unlock_irqrestore(&files->lock, flags);
	return result;
}

int fd_set_close_on_exec(int fd, bool value)
{
	struct files_struct *files = current->files;
	int result = -EBADF;
	uint64_t flags = spin_lock_irqsave(&files->lock);
	if (fd >= 0 && fd < MAX_FDS && files->fds[fd]) {
		set_close_on_exec(files, fd, value);
		result = 0;
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return result;
}

struct fs_struct *fs_create(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->refcount = 1;
	spin_lock_init(&fs->lock, "fs");
	fs->root = fs->cwd = vfs_root();
	inode_get(fs->root);
	inode_get(fs->cwd);
	fs->umask = 022;
	return fs;
}

struct fs_struct *fs_copy(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->refcount = 1;
	spin_lock_init(&fs->lock, "fs");
	uint64_t flags = spin_lock_irqsave(&old->lock);
	fs->root = old->root;
	fs->cwd = old->cwd;
	fs->umask = old->umask;
	inode_get(fs->root);
	inode_get(fs->cwd);
	spin_unlock_irqrestore(&old->lock, flags);
	return fs;
}

void fs_put(struct fs_struct *fs)
{
	if (__atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	inode_put(fs->root);
	inode_put(fs->cwd);
	kfree(fs);
}
