/*
 * File-control flags of the Linux x86_64 ABI (man 2 open, man 2 openat, man 2 fcntl,
 * man 2 access, man 2 lseek; Linux's include/uapi/asm-generic/fcntl.h and linux/fcntl.h).
 * The O_* values are octal, as Linux writes them. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_FCNTL_H
#define SPINDLE_UAPI_FCNTL_H

/* open(2) flags. The low two bits are the access mode, not independent flags. */
#define O_ACCMODE      00000003
#define O_RDONLY       00000000
#define O_WRONLY       00000001
#define O_RDWR	       00000002
#define O_CREAT	       00000100
#define O_EXCL	       00000200
#define O_NOCTTY       00000400
#define O_TRUNC	       00001000
#define O_APPEND       00002000
#define O_NONBLOCK     00004000
#define O_NDELAY       O_NONBLOCK
#define O_DSYNC	       00010000
#define O_ASYNC	       00020000
#define O_DIRECT       00040000
#define O_LARGEFILE    00100000
#define O_DIRECTORY    00200000
#define O_NOFOLLOW     00400000
#define O_NOATIME      01000000
#define O_CLOEXEC      02000000
/* Linux's __O_SYNC: O_SYNC is this bit together with O_DSYNC. */
#define O_SYNC_ONLY    04000000
#define O_SYNC	       (O_SYNC_ONLY | O_DSYNC)
#define O_RSYNC	       O_SYNC
#define O_PATH	       010000000
/* Linux's __O_TMPFILE: O_TMPFILE is this bit together with O_DIRECTORY. */
#define O_TMPFILE_ONLY 020000000
#define O_TMPFILE      (O_TMPFILE_ONLY | O_DIRECTORY)

/* fcntl(2) commands. */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_DUPFD_CLOEXEC 1030

/* The one file-descriptor flag (F_GETFD/F_SETFD). */
#define FD_CLOEXEC 1

/* The *at() family: dirfd meaning "the current directory", and the flags argument. */
#define AT_FDCWD	    (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	    0x200 /* unlinkat(2) */
#define AT_EACCESS	    0x200 /* faccessat(2): same bit, different call */
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT	    0x800
#define AT_EMPTY_PATH	    0x1000

/* access(2) modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* lseek(2) whence. */
#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4

#endif
