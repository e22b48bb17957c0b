/*
 * System V IPC, the common part (man 7 svipc, man 3 ftok): key_t, struct ipc_perm and the
 * IPC_* flags and commands from uapi/ipc.h. The calls are in sys/msg.h, sys/sem.h and
 * sys/shm.h. struct ipc_perm is the kernel's ipc64_perm under the POSIX field names.
 */
#ifndef SPINDLE_LIBC_SYS_IPC_H
#define SPINDLE_LIBC_SYS_IPC_H

#include <sys/types.h>
#include "uapi/ipc.h"

typedef int key_t;

struct ipc_perm {
	key_t key;
	uid_t uid;
	gid_t gid;
	uid_t cuid;
	gid_t cgid;
	mode_t mode;
	unsigned short seq;
	unsigned short pad;
	unsigned long unused[2];
};
_Static_assert(sizeof(struct ipc_perm) == sizeof(struct ipc64_perm),
	       "struct ipc_perm is the kernel's ipc64_perm");

/* A key from a file's identity and a project number (glibc's formula); -1 if stat fails. */
key_t ftok(const char *path, int project);

#endif
