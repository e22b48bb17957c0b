/*
 * System V semaphores: semget(2), semop(2), semtimedop(2), semctl(2).
 *
 * semop applies an array of operations to one set atomically: all of them or none.
 *   op > 0  add op;   op < 0  wait until value >= |op|, then subtract;   op == 0  wait for 0.
 * If any operation would have to wait, nothing is applied and the caller sleeps (counted in
 * semncnt or semzcnt) until the set changes, then tries the whole array again -- or fails
 * with -EAGAIN under IPC_NOWAIT (or when semtimedop's timeout passes).
 * SEM_UNDO records the opposite of each operation in the process's undo list, applied when
 * the process exits, so a process that dies holding a semaphore gives it back.
 * IPC_RMID wakes every sleeper with -EIDRM.
 */
#include "format.h"
#include "kmalloc.h"
#include "sched.h"
#include "string.h"
#include "sysvipc.h"
#include "task.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "wait.h"

#define SEMMSL 250   /* semaphores per set */
#define SEMOPM 500   /* operations per semop */
#define SEMVMX 32767 /* largest value */

struct semaphore {
	int value;
	int32_t last_pid;
	int waiting_for_increase; /* semncnt */
	int waiting_for_zero;	  /* semzcnt */
};

struct semaphore_set {
	struct ipc_object object;
	int count;
	int sleepers;
	int64_t operation_time, change_time;
	struct wait_queue_head changed;
	struct semaphore semaphores[];
};

/* One process's SEM_UNDO adjustments for one set. */
struct sem_undo {
	int set_id;
	struct list_head node;
	int count;
	short adjustments[];
};

struct sem_undo_list {
	struct list_head undos;
};

static struct ipc_table sets = {.lock = MUTEX_INIT(sets.lock)};

static struct semaphore_set *set_of(struct ipc_object *object)
{
	return container_of(object, struct semaphore_set, object);
}

static struct ipc_object *create_set(int32_t key, int flags, void *argument, int *error)
{
	int count = *(int *)argument;
	if (count <= 0 || count > SEMMSL) {
		*error = -EINVAL;
		return NULL;
	}
	struct semaphore_set *set =
		kzalloc(sizeof(*set) + (size_t)count * sizeof(struct semaphore));
	if (!set) {
		*error = -ENOMEM;
		return NULL;
	}
	set->count = count;
	set->change_time = ipc_now();
	wait_queue_init(&set->changed, "semaphore");
	return &set->object;
}

static int check_set(struct ipc_object *object, void *argument)
{
	return *(int *)argument > set_of(object)->count ? -EINVAL : 0;
}

long sys_semget(int32_t key, int count, int flags)
{
	if (count < 0 || count > SEMMSL)
		return -EINVAL;
	mutex_lock(&sets.lock);
	long id = ipc_get(&sets, key, flags, create_set, check_set, &count);
	mutex_unlock(&sets.lock);
	return id;
}

/* Can every operation proceed? If not, *blocking is the one that must wait. */
static int try_operations(struct semaphore_set *set, const struct sembuf *operations, int count,
			  const struct sembuf **blocking)
{
	int values[SEMMSL];
	*blocking = NULL;
	for (int i = 0; i < set->count; i++)
		values[i] = set->semaphores[i].value;
	for (int i = 0; i < count; i++) {
		const struct sembuf *operation = &operations[i];
		int *value = &values[operation->sem_num];
		if (operation->sem_op > 0) {
			if (*value + operation->sem_op > SEMVMX)
				return -ERANGE;
			*value += operation->sem_op;
		} else if (operation->sem_op < 0) {
			if (*value < -operation->sem_op) {
				*blocking = operation;
				return 0;
			}
			*value += operation->sem_op;
		} else if (*value != 0) {
			*blocking = operation;
			return 0;
		}
	}
	return 0;
}

static struct sem_undo *find_undo(struct thread_group *group, struct semaphore_set *set,
				  bool create)
{
	struct sem_undo *undo;
	if (!group)
		return NULL;
	if (!group->sem_undo) {
		if (!create)
			return NULL;
		group->sem_undo = kzalloc(sizeof(struct sem_undo_list));
		if (!group->sem_undo)
			return NULL;
		list_init(&group->sem_undo->undos);
	}
	list_for_each_entry (undo, &group->sem_undo->undos, node) {
		if (undo->set_id == set->object.id)
			return undo;
	}
	if (!create)
		return NULL;
	undo = kzalloc(sizeof(*undo) + (size_t)set->count * sizeof(short));
	if (!undo)
		return NULL;
	undo->set_id = set->object.id;
	undo->count = set->count;
	list_add_tail(&undo->node, &group->sem_undo->undos);
	return undo;
}

