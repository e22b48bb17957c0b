/*
 * System calls that change an inode's attributes rather than the name space: chmod(2),
 * fchmod(2), fchmodat(2), chown(2), fchownat(2), and fsync(2) (a no-op: everything lives in
 * memory). Spindle has one user, root, so owners are recorded but never checked.
 */
#include "handlers.h"
#include "kmalloc.h"
#include "sched.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

static long change_inode(int dirfd, const char *user_path, int flags, uint32_t *mode,
			 const uint32_t *owner)
{
	long error = 0;
	struct inode *inode;
	char *path = copy_user_path(user_path, &error);
	if (!path)
		return error;
	error = path_walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode,
			  NULL);
	kfree(path);
	if (error)
		return error;
	if (mode)
		inode->mode = (inode->mode & S_IFMT) | (*mode & 07777);
	if (owner) {
		if (owner[0] != (uint32_t)-1)
			inode->uid = owner[0];
		if (owner[1] != (uint32_t)-1)
			inode->gid = owner[1];
	}
	inode_touch(inode, false);
	inode->change_time = inode->modify_time;
	inode_put(inode);
	return 0;
}

long sys_fchmodat(int dirfd, const char *path, uint32_t mode)
{
	return change_inode(dirfd, path, 0, &mode, NULL);
}

long sys_chmod(const char *path, uint32_t mode)
{
	return change_inode(AT_FDCWD, path, 0, &mode, NULL);
}

long sys_fchmod(int fd, uint32_t mode)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	file->inode->mode = (file->inode->mode & S_IFMT) | (mode & 07777);
	file_put(file);
	return 0;
}

long sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	uint32_t owner[2] = {uid, gid};
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return change_inode(dirfd, path, flags, NULL, owner);
}

long sys_chown(const char *path, uint32_t uid, uint32_t gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_fsync(int fd)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	file_put(file);
	return 0; /* everything lives in memory: there is nothing to write back */
}
