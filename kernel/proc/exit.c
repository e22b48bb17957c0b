/*
 * How tasks end (include/proc.h), following exit(2), _exit(2), wait4(2) and waitid(2):
 *
 *   do_exit:   give back memory, files and working directory; hand the children to init;
 *              become a zombie holding only the exit status (processes), or disappear at
 *              once (kernel threads); wake the parent sleeping in wait.
 *   do_wait:   find a zombie child that matches, collect its status, release it -- or
 *              sleep on child_exit until one exits.
 * A zombie keeps its pid until collected, so the parent can still tell which child it was.
 */
#include "arch/cpu.h"
#include "kthread.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "proc.h"
#include "qemu.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"
#include "vfs.h"

static struct task_struct *child_reaper;

void exit_set_child_reaper(struct task_struct *task)
{
	child_reaper = task;
}

void release_task(struct task_struct *task)
{
	pid_detach(task);
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	list_del(&task->sibling);
	list_del(&task->tasks);
	task->exit_state = EXIT_DEAD;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid_free(task->pid);
	put_task_struct(task);
}

void mm_release(struct task_struct *task, struct mm_struct *mm)
{
	if (task->vfork_done) {
		complete(task->vfork_done);
		task->vfork_done = NULL;
	}
	mm_put(mm);
}

/* Caller holds tasklist_lock. Orphans go to init (or, before init exists, to our parent). */
static void reparent_children(struct task_struct *self)
{
	struct task_struct *reaper = child_reaper && child_reaper != self ? child_reaper
									 : self->real_parent;
	struct task_struct *child, *next;
	bool zombie_adopted = false;
	list_for_each_entry_safe(child, next, &self->children, sibling) {
		list_del(&child->sibling);
		child->real_parent = child->parent = reaper;
		list_add_tail(&child->sibling, &reaper->children);
		zombie_adopted |= child->exit_state == EXIT_ZOMBIE;
	}
	if (zombie_adopted)
		wake_up_all(&reaper->child_exit);
}

/* pid 1 has no one to collect it: report and stop the machine (the QEMU runner reads it). */
static noreturn void init_exited(int status)
{
	if (WIFSIGNALED(status))
		printk(KERN_EMERG "Spindle: init (pid 1) was killed by signal %d\n",
		       WTERMSIG(status));
	else
		printk(KERN_EMERG "Spindle: init (pid 1) exited with code %d\n",
		       WEXITSTATUS(status));
	qemu_exit(status == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	cpu_halt_forever();
}

noreturn void do_exit(int code)
{
	struct task_struct *self = current;
	BUG_ON(self->flags & PF_IDLE);
	if (self == child_reaper && !(self->flags & PF_KTHREAD))
		init_exited(code);

	self->exit_code = code;
	if (self->mm) {
		struct mm_struct *mm = self->mm;
		self->mm = NULL;
		mm_activate(NULL); /* off its page tables before they can be freed */
		mm_release(self, mm);
	}
	if (self->files) {
		files_put(self->files);
		self->files = NULL;
	}
	if (self->fs) {
		fs_put(self->fs);
		self->fs = NULL;
	}

	bool autoreap = self->exit_signal < 0;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	reparent_children(self);
	if (!autoreap) {
		self->exit_state = EXIT_ZOMBIE;
		wake_up_all(&self->parent->child_exit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (autoreap)
		release_task(self);
	complete_all(&self->exited);
	sched_exit_current();
}

static bool child_matches(struct task_struct *self, struct task_struct *child, pid_t pid,
			  int options)
{
	/* Without WALL_THREADS (Linux's __WALL) only children that report with SIGCHLD count. */
	if (!(options & WALL_THREADS) && child->exit_signal != SIGCHLD)
		return false;
	if (pid > 0)
		return child->pid == pid;
	if (pid == 0)
		return child->pgid == self->pgid;
	if (pid < -1)
		return child->pgid == -pid;
	return true;
}

long do_wait(pid_t pid, int options, int *status, uint64_t *utime_ns, uint64_t *stime_ns)
{
	struct task_struct *self = current;
	struct wait_queue_entry wait;
	long result;

	wait_entry_init(&wait, false);
	for (;;) {
		struct task_struct *zombie = NULL, *child;
		bool any = false;
		prepare_to_wait(&self->child_exit, &wait, TASK_INTERRUPTIBLE);
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		list_for_each_entry(child, &self->children, sibling) {
			if (!child_matches(self, child, pid, options))
				continue;
			any = true;
			if (child->exit_state == EXIT_ZOMBIE) {
				zombie = child;
				if (!(options & WNOWAIT))
					zombie->exit_state = EXIT_DEAD; /* ours to collect */
				break;
			}
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);

		if (zombie) {
			finish_wait(&self->child_exit, &wait);
			*status = zombie->exit_code;
			*utime_ns = zombie->se.utime_ns;
			*stime_ns = zombie->se.stime_ns;
			result = zombie->pid;
			if (!(options & WNOWAIT))
				release_task(zombie);
			return result;
		}
		if (!any || (options & WNOHANG)) {
			finish_wait(&self->child_exit, &wait);
			return any ? 0 : -ECHILD;
		}
		schedule();
		finish_wait(&self->child_exit, &wait);
	}
}
