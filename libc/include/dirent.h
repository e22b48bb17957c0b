/*
 * Directory streams over getdents64(2) (man 3 opendir, man 3 readdir). The kernel's record
 * is struct linux_dirent64 (uapi/dirent.h); readdir copies it into a struct dirent held by
 * the DIR, which the next readdir or closedir overwrites.
 */
#ifndef SPINDLE_LIBC_DIRENT_H
#define SPINDLE_LIBC_DIRENT_H

#include <sys/types.h>
#include "uapi/dirent.h"

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type; /* DT_* */
	char d_name[256];
};

/* An open directory stream; fields are private to libc/src/dirent/dirent.c. */
typedef struct directory_stream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
/* The next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *directory);
void rewinddir(DIR *directory);
int closedir(DIR *directory);
int dirfd(DIR *directory);
/* The raw system call: fills buffer with struct linux_dirent64 records. */
ssize_t getdents64(int fd, void *buffer, size_t size);

#endif
