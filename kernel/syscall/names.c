/*
 * System calls on the name space: stat(2) and friends, getdents64(2), mkdir(2), rmdir(2),
 * unlink(2), rename(2), symlink(2), readlink(2), getcwd(2), chdir(2), access(2), umask(2),
 * truncate(2). Every path is copied in with strncpy_from_user (EFAULT, ENAMETOOLONG).
 * Spindle has one user, root, so permission bits are kept but only the execute bits are
 * ever checked (exec and access(X_OK)), as for root on Linux.
 */
#include "handlers.h"
#include "kmalloc.h"
#include "sched.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define RAMFS_DEVICE 1

char *copy_user_path(const char *user_path, long *error)
{
	char *path = kmalloc(PATH_MAX);
	if (!path) {
		*error = -ENOMEM;
		return NULL;
	}
	long length = strncpy_from_user(path, user_path, PATH_MAX);
	if (length < 0) {
		kfree(path);
		*error = length;
		return NULL;
	}
	return path;
}

static void fill_stat(const struct inode *inode, struct stat *stat)
{
	memset(stat, 0, sizeof(*stat));
	stat->st_dev = RAMFS_DEVICE;
	stat->st_ino = inode->number;
	stat->st_nlink = inode->link_count;
	stat->st_mode = inode->mode;
	stat->st_uid = inode->uid;
	stat->st_gid = inode->gid;
	stat->st_rdev = inode->rdev;
	stat->st_size = inode->size;
	stat->st_blksize = 4096;
	stat->st_blocks = (inode->size + 511) / 512;
	stat->st_atim = inode->access_time;
	stat->st_mtim = inode->modify_time;
	stat->st_ctim = inode->change_time;
}

static long stat_inode(struct inode *inode, struct stat *user_buffer)
{
	struct stat stat;
	fill_stat(inode, &stat);
	return copy_to_user(user_buffer, &stat, sizeof(stat));
}

long sys_newfstatat(int dirfd, const char *user_path, struct stat *buffer, int flags)
{
	long error = 0;
	struct inode *inode;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		kfree(path);
		return dirfd == AT_FDCWD ? stat_inode(current->fs->cwd, buffer)
					 : sys_fstat(dirfd, buffer);
	}
	error = path_walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode,
			  NULL);
	kfree(path);
	if (error)
		return error;
	error = stat_inode(inode, buffer);
	inode_put(inode);
	return error;
}

long sys_stat(const char *path, struct stat *buffer)
{
	return sys_newfstatat(AT_FDCWD, path, buffer, 0);
}

long sys_lstat(const char *path, struct stat *buffer)
{
	return sys_newfstatat(AT_FDCWD, path, buffer, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(int fd, struct stat *buffer)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = stat_inode(file->inode, buffer);
	file_put(file);
	return result;
}

struct getdents_context {
	struct dir_context context;
	char *user_buffer;
	size_t size, used;
	int error;
};

static bool emit_dirent(struct dir_context *context, const char *name, uint64_t inode_number,
			unsigned type)
{
	struct getdents_context *out = container_of(context, struct getdents_context, context);
	size_t name_length = strlen(name);
	size_t record = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + name_length + 1, 8);
	char scratch[ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)];
	struct linux_dirent64 *entry = (struct linux_dirent64 *)scratch;

	if (out->used + record > out->size) {
		if (out->used == 0)
			out->error = -EINVAL; /* not even one entry fits */
		return false;
	}
	memset(scratch, 0, record);
	entry->d_ino = inode_number;
	entry->d_off = context->position + 1;
	entry->d_reclen = (uint16_t)record;
	entry->d_type = (uint8_t)type;
	memcpy(entry->d_name, name, name_length + 1);
	if (copy_to_user(out->user_buffer + out->used, scratch, record) != 0) {
		out->error = -EFAULT;
		return false;
	}
	out->used += record;
	return true;
}

long sys_getdents64(int fd, struct linux_dirent64 *buffer, unsigned count)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = -ENOTDIR;
	if (file->ops && file->ops->iterate) {
		struct getdents_context out = {.context = {.emit = emit_dirent},
					       .user_buffer = (char *)buffer,
					       .size = count};
		if (!access_ok((virt_addr_t)buffer, count)) {
			result = -EFAULT;
			goto out;
		}
		mutex_lock(&file->offset_lock);
		out.context.position = file->offset;
		file->ops->iterate(file, &out.context);
		file->offset = out.context.position;
		mutex_unlock(&file->offset_lock);
		result = out.error ? out.error : (long)out.used;
	}
out:
	file_put(file);
	return result;
}

/* Resolve the parent of path; `last` gets the final name. */
static long parent_of(int dirfd, const char *user_path, struct inode **parent, char *last)
{
	long error = 0;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(dirfd, path, LOOKUP_PARENT, parent, last);
	kfree(path);
	if (!error && !last[0]) {
		inode_put(*parent);
		error = -EEXIST; /* the root itself */
	}
	return error;
}

