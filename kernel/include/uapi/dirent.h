/*
 * Directory entries as getdents64(2) returns them on Linux x86_64 (man 2 getdents; Linux's
 * struct linux_dirent64 in include/linux/dirent.h, DT_* from include/linux/fs_types.h).
 * Records are packed back to back; each is d_reclen bytes, a multiple of 8, and d_name is
 * NUL-terminated inside it. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_DIRENT_H
#define SPINDLE_UAPI_DIRENT_H

#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;	   /* inode number */
	int64_t d_off;	   /* opaque position of the next record, for lseek(2) */
	uint16_t d_reclen; /* size of this record */
	uint8_t d_type;	   /* DT_* */
	char d_name[];	   /* NUL-terminated name */
};

/* d_type: the S_IF* type shifted right by 12. */
#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12
#define DT_WHT	   14

#endif
