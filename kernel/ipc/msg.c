/*
 * System V message queues: msgget(2), msgsnd(2), msgrcv(2), msgctl(2).
 *
 *   msgsnd: append {type, bytes}; if the queue would exceed msg_qbytes, wait for room
 *           (or -EAGAIN with IPC_NOWAIT).
 *   msgrcv: type 0 -> the oldest message; type > 0 -> the oldest of that type (with
 *           MSG_EXCEPT: of any other type); type < 0 -> the oldest of the lowest type not
 *           above |type|. Too long -> -E2BIG unless MSG_NOERROR truncates. None -> wait
 *           (or -ENOMSG with IPC_NOWAIT).
 *   IPC_RMID wakes every sleeper with -EIDRM.
 * One mutex (the table's) guards every queue; sleepers wait on the queue's wait queues.
 */
#include "format.h"
#include "kmalloc.h"
#include "sched.h"
#include "string.h"
#include "sysvipc.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "wait.h"

#define MSGMAX 8192  /* largest message (Linux's default) */
#define MSGMNB 16384 /* default queue capacity in bytes (Linux's default) */

struct message {
	int64_t type;
	size_t size;
	struct list_head node;
	char text[];
};

struct message_queue {
	struct ipc_object object;
	struct list_head messages;
	size_t bytes, count, capacity;
	int64_t send_time, receive_time, change_time;
	int32_t last_sender, last_receiver;
	struct wait_queue_head senders, receivers;
	int sleepers; /* tasks asleep on the wait queues: the memory must outlive them */
};

static struct ipc_table queues = {.lock = MUTEX_INIT(queues.lock)};

static struct message_queue *queue_of(struct ipc_object *object)
{
	return container_of(object, struct message_queue, object);
}

static struct ipc_object *create_queue(int32_t key, int flags, void *argument, int *error)
{
	struct message_queue *queue = kzalloc(sizeof(*queue));
	if (!queue) {
		*error = -ENOMEM;
		return NULL;
	}
	list_init(&queue->messages);
	queue->capacity = MSGMNB;
	queue->change_time = ipc_now();
	wait_queue_init(&queue->senders, "msg-senders");
	wait_queue_init(&queue->receivers, "msg-receivers");
	return &queue->object;
}

long sys_msgget(int32_t key, int flags)
{
	mutex_lock(&queues.lock);
	long id = ipc_get(&queues, key, flags, create_queue, NULL, NULL);
	mutex_unlock(&queues.lock);
	return id;
}

static void free_queue(struct message_queue *queue)
{
	struct message *message, *next;
	list_for_each_entry_safe (message, next, &queue->messages, node)
		kfree(message);
	kfree(queue);
}

/*
 * Sleep on one of the queue's wait queues with the table lock dropped. A queue removed
 * meanwhile is freed by its last sleeper. Returns 0, -EIDRM (removed) or -EINTR.
 */
static int sleep_unlocked(struct message_queue *queue, struct wait_queue_head *wait)
{
	struct wait_queue_entry entry;
	wait_entry_init(&entry, false);
	prepare_to_wait(wait, &entry, TASK_INTERRUPTIBLE);
	queue->sleepers++;
	mutex_unlock(&queues.lock);
	if (!signal_pending(current))
		schedule();
	finish_wait(wait, &entry);
	mutex_lock(&queues.lock);
	queue->sleepers--;
	if (queue->object.removed) {
		if (queue->sleepers == 0)
			free_queue(queue);
		return -EIDRM;
	}
	return signal_pending(current) ? -EINTR : 0;
}

long sys_msgsnd(int id, const void *user_message, size_t size, int flags)
{
	if ((ssize_t)size < 0 || size > MSGMAX)
		return -EINVAL;
	struct message *message = kmalloc(sizeof(*message) + size);
	if (!message)
		return -ENOMEM;
	if (copy_from_user(&message->type, user_message, sizeof(int64_t)) != 0 ||
	    copy_from_user(message->text, (const char *)user_message + sizeof(int64_t), size) !=
		    0) {
		kfree(message);
		return -EFAULT;
	}
	if (message->type < 1) {
		kfree(message);
		return -EINVAL;
	}
	message->size = size;

	long result = 0;
	mutex_lock(&queues.lock);
	struct ipc_object *object = ipc_find(&queues, id);
	if (!object)
		result = -EINVAL;
	while (object) {
		struct message_queue *queue = queue_of(object);
		if (queue->bytes + size <= queue->capacity) {
			list_add_tail(&message->node, &queue->messages);
			queue->bytes += size;
			queue->count++;
			queue->send_time = ipc_now();
			queue->last_sender = current->tgid;
			wake_up_all(&queue->receivers);
			message = NULL;
			break;
		}
		if (flags & IPC_NOWAIT) {
			result = -EAGAIN;
			break;
		}
		result = sleep_unlocked(queue, &queue->senders);
		if (result)
			break;
	}
	mutex_unlock(&queues.lock);
	kfree(message);
	return result;
}

