/*
 * Path lookup and opening (include/vfs.h), following path_resolution(7): absolute paths
 * start at the root, relative ones at the working directory (or a directory fd for the
 * *at() calls); every component but the last must be a searchable directory; symbolic
 * links are followed, at most SYMLINK_MAX_FOLLOW of them in all; a link in the middle of a
 * path whose target itself has links in its middle nests a level deeper, at most
 * SYMLINK_MAX_NESTING levels (each costs kernel stack): -ELOOP past either limit. A trailing
 * slash requires a directory.
 */
#include "kmalloc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define SYMLINK_MAX_NESTING 8

struct walk_budget {
	int links_left; /* symlinks that may still be followed */
	int depth;	/* how deep inside symlink targets the walk is */
};

static int walk(struct inode *start, const char *path, unsigned flags, struct walk_budget *budget,
		struct inode **result, char *last);

/* Replace *link (a symlink reached from directory) by what it points at. */
static int follow_link(struct inode *directory, struct inode **link, struct walk_budget *budget)
{
	if (--budget->links_left < 0 || budget->depth >= SYMLINK_MAX_NESTING)
		return -ELOOP;
	char *target = kmalloc(PATH_MAX);
	if (!target)
		return -ENOMEM;
	(*link)->ops->readlink(*link, target, PATH_MAX);
	struct inode *start = target[0] == '/' ? current->fs->root : directory;
	struct inode *resolved;
	budget->depth++;
	int result = walk(start, target, LOOKUP_FOLLOW, budget, &resolved, NULL);
	budget->depth--;
	kfree(target);
	if (result == 0) {
		inode_put(*link);
		*link = resolved;
	}
	return result;
}

static int walk(struct inode *start, const char *path, unsigned flags, struct walk_budget *budget,
		struct inode **result, char *last)
{
	struct inode *directory = start;
	char name[NAME_MAX + 1];
	char *owned_path = NULL; /* the target of a final symlink being followed */
	int error = 0;

	inode_get(directory);
	for (;;) {
		while (*path == '/')
			path++;
		size_t length = 0;
		while (path[length] && path[length] != '/')
			length++;
		if (length > NAME_MAX) {
			error = -ENAMETOOLONG;
			break;
		}
		memcpy(name, path, length);
		name[length] = '\0';
		const char *rest = path + length;
		while (*rest == '/')
			rest++;
		bool is_last = *rest == '\0';
		bool trailing_slash = is_last && path[length] == '/';

		if (!S_ISDIR(directory->mode)) {
			error = -ENOTDIR;
			break;
		}
		if (length == 0) { /* the path was "/" or empty after the start */
			if (last)
				last[0] = '\0';
			*result = directory;
			goto out;
		}
		if (is_last && (flags & LOOKUP_PARENT)) {
			strlcpy(last, name, NAME_MAX + 1);
			*result = directory;
			goto out;
		}
		struct inode *child = directory->ops->lookup(directory, name);
		if (!child) {
			error = -ENOENT;
			break;
		}
		bool follow = S_ISLNK(child->mode) &&
			      (!is_last || (flags & LOOKUP_FOLLOW) || trailing_slash);
		if (follow && is_last && !trailing_slash) {
			/* A final symlink: carry on with its target in this same loop, so a chain
			 * of links costs no stack (Linux follows 40 in a row). */
			if (--budget->links_left < 0) {
				inode_put(child);
				error = -ELOOP;
				break;
			}
			char *target = kmalloc(PATH_MAX);
			if (!target) {
				inode_put(child);
				error = -ENOMEM;
				break;
			}
			child->ops->readlink(child, target, PATH_MAX);
			inode_put(child);
			kfree(owned_path);
			owned_path = target;
			path = target;
			if (*target == '/') {
				inode_put(directory);
				directory = current->fs->root;
				inode_get(directory);
			}
			continue;
		}
		if (follow) {
			error = follow_link(directory, &child, budget);
			if (error) {
				inode_put(child);
				break;
			}
		}
		inode_put(directory);
		directory = child;
		if (is_last) {
			if (trailing_slash && !S_ISDIR(child->mode)) {
				error = -ENOTDIR;
				break;
			}
			*result = child;
			goto out;
		}
		path = rest;
	}
	inode_put(directory);
out:
	kfree(owned_path);
	return error;
}

