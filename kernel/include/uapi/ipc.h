/*
 * System V IPC (svipc(7), shmget(2), msgget(2), semget(2)): flags, commands and the
 * x86_64 layouts of the structures IPC_STAT copies out (Linux's ipc64_perm, shmid64_ds,
 * msqid64_ds, semid64_ds). Shared with libc/.
 */
#ifndef SPINDLE_UAPI_IPC_H
#define SPINDLE_UAPI_IPC_H

#include <stdint.h>

#define IPC_PRIVATE 0
#define IPC_CREAT   01000
#define IPC_EXCL    02000
#define IPC_NOWAIT  04000

#define IPC_RMID 0
#define IPC_SET	 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64	 0x0100 /* glibc and musl add this to every *ctl command */

/* shmat flags and shm modes */
#define SHM_RDONLY 010000
#define SHM_RND	   020000
#define SHM_REMAP  040000
#define SHM_EXEC   0100000
#define SHM_DEST   01000 /* in shm_perm.mode: removed, freed at the last detach */
#define SHMLBA	   4096

/* msgrcv flags */
#define MSG_NOERROR 010000
#define MSG_EXCEPT  020000

/* semop flag and semctl commands */
#define SEM_UNDO 0x1000
#define GETPID	 11
#define GETVAL	 12
#define GETALL	 13
#define GETNCNT	 14
#define GETZCNT	 15
#define SETVAL	 16
#define SETALL	 17

struct ipc64_perm {
	int32_t key;
	uint32_t uid, gid, cuid, cgid;
	uint32_t mode;
	uint16_t seq;
	uint16_t pad;
	uint64_t unused[2];
};
_Static_assert(sizeof(struct ipc64_perm) == 48, "ipc64_perm is 48 bytes on x86_64");

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	uint64_t shm_segsz;
	int64_t shm_atime, shm_dtime, shm_ctime;
	int32_t shm_cpid, shm_lpid;
	uint64_t shm_nattch;
	uint64_t unused[2];
};
_Static_assert(sizeof(struct shmid64_ds) == 112, "shmid64_ds is 112 bytes on x86_64");

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	int64_t msg_stime, msg_rtime, msg_ctime;
	uint64_t msg_cbytes, msg_qnum, msg_qbytes;
	int32_t msg_lspid, msg_lrpid;
	uint64_t unused[2];
};
_Static_assert(sizeof(struct msqid64_ds) == 120, "msqid64_ds is 120 bytes on x86_64");

struct semid64_ds {
	struct ipc64_perm sem_perm;
	int64_t sem_otime;
	uint64_t unused1;
	int64_t sem_ctime;
	uint64_t unused2;
	uint64_t sem_nsems;
	uint64_t unused[2];
};
_Static_assert(sizeof(struct semid64_ds) == 104, "semid64_ds is 104 bytes on x86_64");

struct sembuf {
	uint16_t sem_num;
	int16_t sem_op;
	int16_t sem_flg;
};

#endif