static int apply_operations(struct semaphore_set *set, const struct sembuf *operations, int count)
{
	/* Undo entries first: the only step that can fail must come before any change. */
	for (int i = 0; i < count; i++) {
		if ((operations[i].sem_flg & SEM_UNDO) && !find_undo(current->group, set, true))
			return -ENOMEM;
	}
	for (int i = 0; i < count; i++) {
		const struct sembuf *operation = &operations[i];
		struct semaphore *semaphore = &set->semaphores[operation->sem_num];
		semaphore->value += operation->sem_op;
		semaphore->last_pid = current->tgid;
		if (operation->sem_flg & SEM_UNDO)
			find_undo(current->group, set, false)->adjustments[operation->sem_num] -=
				operation->sem_op;
	}
	set->operation_time = ipc_now();
	wake_up_all(&set->changed);
	return 0;
}

static void free_set(struct semaphore_set *set)
{
	kfree(set);
}

long sys_semtimedop(int id, const struct sembuf *user_operations, size_t count,
		    const struct timespec *timeout)
{
	struct sembuf *operations;
	uint64_t deadline = 0;
	struct timer timer;
	long result;

	if (count == 0)
		return -EINVAL;
	if (count > SEMOPM)
		return -E2BIG;
	if (timeout) {
		struct timespec time;
		if (copy_from_user(&time, timeout, sizeof(time)) != 0)
			return -EFAULT;
		if (time.tv_sec < 0 || time.tv_nsec < 0 || time.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = clock_monotonic_ns() + (uint64_t)time.tv_sec * NSEC_PER_SEC +
			   (uint64_t)time.tv_nsec;
	}
	operations = kmalloc(count * sizeof(*operations));
	if (!operations)
		return -ENOMEM;
	if (copy_from_user(operations, user_operations, count * sizeof(*operations)) != 0) {
		kfree(operations);
		return -EFAULT;
	}
	list_init(&timer.node);
	if (deadline)
		timer_arm(&timer, deadline);

	mutex_lock(&sets.lock);
	struct ipc_object *object = ipc_find(&sets, id);
	result = object ? 0 : -EINVAL;
	while (object) {
		struct semaphore_set *set = set_of(object);
		const struct sembuf *blocking;
		for (size_t i = 0; i < count && result == 0; i++) {
			if (operations[i].sem_num >= set->count)
				result = -EFBIG;
		}
		if (result == 0)
			result = try_operations(set, operations, (int)count, &blocking);
		if (result)
			break;
		if (!blocking) {
			result = apply_operations(set, operations, (int)count);
			break;
		}
		if (blocking->sem_flg & IPC_NOWAIT) {
			result = -EAGAIN;
			break;
		}
		if (deadline && clock_monotonic_ns() >= deadline) {
			result = -EAGAIN; /* semtimedop(2): the time limit expired */
			break;
		}
		struct semaphore *semaphore = &set->semaphores[blocking->sem_num];
		int *counter = blocking->sem_op < 0 ? &semaphore->waiting_for_increase
						    : &semaphore->waiting_for_zero;
		struct wait_queue_entry entry;
		wait_entry_init(&entry, false);
		prepare_to_wait(&set->changed, &entry, TASK_INTERRUPTIBLE);
		(*counter)++;
		set->sleepers++;
		mutex_unlock(&sets.lock);
		if (!signal_pending(current))
			schedule();
		finish_wait(&set->changed, &entry);
		mutex_lock(&sets.lock);
		(*counter)--;
		set->sleepers--;
		if (set->object.removed) {
			if (set->sleepers == 0)
				free_set(set);
			result = -EIDRM;
			break;
		}
		if (signal_pending(current)) {
			result = -EINTR;
			break;
		}
	}
	mutex_unlock(&sets.lock);
	if (deadline)
		timer_disarm(&timer);
	kfree(operations);
	return result;
}

long sys_semop(int id, const struct sembuf *operations, size_t count)
{
	return sys_semtimedop(id, operations, count, NULL);
}

static void destroy_set(struct semaphore_set *set)
{
	set->object.removed = true;
	ipc_remove(&sets, &set->object);
	wake_up_all(&set->changed);
	if (set->sleepers == 0)
		free_set(set);
}

static void fill_info(const struct semaphore_set *set, struct semid64_ds *info)
{
	memset(info, 0, sizeof(*info));
	ipc_fill_perm(&set->object, &info->sem_perm);
	info->sem_otime = set->operation_time;
	info->sem_ctime = set->change_time;
	info->sem_nsems = (uint64_t)set->count;
}

/* One line of /proc/sysvipc/sem, in Linux's columns. */
static int show_set(struct ipc_object *object, char *buffer, size_t size)
{
	struct semid64_ds info;
	fill_info(container_of(object, struct semaphore_set, object), &info);
	return snprintf(buffer, size, "%10d %10d  %4o %10lu %5u %5u %5u %5u %10ld %10ld\n",
			info.sem_perm.key, object->id, info.sem_perm.mode, info.sem_nsems,
			info.sem_perm.uid, info.sem_perm.gid, info.sem_perm.cuid,
			info.sem_perm.cgid, info.sem_otime, info.sem_ctime);
}

size_t sem_proc_show(char *buffer, size_t size)
{
	return ipc_proc_show(
		&sets, buffer, size,
		"       key      semid perms      nsems   uid   gid  cuid  cgid      otime "
		"     ctime",
		show_set);
}

struct undo_reset {
	int set_id;
	int number; /* one semaphore, or -1 for all */
};

static bool reset_undo_of(struct task_struct *task, void *data)
{
	struct undo_reset *reset = data;
	struct sem_undo *undo;
	if (!task->group || !task->group->sem_undo)
		return true;
	list_for_each_entry (undo, &task->group->sem_undo->undos, node) {
		if (undo->set_id != reset->set_id)
			continue;
		for (int i = 0; i < undo->count; i++) {
			if (reset->number < 0 || reset->number == i)
				undo->adjustments[i] = 0;
		}
	}
	return true;
}

/* SETVAL and SETALL clear every process's SEM_UNDO adjustments for what they set
 * (semctl(2)): undoing an old operation against a value set since would be wrong.
 * Caller holds sets.lock, which guards every undo list. */
static void reset_undos(struct semaphore_set *set, int number)
{
	struct undo_reset reset = {set->object.id, number};
	for_each_task(reset_undo_of, &reset);
}

static long semctl_locked(struct semaphore_set *set, int number, int command,
			  unsigned long argument)
{
	struct semid64_ds info;
	uint16_t values[SEMMSL];
	bool needs_number = command == GETVAL || command == SETVAL || command == GETPID ||
			    command == GETNCNT || command == GETZCNT;
	if (needs_number && (number < 0 || number >= set->count))
		return -EINVAL;
	struct semaphore *semaphore = needs_number ? &set->semaphores[number] : NULL;
	switch (command) {
	case GETVAL:
		return semaphore->value;
	case GETPID:
		return semaphore->last_pid;
	case GETNCNT:
		return semaphore->waiting_for_increase;
	case GETZCNT:
		return semaphore->waiting_for_zero;
	case SETVAL:
		if ((int)argument < 0 || (int)argument > SEMVMX)
			return -ERANGE;
		semaphore->value = (int)argument;
		semaphore->last_pid = current->tgid;
		reset_undos(set, number);
		set->change_time = ipc_now();
		wake_up_all(&set->changed);
		return 0;
	case GETALL:
		for (int i = 0; i < set->count; i++)
			values[i] = (uint16_t)set->semaphores[i].value;
		return copy_to_user((void *)argument, values,
				    (size_t)set->count * sizeof(uint16_t));
	case SETALL:
		if (copy_from_user(values, (void *)argument, (size_t)set->count * sizeof(uint16_t)))
			return -EFAULT;
		for (int i = 0; i < set->count; i++) {
			if (values[i] > SEMVMX)
				return -ERANGE;
		}
		for (int i = 0; i < set->count; i++) {
			set->semaphores[i].value = values[i];
			set->semaphores[i].last_pid = current->tgid;
		}
		reset_undos(set, -1);
		set->change_time = ipc_now();
		wake_up_all(&set->changed);
		return 0;
	case IPC_STAT:
		fill_info(set, &info);
		return copy_to_user((void *)argument, &info, sizeof(info));
	case IPC_SET:
		if (copy_from_user(&info, (void *)argument, sizeof(info)) != 0)
			return -EFAULT;
		ipc_set_perm(&set->object, &info.sem_perm);
		set->change_time = ipc_now();
		return 0;
	case IPC_RMID:
		destroy_set(set);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_semctl(int id, int number, int command, unsigned long argument)
{
	mutex_lock(&sets.lock);
	struct ipc_object *object = ipc_find(&sets, id);
	long result = object ? semctl_locked(set_of(object), number, command & ~IPC_64, argument)
			     : -EINVAL;
	mutex_unlock(&sets.lock);
	return result;
}

void sem_undo_apply(struct sem_undo_list *list)
{
	struct sem_undo *undo, *next;
	mutex_lock(&sets.lock);
	list_for_each_entry_safe (undo, next, &list->undos, node) {
		struct ipc_object *object = ipc_find(&sets, undo->set_id);
		if (object) {
			struct semaphore_set *set = set_of(object);
			for (int i = 0; i < undo->count && i < set->count; i++) {
				int value = set->semaphores[i].value + undo->adjustments[i];
				set->semaphores[i].value = MAX(0, MIN(value, SEMVMX));
			}
			wake_up_all(&set->changed);
		}
		list_del(&undo->node);
		kfree(undo);
	}
	kfree(list); /* under the lock: reset_undos() may be looking at it until we get here */
	mutex_unlock(&sets.lock);
}
