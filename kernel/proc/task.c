/*
 * task_struct life cycle (include/task.h): creation with a pid and a kernel stack, the
 * global task list, reference counting, and release. The family fields and the task list
 * are protected by tasklist_lock.
 */
#include "task.h"
#include "arch/cpu.h"
#include "err.h"
#include "format.h"
#include "kmalloc.h"
#include "kstack.h"
#include "panic.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"

#define MAX_TASKS_DEFAULT 1024

static struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist");
static LIST_HEAD(all_tasks);
static size_t live_tasks; /* task_structs allocated by task_create and not yet freed */
static size_t max_tasks = MAX_TASKS_DEFAULT;

size_t task_count(void)
{
	return READ_ONCE(live_tasks);
}

size_t kstack_count(void)
{
	return kstack_live_count();
}

size_t task_get_max(void)
{
	return READ_ONCE(max_tasks);
}

size_t task_set_max(size_t limit)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	size_t old = max_tasks;
	max_tasks = limit;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return old;
}

void get_task_struct(struct task_struct *task)
{
	__atomic_add_fetch(&task->usage, 1, __ATOMIC_RELAXED);
}

static void task_free(struct task_struct *task)
{
	BUG_ON(task->flags & PF_IDLE);
	/* Only a task that has exited (and so left every list) may be freed. */
	BUG_ON(task->state != TASK_DEAD || !list_is_empty(&task->tasks) ||
	       !list_is_empty(&task->pid_hash_node));
	if (task->stack)
		kstack_free(task->stack);
	kfree(task);
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	live_tasks--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void put_task_struct(struct task_struct *task)
{
	long left = __atomic_sub_fetch(&task->usage, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left == 0)
		task_free(task);
}

void task_init_common(struct task_struct *task, const char *name)
{
	strlcpy(task->comm, name, sizeof(task->comm));
	task->group_leader = task;
	list_init(&task->children);
	list_init(&task->sibling);
	list_init(&task->thread_group);
	list_init(&task->tasks);
	list_init(&task->pid_hash_node);
	list_init(&task->se.run_node);
	completion_init(&task->exited, "task-exited");
	task->usage = 1;
	task->exit_signal = -1;
}

void task_register_idle(struct task_struct *idle)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	list_add_tail(&idle->tasks, &all_tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

struct task_struct *task_create(const char *name, unsigned task_flags)
{
	struct task_struct *task, *parent = current;
	long error;
	uint64_t flags;

	flags = spin_lock_irqsave(&tasklist_lock);
	if (live_tasks >= max_tasks) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return ERR_PTR(-EAGAIN);
	}
	live_tasks++;
	spin_unlock_irqrestore(&tasklist_lock, flags);

	error = -ENOMEM;
	task = kzalloc(sizeof(*task));
	if (!task)
		goto err_uncount;
	task_init_common(task, name);
	task->flags = task_flags;
	task->pid = pid_alloc();
	if (task->pid < 0) {
		error = task->pid;
		goto err_free_task;
	}
	task->tgid = task->pid;
	error = -ENOMEM;
	task->stack = kstack_alloc();
	if (!task->stack)
		goto err_free_pid;

	flags = spin_lock_irqsave(&tasklist_lock);
	task->real_parent = task->parent = parent;
	list_add_tail(&task->sibling, &parent->children);
	list_add_tail(&task->tasks, &all_tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid_attach(task);
	return task;

err_free_pid:
	pid_free(task->pid);
err_free_task:
	kfree(task);
err_uncount:
	flags = spin_lock_irqsave(&tasklist_lock);
	live_tasks--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ERR_PTR(error);
}

/*
 * The current task stops existing for everyone else: it leaves its parent, the task list
 * and the pid table, and its pid becomes free. Waiters on `exited` are released.
 * Its memory goes after its last switch (sched_exit_current) and last reference.
 */
noreturn void task_exit(int code)
{
	struct task_struct *self = current;
	struct task_struct *child, *next;

	BUG_ON(self->flags & PF_IDLE);
	/* No preemption from here on: the next switch is the last one. */
	irq_disable();
	self->exit_code = code;
	pid_detach(self);
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	list_del(&self->sibling);
	list_del(&self->tasks);
	/* Orphans go to the idle task until init can adopt them (the user-mode issue). */
	list_for_each_entry_safe(child, next, &self->children, sibling) {
		list_del(&child->sibling);
		child->real_parent = child->parent = self->real_parent;
		list_add_tail(&child->sibling, &self->real_parent->children);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid_free(self->pid);
	complete_all(&self->exited);
	sched_exit_current();
}

void for_each_task(bool (*visit)(struct task_struct *task, void *data), void *data)
{
	struct task_struct *task;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(task, &all_tasks, tasks) {
		if (!visit(task, data))
			break;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}
