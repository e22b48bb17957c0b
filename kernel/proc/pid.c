/*
 * Kernel-wide process ids (include/pid.h): the cyclic allocator behind a lock, and a hash
 * table from pid to task so lookups (kill, wait, /proc later) do not walk every task.
 */
#include "bitmap.h"
#include "panic.h"
#include "pid.h"
#include "spinlock.h"
#include "task.h"
#include "uapi/errno.h"

#define PID_HASH_BUCKETS 256

static struct spinlock pid_lock = SPINLOCK_INIT("pid");
static uint64_t pid_bitmap[BITMAP_WORDS(PID_MAX_LIMIT)];
static struct pid_allocator allocator;
static struct list_head pid_hash[PID_HASH_BUCKETS];

void pid_init(void)
{
	pid_allocator_init(&allocator, pid_bitmap, PID_MAX_DEFAULT, PID_WRAP_START);
	for (int i = 0; i < PID_HASH_BUCKETS; i++)
		list_init(&pid_hash[i]);
}

static pid_t last_pid;

pid_t pid_alloc(void)
{
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	pid_t pid = pid_allocator_alloc(&allocator);
	if (pid > 0)
		WRITE_ONCE(last_pid, pid);
	spin_unlock_irqrestore(&pid_lock, flags);
	return pid;
}

pid_t pid_last(void)
{
	return READ_ONCE(last_pid);
}

void pid_free(pid_t pid)
{
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	int result = pid_allocator_free(&allocator, pid);
	spin_unlock_irqrestore(&pid_lock, flags);
	BUG_ON(result != 0);
}

void pid_attach(struct task_struct *task)
{
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	list_add(&task->pid_hash_node, &pid_hash[task->pid % PID_HASH_BUCKETS]);
	spin_unlock_irqrestore(&pid_lock, flags);
}

void pid_detach(struct task_struct *task)
{
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	list_del(&task->pid_hash_node);
	spin_unlock_irqrestore(&pid_lock, flags);
}

struct task_struct *find_get_task_by_pid(pid_t pid)
{
	struct task_struct *task, *found = NULL;
	if (pid < 0)
		return NULL;
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	list_for_each_entry (task, &pid_hash[pid % PID_HASH_BUCKETS], pid_hash_node) {
		if (task->pid == pid) {
			found = task;
			get_task_struct(found);
			break;
		}
	}
	spin_unlock_irqrestore(&pid_lock, flags);
	return found;
}

int pid_set_max(pid_t pid_max)
{
	int result = 0;
	if (pid_max <= PID_WRAP_START || pid_max > PID_MAX_LIMIT)
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&pid_lock);
	for (pid_t pid = pid_max; pid < allocator.pid_max; pid++) {
		if (bitmap_test(pid_bitmap, (size_t)pid))
			result = -EINVAL;
	}
	if (result == 0) {
		allocator.pid_max = pid_max;
		if (allocator.last >= pid_max)
			allocator.last = pid_max - 1;
	}
	spin_unlock_irqrestore(&pid_lock, flags);
	return result;
}

pid_t pid_get_max(void)
{
	return READ_ONCE(allocator.pid_max);
}
