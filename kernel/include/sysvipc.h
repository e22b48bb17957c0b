/*
 * System V IPC objects (kernel/ipc/): the id tables shared by shared memory, message queues
 * and semaphores (svipc(7)). An object has a key (IPC_PRIVATE or a number programs agree
 * on), an id (slot + sequence * IPC_TABLE_SIZE, so a reused slot gets a new id), an owner
 * and mode, and lives until removed with IPC_RMID -- not until its creator exits.
 */
#ifndef SPINDLE_SYSVIPC_H
#define SPINDLE_SYSVIPC_H

#include "mutex.h"
#include "uapi/ipc.h"

#define IPC_TABLE_SIZE 64 /* objects of each kind: the limit behind -ENOSPC */

struct ipc_object {
	struct ipc64_perm perm;
	int id;
	bool removed; /* IPC_RMID done: blocked callers wake with -EIDRM */
};

struct ipc_table {
	struct mutex lock; /* guards the slots and every object in them */
	struct ipc_object *slots[IPC_TABLE_SIZE];
	uint16_t sequence[IPC_TABLE_SIZE];
	size_t count;
};

/*
 * The get() rules of shmget/msgget/semget: find key, or create with `create` when
 * IPC_CREAT allows (IPC_PRIVATE always creates). Called with table->lock held.
 * Returns the id, -ENOENT, -EEXIST, -ENOSPC, or whatever `create` or `check` returns.
 */
int ipc_get(struct ipc_table *table, int32_t key, int flags,
	    struct ipc_object *(*create)(int32_t key, int flags, void *argument, int *error),
	    int (*check)(struct ipc_object *object, void *argument), void *argument);
/* The object with this id, or NULL (-EINVAL for the caller). table->lock held. */
struct ipc_object *ipc_find(struct ipc_table *table, int id);
/* Take the object out of its slot (its memory is the caller's to free). Lock held. */
void ipc_remove(struct ipc_table *table, struct ipc_object *object);
/* IPC_STAT's perm part and IPC_SET's changes (uid, gid, mode bits). */
void ipc_fill_perm(const struct ipc_object *object, struct ipc64_perm *perm);
void ipc_set_perm(struct ipc_object *object, const struct ipc64_perm *perm);
/* Seconds since 1970, for the *_time fields. */
int64_t ipc_now(void);

/* /proc/sysvipc/{shm,msg,sem} (proc(5)): a header line, then one line per object made by
 * row() from the object's IPC_STAT view. Each returns the length written into buffer. */
size_t ipc_proc_show(struct ipc_table *table, char *buffer, size_t size, const char *header,
		     int (*row)(struct ipc_object *object, char *buffer, size_t size));
size_t shm_proc_show(char *buffer, size_t size);
size_t msg_proc_show(char *buffer, size_t size);
size_t sem_proc_show(char *buffer, size_t size);

/* Live objects of all three kinds, for leak checks. */
size_t ipc_object_count(void);

/* SEM_UNDO: give back what a process's semop calls with SEM_UNDO took (at its exit). */
struct sem_undo_list;
void sem_undo_apply(struct sem_undo_list *undo);

#endif
