/*
 * System V semaphores (man 2 semget, man 2 semop, man 2 semctl). struct sembuf and the
 * GETVAL..SETALL commands come from uapi/ipc.h; struct semid_ds is the kernel's
 * semid64_ds. semctl's fourth argument, when the command takes one, is the caller's
 * union semun (int val; struct semid_ds *buf; unsigned short *array), as POSIX says.
 */
#ifndef SPINDLE_LIBC_SYS_SEM_H
#define SPINDLE_LIBC_SYS_SEM_H

#include <sys/ipc.h>
#include "uapi/time.h"

struct semid_ds {
	struct ipc_perm sem_perm;
	time_t sem_otime;
	unsigned long unused1;
	time_t sem_ctime;
	unsigned long unused2;
	unsigned long sem_nsems;
	unsigned long unused[2];
};
_Static_assert(sizeof(struct semid_ds) == sizeof(struct semid64_ds),
	       "struct semid_ds is the kernel's semid64_ds");

int semget(key_t key, int count, int flags);
int semop(int id, struct sembuf *operations, size_t count);
int semtimedop(int id, struct sembuf *operations, size_t count, const struct timespec *timeout);
int semctl(int id, int number, int command, ...);

#endif