int path_walk(int dirfd, const char *path, unsigned flags, struct inode **result, char *last)
{
	struct inode *start;
	struct file *directory_file = NULL;
	struct walk_budget budget = {.links_left = SYMLINK_MAX_FOLLOW};

	if (!path[0])
		return -ENOENT;
	if (path[0] == '/') {
		start = current->fs->root;
	} else if (dirfd == AT_FDCWD) {
		start = current->fs->cwd;
	} else {
		directory_file = fd_get(dirfd);
		if (!directory_file)
			return -EBADF;
		start = directory_file->inode;
		if (!S_ISDIR(start->mode)) {
			file_put(directory_file);
			return -ENOTDIR;
		}
	}
	int error = walk(start, path, flags, &budget, result, last);
	if (directory_file)
		file_put(directory_file);
	return error;
}

static bool wants_write(unsigned flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);
}

struct file *vfs_open(int dirfd, const char *path, unsigned flags, uint32_t mode, int *error)
{
	struct inode *inode = NULL;
	char last[NAME_MAX + 1];

	if (flags & O_CREAT) {
		struct inode *directory;
		*error = path_walk(dirfd, path, LOOKUP_PARENT, &directory, last);
		if (*error)
			return NULL;
		if (!last[0] || path[strlen(path) - 1] == '/') {
			inode_put(directory);
			*error = -EISDIR;
			return NULL;
		}
		*error =
			directory->ops->create
				? directory->ops->create(
					  directory, last,
					  S_IFREG | (mode & 07777 & ~current->fs->umask), 0, &inode)
				: vfs_nameless_error(directory, last, VFS_NAME_CREATE);
		inode_put(directory);
		if (*error == 0) {
			flags &= ~O_TRUNC; /* new and empty already */
		} else if (*error == -EEXIST && !(flags & O_EXCL)) {
			*error = path_walk(dirfd, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
					   &inode, NULL);
		}
		if (*error)
			return NULL;
	} else {
		*error = path_walk(dirfd, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode,
				   NULL);
		if (*error)
			return NULL;
	}

	if (S_ISLNK(inode->mode))
		*error = -ELOOP; /* O_NOFOLLOW on a symlink */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		*error = -ENOTDIR;
	else if (S_ISDIR(inode->mode) && wants_write(flags))
		*error = -EISDIR;
	else if (!inode->file_ops)
		*error = -ENXIO; /* a device node with no driver */
	if (*error) {
		inode_put(inode);
		return NULL;
	}
	if ((flags & O_TRUNC) && S_ISREG(inode->mode) && inode->ops->truncate)
		inode->ops->truncate(inode, 0);
	struct file *file = file_open_inode(inode, flags, error);
	inode_put(inode);
	return file;
}

int vfs_nameless_error(struct inode *directory, const char *name, enum vfs_name_op op)
{
	struct inode *found =
		directory->ops->lookup ? directory->ops->lookup(directory, name) : NULL;
	if (!found)
		return -ENOENT;
	bool is_directory = S_ISDIR(found->mode);
	inode_put(found);
	switch (op) {
	case VFS_NAME_CREATE:
		return -EEXIST;
	case VFS_NAME_UNLINK:
		return is_directory ? -EISDIR : -EPERM;
	case VFS_NAME_RMDIR:
		return is_directory ? -EPERM : -ENOTDIR;
	default:
		return -EPERM;
	}
}

int vfs_mknod(const char *path, uint32_t mode, uint64_t rdev)
{
	struct inode *directory;
	char last[NAME_MAX + 1];
	int error = path_walk(AT_FDCWD, path, LOOKUP_PARENT, &directory, last);
	if (error)
		return error;
	if (!last[0])
		error = -EEXIST;
	else
		error = directory->ops->create
				? directory->ops->create(directory, last, mode, rdev, NULL)
				: vfs_nameless_error(directory, last, VFS_NAME_CREATE);
	inode_put(directory);
	return error;
}