/* The message msgrcv's type rules pick, or NULL. */
static struct message *pick(struct message_queue *queue, int64_t type, int flags)
{
	struct message *message, *best = NULL;
	list_for_each_entry (message, &queue->messages, node) {
		if (type == 0)
			return message;
		if (type > 0) {
			bool match = message->type == type;
			if ((flags & MSG_EXCEPT) ? !match : match)
				return message;
		} else if (message->type <= -type && (!best || message->type < best->type)) {
			best = message;
		}
	}
	return best;
}

long sys_msgrcv(int id, void *user_message, size_t size, int64_t type, int flags)
{
	if ((ssize_t)size < 0)
		return -EINVAL;
	long result = -EINVAL;
	mutex_lock(&queues.lock);
	struct ipc_object *object = ipc_find(&queues, id);
	while (object) {
		struct message_queue *queue = queue_of(object);
		struct message *message = pick(queue, type, flags);
		if (message) {
			if (message->size > size && !(flags & MSG_NOERROR)) {
				result = -E2BIG;
				break;
			}
			size_t length = MIN(size, message->size);
			if (copy_to_user(user_message, &message->type, sizeof(int64_t)) != 0 ||
			    copy_to_user((char *)user_message + sizeof(int64_t), message->text,
					 length) != 0) {
				result = -EFAULT; /* the message stays queued */
				break;
			}
			list_del(&message->node);
			queue->bytes -= message->size;
			queue->count--;
			queue->receive_time = ipc_now();
			queue->last_receiver = current->tgid;
			kfree(message);
			wake_up_all(&queue->senders);
			result = (long)length;
			break;
		}
		if (flags & IPC_NOWAIT) {
			result = -ENOMSG;
			break;
		}
		result = sleep_unlocked(queue, &queue->receivers);
		if (result)
			break;
	}
	mutex_unlock(&queues.lock);
	return result;
}

static void destroy_queue(struct message_queue *queue)
{
	queue->object.removed = true;
	ipc_remove(&queues, &queue->object);
	/* Wake the sleepers: they return -EIDRM, and the last one frees the queue. */
	wake_up_all(&queue->senders);
	wake_up_all(&queue->receivers);
	if (queue->sleepers == 0)
		free_queue(queue);
}

static void fill_info(const struct message_queue *queue, struct msqid64_ds *info)
{
	memset(info, 0, sizeof(*info));
	ipc_fill_perm(&queue->object, &info->msg_perm);
	info->msg_stime = queue->send_time;
	info->msg_rtime = queue->receive_time;
	info->msg_ctime = queue->change_time;
	info->msg_cbytes = queue->bytes;
	info->msg_qnum = queue->count;
	info->msg_qbytes = queue->capacity;
	info->msg_lspid = queue->last_sender;
	info->msg_lrpid = queue->last_receiver;
}

/* One line of /proc/sysvipc/msg, in Linux's columns. */
static int show_queue(struct ipc_object *object, char *buffer, size_t size)
{
	struct msqid64_ds info;
	fill_info(queue_of(object), &info);
	return snprintf(buffer, size,
			"%10d %10d  %4o  %10lu %10lu %5d %5d %5u %5u %5u %5u %10ld %10ld %10ld\n",
			info.msg_perm.key, object->id, info.msg_perm.mode, info.msg_cbytes,
			info.msg_qnum, info.msg_lspid, info.msg_lrpid, info.msg_perm.uid,
			info.msg_perm.gid, info.msg_perm.cuid, info.msg_perm.cgid, info.msg_stime,
			info.msg_rtime, info.msg_ctime);
}

size_t msg_proc_show(char *buffer, size_t size)
{
	return ipc_proc_show(
		&queues, buffer, size,
		"       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid "
		" cuid  cgid      stime      rtime      ctime",
		show_queue);
}

long sys_msgctl(int id, int command, void *user_buffer)
{
	struct msqid64_ds info;
	long result = 0;
	command &= ~IPC_64;
	mutex_lock(&queues.lock);
	struct ipc_object *object = ipc_find(&queues, id);
	if (!object) {
		mutex_unlock(&queues.lock);
		return -EINVAL;
	}
	struct message_queue *queue = queue_of(object);
	switch (command) {
	case IPC_STAT:
		fill_info(queue, &info);
		result = copy_to_user(user_buffer, &info, sizeof(info));
		break;
	case IPC_SET:
		if (copy_from_user(&info, user_buffer, sizeof(info)) != 0) {
			result = -EFAULT;
			break;
		}
		ipc_set_perm(object, &info.msg_perm);
		if (info.msg_qbytes > 0)
			queue->capacity = info.msg_qbytes;
		queue->change_time = ipc_now();
		wake_up_all(&queue->senders); /* a bigger queue may have room now */
		break;
	case IPC_RMID:
		destroy_queue(queue);
		break;
	default:
		result = -EINVAL;
	}
	mutex_unlock(&queues.lock);
	return result;
}