long sys_mkdirat(int dirfd, const char *path, uint32_t mode)
{
	struct inode *parent;
	char last[NAME_MAX + 1];
	long error = parent_of(dirfd, path, &parent, last);
	if (error)
		return error;
	if (!parent->ops->create) /* a file system that makes no names (procfs) */
		error = vfs_nameless_error(parent, last, VFS_NAME_CREATE);
	else
		error = parent->ops->create(
			parent, last, S_IFDIR | (mode & 07777 & ~current->fs->umask), 0, NULL);
	inode_put(parent);
	return error;
}

long sys_mkdir(const char *path, uint32_t mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_unlinkat(int dirfd, const char *path, int flags)
{
	struct inode *parent;
	char last[NAME_MAX + 1];
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	long error = parent_of(dirfd, path, &parent, last);
	if (error)
		return error == -EEXIST ? -EBUSY : error;
	if (!parent->ops->rmdir || !parent->ops->unlink)
		error = vfs_nameless_error(parent, last,
					   flags & AT_REMOVEDIR ? VFS_NAME_RMDIR : VFS_NAME_UNLINK);
	else if (flags & AT_REMOVEDIR)
		error = parent->ops->rmdir(parent, last);
	else
		error = parent->ops->unlink(parent, last);
	inode_put(parent);
	return error;
}

long sys_unlink(const char *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(const char *path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

long sys_renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path)
{
	struct inode *old_parent, *new_parent;
	char old_last[NAME_MAX + 1], new_last[NAME_MAX + 1];
	long error = parent_of(old_dirfd, old_path, &old_parent, old_last);
	if (error)
		return error == -EEXIST ? -EBUSY : error;
	error = parent_of(new_dirfd, new_path, &new_parent, new_last);
	if (error) {
		inode_put(old_parent);
		return error == -EEXIST ? -EBUSY : error;
	}
	if (!strcmp(old_last, ".") || !strcmp(old_last, "..") || !strcmp(new_last, ".") ||
	    !strcmp(new_last, ".."))
		error = -EINVAL;
	else if (old_parent->ops != new_parent->ops)
		error = -EXDEV; /* rename(2): not on the same file system */
	else if (!old_parent->ops->rename)
		error = vfs_nameless_error(new_parent, new_last, VFS_NAME_RENAME);
	else
		error = old_parent->ops->rename(old_parent, old_last, new_parent, new_last);
	inode_put(old_parent);
	inode_put(new_parent);
	return error;
}

long sys_rename(const char *old_path, const char *new_path)
{
	return sys_renameat(AT_FDCWD, old_path, AT_FDCWD, new_path);
}

long sys_symlink(const char *target, const char *path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

long sys_symlinkat(const char *user_target, int dirfd, const char *path)
{
	long error = 0;
	char *target = copy_user_path(user_target, &error);
	if (!target)
		return error;
	struct inode *parent;
	char last[NAME_MAX + 1];
	error = parent_of(dirfd, path, &parent, last);
	if (!error) {
		error = parent->ops->symlink ? parent->ops->symlink(parent, last, target)
					     : vfs_nameless_error(parent, last, VFS_NAME_CREATE);
		inode_put(parent);
	}
	kfree(target);
	return error;
}

long sys_readlink(const char *path, char *buffer, size_t size)
{
	return sys_readlinkat(AT_FDCWD, path, buffer, size);
}

long sys_readlinkat(int dirfd, const char *user_path, char *buffer, size_t size)
{
	long error = 0;
	struct inode *inode;
	if ((ssize_t)size <= 0)
		return -EINVAL;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(dirfd, path, 0, &inode, NULL);
	if (error)
		goto out;
	if (!S_ISLNK(inode->mode)) {
		error = -EINVAL;
	} else {
		int length = inode->ops->readlink(inode, path, PATH_MAX);
		length = (int)MIN((size_t)length, size); /* readlink(2) does not terminate */
		error = copy_to_user(buffer, path, (size_t)length) ? -EFAULT : length;
	}
	inode_put(inode);
out:
	kfree(path);
	return error;
}

struct find_name {
	struct dir_context context;
	uint64_t wanted;
	char *name;
	bool found;
};

static bool match_entry(struct dir_context *context, const char *name, uint64_t inode_number,
			unsigned type)
{
	struct find_name *find = container_of(context, struct find_name, context);
	if (inode_number == find->wanted && strcmp(name, ".") && strcmp(name, "..")) {
		strlcpy(find->name, name, NAME_MAX + 1);
		find->found = true;
		return false;
	}
	return true;
}

/* Build the absolute path of directory by climbing ".." and naming each step. */
static long path_of(struct inode *directory, char *path, size_t size)
{
	char name[NAME_MAX + 1];
	size_t start = size - 1;
	long error = 0;
	path[start] = '\0';
	inode_get(directory);
	while (directory != current->fs->root) {
		struct inode *parent = directory->ops->lookup(directory, "..");
		if (!parent || parent == directory) {
			if (parent)
				inode_put(parent);
			break;
		}
		int open_error;
		struct file *listing = file_open_inode(parent, O_RDONLY, &open_error);
		struct find_name find = {.context = {.emit = match_entry},
					 .wanted = directory->number,
					 .name = name};
		if (listing) {
			listing->ops->iterate(listing, &find.context);
			file_put(listing);
		}
		inode_put(directory);
		directory = parent;
		size_t length = strlen(name);
		if (!find.found) {
			error = -ENOENT; /* the directory was removed */
			break;
		}
		if (length + 1 > start) {
			error = -ERANGE;
			break;
		}
		start -= length;
		memcpy(path + start, name, length);
		path[--start] = '/';
	}
	inode_put(directory);
	if (error)
		return error;
	if (start == size - 1)
		path[--start] = '/';
	memmove(path, path + start, size - start);
	return (long)(size - start);
}

long sys_getcwd(char *buffer, size_t size)
{
	char *path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	long length = path_of(current->fs->cwd, path, PATH_MAX);
	if (length > 0) {
		if ((size_t)length > size)
			length = -ERANGE;
		else if (copy_to_user(buffer, path, (size_t)length) != 0)
			length = -EFAULT;
	}
	kfree(path);
	return length;
}

static long set_cwd(struct inode *inode)
{
	if (!S_ISDIR(inode->mode)) {
		inode_put(inode);
		return -ENOTDIR;
	}
	struct fs_struct *fs = current->fs;
	uint64_t flags = spin_lock_irqsave(&fs->lock);
	struct inode *old = fs->cwd;
	fs->cwd = inode;
	spin_unlock_irqrestore(&fs->lock, flags);
	inode_put(old);
	return 0;
}

long sys_chdir(const char *user_path)
{
	long error = 0;
	struct inode *inode;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(AT_FDCWD, path, LOOKUP_FOLLOW, &inode, NULL);
	kfree(path);
	return error ? error : set_cwd(inode);
}

long sys_fchdir(int fd)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	inode_get(file->inode);
	long result = set_cwd(file->inode);
	file_put(file);
	return result;
}

long sys_faccessat(int dirfd, const char *path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_faccessat2(int dirfd, const char *user_path, int mode, int flags)
{
	long error = 0;
	struct inode *inode;
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode,
			  NULL);
	kfree(path);
	if (error)
		return error;
	/* Root may read and write anything; executing needs some execute bit (or a directory). */
	if ((mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
		error = -EACCES;
	inode_put(inode);
	return error;
}

long sys_access(const char *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

long sys_umask(uint32_t mask)
{
	struct fs_struct *fs = current->fs;
	uint32_t old = fs->umask;
	fs->umask = mask & 0777;
	return old;
}

static long truncate_inode(struct inode *inode, int64_t length)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode) || !inode->ops->truncate)
		return -EINVAL;
	return inode->ops->truncate(inode, length);
}

long sys_truncate(const char *user_path, int64_t length)
{
	long error = 0;
	struct inode *inode;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(AT_FDCWD, path, LOOKUP_FOLLOW, &inode, NULL);
	kfree(path);
	if (error)
		return error;
	error = truncate_inode(inode, length);
	inode_put(inode);
	return error;
}

long sys_ftruncate(int fd, int64_t length)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = (file->flags & O_ACCMODE) == O_RDONLY ? -EINVAL
							    : truncate_inode(file->inode, length);
	file_put(file);
	return result;
}

long sys_linkat(int old_dirfd, const char *old_user_path, int new_dirfd, const char *new_path,
		int flags)
{
	long error = 0;
	struct inode *inode, *parent;
	char last[NAME_MAX + 1];
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	char *old_path = copy_user_path(old_user_path, &error);
	if (!old_path)
		return error;
	error = path_walk(old_dirfd, old_path, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
			  &inode, NULL);
	kfree(old_path);
	if (error)
		return error;
	if (S_ISDIR(inode->mode)) {
		inode_put(inode);
		return -EPERM; /* link(2): no hard links to directories */
	}
	error = parent_of(new_dirfd, new_path, &parent, last);
	if (!error) {
		if (!parent->ops->link) /* Linux looks the new name up first */
			error = vfs_nameless_error(parent, last, VFS_NAME_CREATE);
		else if (parent->ops != inode->ops)
			error = -EXDEV; /* link(2): not on the same file system */
		else
			error = parent->ops->link(parent, last, inode);
		inode_put(parent);
	}
	inode_put(inode);
	return error;
}

long sys_link(const char *old_path, const char *new_path)
{
	return sys_linkat(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

long sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t device)
{
	struct inode *parent;
	char last[NAME_MAX + 1];
	uint32_t type = mode & S_IFMT;
	if (type == 0)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFIFO)
		return type == S_IFSOCK ? -EPERM : -EINVAL;
	long error = parent_of(dirfd, path, &parent, last);
	if (error)
		return error;
	uint32_t new_device = (uint32_t)((device >> 8 & 0xfff) << 8 | (device & 0xff));
	if (!parent->ops->create)
		error = vfs_nameless_error(parent, last, VFS_NAME_CREATE);
	else
		error = parent->ops->create(parent, last,
					    type | (mode & 07777 & ~current->fs->umask), new_device,
					    NULL);
	inode_put(parent);
	return error;
}

long sys_mknod(const char *path, uint32_t mode, uint64_t device)
{
	return sys_mknodat(AT_FDCWD, path, mode, device);
}
