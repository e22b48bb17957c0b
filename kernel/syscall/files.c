/*
 * System calls on file descriptors: read(2), write(2), readv(2), writev(2), pread(2),
 * pwrite(2), lseek(2), open(2), openat(2), close(2), dup(2), dup2(2), dup3(2), fcntl(2),
 * ioctl(2). Errors as the man pages list them: EBADF for a bad or wrongly opened fd,
 * EFAULT for bad buffers, EINVAL for bad flags, ESPIPE for seeking a pipe or terminal.
 */
#include "handlers.h"
#include "resources.h"
#include "kmalloc.h"
#include "sched.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"
#include "vfs.h"

#define IOV_MAX 1024

static bool can_read(const struct file *file)
{
	return (file->flags & O_ACCMODE) != O_WRONLY && (file->flags & O_ACCMODE) != 3;
}

static bool can_write(const struct file *file)
{
	return (file->flags & O_ACCMODE) == O_WRONLY || (file->flags & O_ACCMODE) == O_RDWR;
}

/* One read or write through the file's ops; `offset` NULL means "the file's own offset". */
static long do_io(struct file *file, bool write, char *user_buffer, size_t count, int64_t *offset)
{
	struct io_buffer buffer = {.address = user_buffer, .user = true};
	if (write ? !can_write(file) : !can_read(file))
		return -EBADF;
	if (write ? !file->ops->write : !file->ops->read)
		return -EINVAL;
	if (!access_ok((virt_addr_t)user_buffer, count))
		return -EFAULT;
	if (count > INT64_MAX)
		count = INT64_MAX;
	if (offset)
		return write ? file->ops->write(file, &buffer, count, offset)
			     : file->ops->read(file, &buffer, count, offset);
	/* Pipes and terminals have no offset; keep their (possibly blocking) I/O unserialised. */
	bool seekable = file->ops->llseek != NULL;
	if (seekable)
		mutex_lock(&file->offset_lock);
	int64_t position = file->offset;
	long result = write ? file->ops->write(file, &buffer, count, &position)
			    : file->ops->read(file, &buffer, count, &position);
	file->offset = position;
	if (seekable)
		mutex_unlock(&file->offset_lock);
	return result;
}

long sys_read(int fd, char *buffer, size_t count)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	if (S_ISDIR(file->inode->mode)) {
		file_put(file);
		return -EISDIR;
	}
	long result = do_io(file, false, buffer, count, NULL);
	file_put(file);
	return result;
}

long sys_write(int fd, const char *buffer, size_t count)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = do_io(file, true, (char *)buffer, count, NULL);
	file_put(file);
	return result;
}

static long positioned_io(int fd, bool write, char *buffer, size_t count, int64_t offset)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result;
	if (offset < 0)
		result = -EINVAL;
	else if (!file->ops || !file->ops->llseek)
		result = -ESPIPE;
	else if (S_ISDIR(file->inode->mode))
		result = -EISDIR;
	else
		result = do_io(file, write, buffer, count, &offset);
	file_put(file);
	return result;
}

long sys_pread64(int fd, char *buffer, size_t count, int64_t offset)
{
	return positioned_io(fd, false, buffer, count, offset);
}

long sys_pwrite64(int fd, const char *buffer, size_t count, int64_t offset)
{
	return positioned_io(fd, true, (char *)buffer, count, offset);
}

/* readv/writev: the segments in order; a short transfer ends the call (readv(2)). */
static long vector_io(int fd, bool write, const struct iovec *user_vector, int count)
{
	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	struct iovec *vector = kmalloc((size_t)count * sizeof(*vector) + 1);
	if (!vector)
		return -ENOMEM;
	long result = 0;
	if (copy_from_user(vector, user_vector, (size_t)count * sizeof(*vector)) != 0) {
		result = -EFAULT;
		goto out;
	}
	size_t total = 0;
	for (int i = 0; i < count; i++) {
		if (vector[i].iov_len > INT64_MAX - total) {
			result = -EINVAL;
			goto out;
		}
		total += vector[i].iov_len;
	}
	struct file *file = fd_get(fd);
	if (!file) {
		result = -EBADF;
		goto out;
	}
	for (int i = 0; i < count; i++) {
		if (vector[i].iov_len == 0)
			continue;
		long done = do_io(file, write, vector[i].iov_base, vector[i].iov_len, NULL);
		if (done < 0) {
			if (result == 0)
				result = done;
			break;
		}
		result += done;
		if ((size_t)done < vector[i].iov_len)
			break;
	}
	file_put(file);
out:
	kfree(vector);
	return result;
}

