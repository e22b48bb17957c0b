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
#include "signal.h"
#include "kstack.h"
#include "mm.h"
#include "time.h"
#include "panic.h"
#include "exec.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"

#define MAX_TASKS_DEFAULT 1024

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist");
LIST_HEAD(all_tasks);
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
	kfree(task->fpu_state);
	sighand_free(task);
	sigpending_discard(&task->pending, ~0ull);
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
	sigpending_init(&task->pending);
	completion_init(&task->exited, "task-exited");
	wait_queue_init(&task->child_exit, "child-exit");
	task->usage = 2; /* one for being listed, one for being able to run */
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
	struct task_struct *task;
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
	task->se.start_time_ns = clock_monotonic_ns();
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

int task_attach(struct task_struct *task, struct task_struct *creator, bool thread)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	/* A signal to the creator's process group must reach the parent alone before the fork
	 * or parent and child both after it: one that arrived while the child was being made
	 * (a kill(-pgid) that walked the task list before the child was on it) sends the
	 * creator back to handle it, and fork() starts again afterwards (Linux does the same). */
	if (!(creator->flags & PF_KTHREAD) && signal_pending(creator)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ERESTARTNOINTR;
	}
	if (thread) {
		/* A thread belongs to its process: same tgid and leader, the leader's parent. */
		task->tgid = creator->tgid;
		task->group_leader = creator->group_leader;
		task->real_parent = task->parent = creator->group_leader->real_parent;
		list_add_tail(&task->thread_group, &creator->group_leader->thread_group);
	} else {
		struct task_struct *parent = task->real_parent ? task->real_parent : creator;
		task->real_parent = task->parent = parent;
		list_add_tail(&task->sibling, &parent->children);
	}
	task->pgid = creator->pgid;
	task->sid = creator->sid;
	list_add_tail(&task->tasks, &all_tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid_attach(task);
	return 0;
}

void task_abandon(struct task_struct *task)
{
	task->state = TASK_DEAD;
	pid_free(task->pid);
	task->usage = 1;
	put_task_struct(task);
}

noreturn void task_start(void)
{
	if (current->flags & PF_KTHREAD)
		kthread_main();
	return_to_user(); /* a forked task: back to user mode with the copied registers */
}

void for_each_task(bool (*visit)(struct task_struct *task, void *data), void *data)
{
	struct task_struct *task;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry (task, &all_tasks, tasks) {
		if (!visit(task, data))
			break;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

struct mm_struct *task_get_mm(struct task_struct *task)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	struct mm_struct *mm = task->mm;
	if (mm)
		mm_get(mm);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

void task_set_mm(struct task_struct *task, struct mm_struct *mm)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	task->mm = mm;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}
