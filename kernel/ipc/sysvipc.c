/*
 * The id tables of System V IPC (include/sysvipc.h), shared by ipc/shm.c, ipc/msg.c and
 * ipc/sem.c. Every process may use every object: Spindle's only user is root, which
 * svipc(7)'s permission checks always allow; modes are stored and reported all the same.
 */
#include "sysvipc.h"
#include "format.h"
#include "string.h"
#include "timer.h"
#include "time.h"
#include "uapi/errno.h"

static size_t live_objects;

size_t ipc_object_count(void)
{
	return READ_ONCE(live_objects);
}

int64_t ipc_now(void)
{
	return (int64_t)(clock_realtime_ns() / NSEC_PER_SEC);
}

struct ipc_object *ipc_find(struct ipc_table *table, int id)
{
	if (id < 0)
		return NULL;
	int slot = id % IPC_TABLE_SIZE;
	struct ipc_object *object = table->slots[slot];
	return object && object->id == id ? object : NULL;
}

int ipc_get(struct ipc_table *table, int32_t key, int flags,
	    struct ipc_object *(*create)(int32_t key, int flags, void *argument, int *error),
	    int (*check)(struct ipc_object *object, void *argument), void *argument)
{
	if (key != IPC_PRIVATE) {
		for (int slot = 0; slot < IPC_TABLE_SIZE; slot++) {
			struct ipc_object *object = table->slots[slot];
			if (!object || object->perm.key != key || object->removed)
				continue;
			if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
				return -EEXIST;
			int error = check ? check(object, argument) : 0;
			return error ? error : object->id;
		}
		if (!(flags & IPC_CREAT))
			return -ENOENT;
	}
	int slot = 0;
	while (slot < IPC_TABLE_SIZE && table->slots[slot])
		slot++;
	if (slot == IPC_TABLE_SIZE)
		return -ENOSPC;
	int error = 0;
	struct ipc_object *object = create(key, flags, argument, &error);
	if (!object)
		return error;
	object->perm = (struct ipc64_perm){
		.key = key, .mode = (uint32_t)flags & 0777, .seq = table->sequence[slot]};
	object->id = slot + IPC_TABLE_SIZE * table->sequence[slot];
	object->removed = false;
	table->sequence[slot] = (uint16_t)((table->sequence[slot] + 1) % 512);
	table->slots[slot] = object;
	table->count++;
	__atomic_add_fetch(&live_objects, 1, __ATOMIC_RELAXED);
	return object->id;
}

void ipc_remove(struct ipc_table *table, struct ipc_object *object)
{
	int slot = object->id % IPC_TABLE_SIZE;
	if (table->slots[slot] == object) {
		table->slots[slot] = NULL;
		table->count--;
	}
	__atomic_sub_fetch(&live_objects, 1, __ATOMIC_RELAXED);
}

void ipc_fill_perm(const struct ipc_object *object, struct ipc64_perm *perm)
{
	*perm = object->perm;
}

void ipc_set_perm(struct ipc_object *object, const struct ipc64_perm *perm)
{
	object->perm.uid = perm->uid;
	object->perm.gid = perm->gid;
	object->perm.mode = (object->perm.mode & ~0777u) | (perm->mode & 0777);
}

size_t ipc_proc_show(struct ipc_table *table, char *buffer, size_t size, const char *header,
		     int (*row)(struct ipc_object *object, char *buffer, size_t size))
{
	size_t length = (size_t)snprintf(buffer, size, "%s\n", header);
	mutex_lock(&table->lock);
	for (int slot = 0; slot < IPC_TABLE_SIZE && length < size - 1; slot++) {
		if (table->slots[slot])
			length += (size_t)row(table->slots[slot], buffer + length, size - length);
	}
	mutex_unlock(&table->lock);
	return MIN(length, size - 1);
}
