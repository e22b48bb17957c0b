/*
 * System V message queues (man 2 msgget, man 2 msgop, man 2 msgctl). A message is a long
 * type (> 0) followed by up to MSGMAX bytes; the size passed to msgsnd and msgrcv counts
 * the bytes only. struct msqid_ds is the kernel's msqid64_ds.
 */
#ifndef SPINDLE_LIBC_SYS_MSG_H
#define SPINDLE_LIBC_SYS_MSG_H

#include <sys/ipc.h>

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime;
	time_t msg_rtime;
	time_t msg_ctime;
	unsigned long msg_cbytes;
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	pid_t msg_lspid;
	pid_t msg_lrpid;
	unsigned long unused[2];
};
_Static_assert(sizeof(struct msqid_ds) == sizeof(struct msqid64_ds),
	       "struct msqid_ds is the kernel's msqid64_ds");

int msgget(key_t key, int flags);
int msgsnd(int id, const void *message, size_t size, int flags);
ssize_t msgrcv(int id, void *message, size_t size, long type, int flags);
int msgctl(int id, int command, struct msqid_ds *buffer);

#endif
