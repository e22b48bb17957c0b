/*
 * Directory streams (man 3 opendir, man 3 readdir, man 3 closedir, man 3 rewinddir,
 * man 2 getdents64). A DIR holds one getdents64 buffer of packed struct linux_dirent64
 * records and hands them out one at a time, copied into its struct dirent.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include "internal/syscall.h"

#define DIRECTORY_BUFFER_SIZE 4096

struct directory_stream {
	int fd;
	size_t position; /* next record in buffer */
	size_t end;	 /* bytes getdents64 returned */
	struct dirent entry;
	_Alignas(8) char buffer[DIRECTORY_BUFFER_SIZE];
};

ssize_t getdents64(int fd, void *buffer, size_t size)
{
	return syscall_result(SYSCALL3(SYS_getdents64, fd, buffer, size));
}

DIR *fdopendir(int fd)
{
	struct stat status;
	DIR *directory;

	if (fstat(fd, &status) < 0)
		return NULL;
	if (!S_ISDIR(status.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	directory = malloc(sizeof(*directory));
	if (!directory)
		return NULL;
	directory->fd = fd;
	directory->position = directory->end = 0;
	return directory;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *directory;

	if (fd < 0)
		return NULL;
	directory = fdopendir(fd);
	if (!directory)
		close(fd);
	return directory;
}

struct dirent *readdir(DIR *directory)
{
	const struct linux_dirent64 *record;
	size_t name_length;

	if (directory->position >= directory->end) {
		ssize_t got =
			getdents64(directory->fd, directory->buffer, sizeof(directory->buffer));

		if (got <= 0)
			return NULL;
		directory->position = 0;
		directory->end = (size_t)got;
	}
	record = (const struct linux_dirent64 *)(directory->buffer + directory->position);
	directory->position += record->d_reclen;
	name_length = strnlen(record->d_name, sizeof(directory->entry.d_name) - 1);
	directory->entry.d_ino = record->d_ino;
	directory->entry.d_off = record->d_off;
	directory->entry.d_reclen = sizeof(directory->entry);
	directory->entry.d_type = record->d_type;
	memcpy(directory->entry.d_name, record->d_name, name_length);
	directory->entry.d_name[name_length] = '\0';
	return &directory->entry;
}

void rewinddir(DIR *directory)
{
	lseek(directory->fd, 0, SEEK_SET);
	directory->position = directory->end = 0;
}

int closedir(DIR *directory)
{
	int result = close(directory->fd);

	free(directory);
	return result;
}

int dirfd(DIR *directory)
{
	return directory->fd;
}
