/*
 * Unpacking the initramfs (include/vfs.h): a cpio archive in the "newc" format
 * (man 5 cpio; Linux's Documentation/driver-api/early-userspace/buffer-format.rst).
 * Each member is a 110-byte ASCII header -- "070701" and thirteen 8-digit hex fields --
 * then the NUL-terminated name, padded to 4 bytes, then the data, padded to 4 bytes.
 * The member named "TRAILER!!!" ends the archive. Directories, regular files, symlinks and
 * character devices are created in the root file system as they come.
 */
#include "format.h"
#include "kmalloc.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define CPIO_HEADER_SIZE 110

enum cpio_field {
	INO,
	MODE,
	UID,
	GID,
	NLINK,
	MTIME,
	FILESIZE,
	DEVMAJOR,
	DEVMINOR,
	RDEVMAJOR,
	RDEVMINOR,
	NAMESIZE,
	CHECK,
	FIELD_COUNT
};

static bool parse_hex(const char *text, uint32_t *value)
{
	*value = 0;
	for (int i = 0; i < 8; i++) {
		char c = text[i];
		unsigned digit;
		if (c >= '0' && c <= '9')
			digit = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			digit = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			digit = (unsigned)(c - 'A' + 10);
		else
			return false;
		*value = *value * 16 + digit;
	}
	return true;
}

static int write_file(const char *path, uint32_t mode, const void *data, size_t size)
{
	int error;
	struct file *file = vfs_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, &error);
	if (!file)
		return error;
	struct io_buffer io = {.address = (char *)data, .user = false};
	int64_t offset = 0;
	ssize_t written = size ? file->ops->write(file, &io, size, &offset) : 0;
	file->inode->mode = S_IFREG | (mode & 07777); /* exactly as archived, not umasked */
	file_put(file);
	return written == (ssize_t)size ? 0 : -ENOMEM;
}

static int create_member(const char *path, uint32_t mode, const char *data, size_t size,
			 uint64_t rdev)
{
	struct inode *directory;
	char last[NAME_MAX + 1];
	int error;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		error = vfs_mknod(path, mode, 0);
		return error == -EEXIST ? 0 : error;
	case S_IFREG:
		return write_file(path, mode, data, size);
	case S_IFCHR:
		return vfs_mknod(path, mode, rdev);
	case S_IFLNK: {
		char *target = kmalloc(size + 1);
		if (!target)
			return -ENOMEM;
		memcpy(target, data, size);
		target[size] = '\0';
		error = path_walk(AT_FDCWD, path, LOOKUP_PARENT, &directory, last);
		if (!error) {
			error = directory->ops->symlink(directory, last, target);
			inode_put(directory);
		}
		kfree(target);
		return error;
	}
	default:
		return -EINVAL;
	}
}

int cpio_unpack(const void *archive, size_t length)
{
	const char *at = archive, *end = at + length;
	char path[PATH_MAX];
	int created = 0;

	while (at + CPIO_HEADER_SIZE <= end) {
		uint32_t field[FIELD_COUNT];
		if (memcmp(at, "070701", 6) != 0)
			return -EINVAL;
		for (int i = 0; i < FIELD_COUNT; i++) {
			if (!parse_hex(at + 6 + 8 * i, &field[i]))
				return -EINVAL;
		}
		const char *name = at + CPIO_HEADER_SIZE;
		const char *data =
			name + ALIGN_UP(CPIO_HEADER_SIZE + field[NAMESIZE], 4) - CPIO_HEADER_SIZE;
		if (field[NAMESIZE] == 0 || data > end || field[FILESIZE] > (size_t)(end - data) ||
		    name[field[NAMESIZE] - 1] != '\0')
			return -EINVAL;
		if (strcmp(name, "TRAILER!!!") == 0)
			break;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		while (name[0] == '/')
			name++;
		if (name[0] && strcmp(name, ".") != 0) {
			snprintf(path, sizeof(path), "/%s", name);
			int error = create_member(path, field[MODE], data, field[FILESIZE],
						  MKDEV(field[RDEVMAJOR], field[RDEVMINOR]));
			if (error)
				printk(KERN_WARNING "initramfs: cannot create %s (%d)\n", path,
				       error);
			else
				created++;
		}
		at = data + ALIGN_UP(field[FILESIZE], 4);
	}
	printk("initramfs: %d entries unpacked\n", created);
	return 0;
}