long sys_readv(int fd, const struct iovec *vector, int count)
{
	return vector_io(fd, false, vector, count);
}

long sys_writev(int fd, const struct iovec *vector, int count)
{
	return vector_io(fd, true, vector, count);
}

long sys_lseek(int fd, int64_t offset, int whence)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = -ESPIPE;
	if (file->ops && file->ops->llseek) {
		mutex_lock(&file->offset_lock);
		result = file->ops->llseek(file, offset, whence);
		mutex_unlock(&file->offset_lock);
	}
	file_put(file);
	return result;
}

long sys_openat(int dirfd, const char *user_path, int flags, uint32_t mode)
{
	char *path = kmalloc(PATH_MAX);
	int error;
	if (!path)
		return -ENOMEM;
	long result = strncpy_from_user(path, user_path, PATH_MAX);
	if (result < 0)
		goto out;
	if ((flags & O_ACCMODE) == 3) {
		result = -EINVAL;
		goto out;
	}
	struct file *file = vfs_open(dirfd, path, (unsigned)flags, mode, &error);
	if (!file) {
		result = error;
		goto out;
	}
	result = fd_install(file, 0, flags & O_CLOEXEC);
	if (result < 0)
		file_put(file);
out:
	kfree(path);
	return result;
}

long sys_open(const char *path, int flags, uint32_t mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_close(int fd)
{
	return fd_close(fd);
}

static long duplicate(int fd, int minimum, bool close_on_exec)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result = fd_install(file, minimum, close_on_exec);
	if (result < 0)
		file_put(file);
	return result;
}

long sys_dup(int fd)
{
	return duplicate(fd, 0, false);
}

long sys_dup3(int old_fd, int new_fd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (old_fd == new_fd)
		return -EINVAL;
	if (new_fd < 0 || new_fd >= resources_fd_limit())
		return -EBADF;
	struct file *file = fd_get(old_fd);
	if (!file)
		return -EBADF;
	return fd_install_at(file, new_fd, flags & O_CLOEXEC);
}

long sys_dup2(int old_fd, int new_fd)
{
	if (old_fd == new_fd) {
		struct file *file = fd_get(old_fd);
		if (!file)
			return -EBADF;
		file_put(file);
		return new_fd;
	}
	return sys_dup3(old_fd, new_fd, 0);
}

#define SETTABLE_STATUS_FLAGS (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

long sys_fcntl(int fd, int command, unsigned long argument)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result;
	switch (command) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		file_put(file);
		if (argument >= (unsigned long)resources_fd_limit())
			return -EINVAL;
		return duplicate(fd, (int)argument, command == F_DUPFD_CLOEXEC);
	case F_GETFD:
		result = fd_get_close_on_exec(fd) > 0 ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		result = fd_set_close_on_exec(fd, argument & FD_CLOEXEC);
		break;
	case F_GETFL:
		result = file->flags;
		break;
	case F_SETFL:
		file->flags = (file->flags & ~SETTABLE_STATUS_FLAGS) |
			      ((unsigned)argument & SETTABLE_STATUS_FLAGS);
		result = 0;
		break;
	default:
		result = -EINVAL;
	}
	file_put(file);
	return result;
}

long sys_ioctl(int fd, unsigned command, unsigned long argument)
{
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	long result =
		file->ops && file->ops->ioctl ? file->ops->ioctl(file, command, argument) : -ENOTTY;
	file_put(file);
	return result;
}
