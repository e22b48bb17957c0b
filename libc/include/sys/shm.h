/*
 * System V shared memory (man 2 shmget, man 2 shmat, man 2 shmctl). struct shmid_ds is the
 * kernel's shmid64_ds; shmat returns (void *)-1 and sets errno on failure.
 */
#ifndef SPINDLE_LIBC_SYS_SHM_H
#define SPINDLE_LIBC_SYS_SHM_H

#include <sys/ipc.h>

typedef unsigned long shmatt_t;

struct shmid_ds {
	struct ipc_perm shm_perm;
	size_t shm_segsz;
	time_t shm_atime;
	time_t shm_dtime;
	time_t shm_ctime;
	pid_t shm_cpid;
	pid_t shm_lpid;
	shmatt_t shm_nattch;
	unsigned long unused[2];
};
_Static_assert(sizeof(struct shmid_ds) == sizeof(struct shmid64_ds),
	       "struct shmid_ds is the kernel's shmid64_ds");

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *address, int flags);
int shmdt(const void *address);
int shmctl(int id, int command, struct shmid_ds *buffer);

#endif
