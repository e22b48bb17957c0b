/*
 * struct stat and file-mode bits of the Linux x86_64 ABI (man 2 stat, man 7 inode; Linux's
 * arch/x86/include/uapi/asm/stat.h and include/uapi/linux/stat.h). This is the layout that
 * stat(2), fstat(2), lstat(2) and newfstatat(2) fill in on x86_64: 144 bytes.
 * The timestamps are struct timespec here (POSIX's st_atim); Linux's uapi header spells the
 * same bytes as st_atime and st_atime_nsec. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_STAT_H
#define SPINDLE_UAPI_STAT_H

#include <stdint.h>
#include "uapi/time.h"

struct stat {
	uint64_t st_dev;	 /*   0: device holding the file */
	uint64_t st_ino;	 /*   8: inode number */
	uint64_t st_nlink;	 /*  16: hard links */
	uint32_t st_mode;	 /*  24: S_IF* type and permission bits */
	uint32_t st_uid;	 /*  28 */
	uint32_t st_gid;	 /*  32 */
	uint32_t st_pad0;	 /*  36: padding, zero */
	uint64_t st_rdev;	 /*  40: device number, for device files */
	int64_t st_size;	 /*  48: bytes */
	int64_t st_blksize;	 /*  56: preferred I/O size */
	int64_t st_blocks;	 /*  64: 512-byte blocks allocated */
	struct timespec st_atim; /*  72: last access */
	struct timespec st_mtim; /*  88: last modification */
	struct timespec st_ctim; /* 104: last status change */
	int64_t st_reserved[3];	 /* 120: unused, zero */
};

_Static_assert(sizeof(struct stat) == 144, "struct stat must match Linux x86_64");

/* File type: the top four bits of st_mode. */
#define S_IFMT	 0170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG	 0100000
#define S_IFBLK	 0060000
#define S_IFDIR	 0040000
#define S_IFCHR	 0020000
#define S_IFIFO	 0010000

#define S_ISSOCK(mode) (((mode)&S_IFMT) == S_IFSOCK)
#define S_ISLNK(mode)  (((mode)&S_IFMT) == S_IFLNK)
#define S_ISREG(mode)  (((mode)&S_IFMT) == S_IFREG)
#define S_ISBLK(mode)  (((mode)&S_IFMT) == S_IFBLK)
#define S_ISDIR(mode)  (((mode)&S_IFMT) == S_IFDIR)
#define S_ISCHR(mode)  (((mode)&S_IFMT) == S_IFCHR)
#define S_ISFIFO(mode) (((mode)&S_IFMT) == S_IFIFO)

/* Set-id and sticky bits. */
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

/* Permission bits: owner, group, others. */
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

#endif
