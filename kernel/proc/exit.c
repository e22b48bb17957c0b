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
#include "kmalloc.h"
#include "kthread.h"
#include "leakcheck.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "proc.h"
#include "resources.h"
#include "job_control.h"
#include "qemu.h"
#include "sched.h"
#include "sched_trace.h"
#include "signal.h"
#include "sysvipc.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"
#include "vfs.h"
#include "futex.h"
#include "uaccess.h"

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
	list_del(&task->thread_group);
	task->exit_state = EXIT_DEAD;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid_free(task->pid);
	put_task_struct(task);
}

void mm_release(struct task_struct *task)
{
	/* CLONE_CHILD_CLEARTID: tell a pthread_join()er the thread is gone (if anyone can see).
	 * Called while the mm is still the active one, so the user word can be written. */
	if (task->clear_child_tid && task->mm && task->mm->users > 1) {
		int zero = 0;
		copy_to_user(task->clear_child_tid, &zero, sizeof(zero));
		futex_wake_address(task->clear_child_tid, 1);
	}
	task->clear_child_tid = NULL;
	if (task->vfork_done) {
		complete(task->vfork_done);
		task->vfork_done = NULL;
	}
}

/* The nearest living ancestor that asked to adopt orphans (prctl(2),
 * PR_SET_CHILD_SUBREAPER), or NULL. Caller holds tasklist_lock. */
static struct task_struct *find_subreaper(struct task_struct *self)
{
	for (struct task_struct *walk = self->group_leader->real_parent;
	     walk && walk != child_reaper; walk = walk->real_parent) {
		if (walk->group && walk->group->is_child_subreaper && !walk->group->exiting &&
		    walk->exit_state == 0)
			return walk;
		if (walk->real_parent == walk)
			break;
	}
	return NULL;
}

/* Caller holds tasklist_lock. Orphans go to the nearest subreaper, else to init (or, before
 * init exists, to our parent). */
static void reparent_children(struct task_struct *self)
{
	struct task_struct *reaper = find_subreaper(self);
	if (!reaper)
		reaper = child_reaper && child_reaper != self ? child_reaper : self->real_parent;
	struct task_struct *child, *next;
	bool zombie_adopted = false;
	list_for_each_entry_safe (child, next, &self->children, sibling) {
		struct task_struct *thread;
		list_del(&child->sibling);
		child->real_parent = child->parent = reaper;
		/* A process's threads carry its parent too (getppid, /proc): keep them right, or
		 * they would point at a task that is about to be freed. */
		list_for_each_entry (thread, &child->thread_group, thread_group)
			thread->real_parent = thread->parent = reaper;
		list_add_tail(&child->sibling, &reaper->children);
		zombie_adopted |= child->exit_state == EXIT_ZOMBIE;
	}
	if (zombie_adopted)
		wake_up_all(&reaper->child_exit);
}

/*
 * pid 1 has no one to collect it: give back what it held, check that the whole run leaked
 * nothing, report, and stop the machine (the QEMU runner reads the report).
 */
static noreturn void init_exited(struct task_struct *self, int status)
{
	if (self->group && self->group->sem_undo) { /* as for any process (do_exit) */
		struct sem_undo_list *undo = self->group->sem_undo;
		self->group->sem_undo = NULL;
		sem_undo_apply(undo);
	}
	if (self->mm) {
		struct mm_struct *mm = self->mm;
		mm_release(self);
		task_set_mm(self, NULL);
		mm_activate(NULL);
		mm_put(mm);
	}
	kfree(self->fpu_state);
	self->fpu_state = NULL;
	sighand_release(self);
	sigpending_discard(&self->pending, ~0ull);
	if (self->group)
		sigpending_discard(&self->group->shared_pending, ~0ull);
	/* A task may still be on its way out: a thread whose exit woke pthread_join() (and so
	 * let init finish) can be preempted before it has let go of its memory. Give such tasks
	 * the CPU to finish; whatever is still there after that is a real leak. */
	for (int round = 0; round < 1000 && task_count() > 1; round++)
		sched_yield();
	bool clean = leakcheck_report();
	if (sched_trace_is_enabled()) /* `make trace`: the whole run, for scripts/sched-trace.py */
		sched_trace_dump();
	if (WIFSIGNALED(status))
		printk(KERN_EMERG "Spindle: init (pid 1) was killed by signal %d\n",
		       WTERMSIG(status));
	else
		printk(KERN_EMERG "Spindle: init (pid 1) exited with code %d\n",
		       WEXITSTATUS(status));
	qemu_exit(status == 0 && clean ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	cpu_halt_forever();
}

/* wait(2) NOTES: a parent whose SIGCHLD is SIG_IGN or has SA_NOCLDWAIT leaves no
 * zombies. Caller holds tasklist_lock. */
static bool parent_ignores_children(struct task_struct *self)
{
	unsigned long flags;
	void *handler = signal_handler_of(self->parent, SIGCHLD, &flags);
	return self->exit_signal == SIGCHLD &&
	       (handler == (void *)SIG_IGN || (flags & SA_NOCLDWAIT));
}

/* The leader's exit_signal (SIGCHLD for fork) to its parent, with the child's status.
 * Caller holds tasklist_lock. */
static void notify_parent(struct task_struct *leader, int status)
{
	struct signal_info info = {.pid = leader->tgid};
	/* clone(2) accepts any exit signal number 0-255: one that is no signal is not sent. */
	if (leader->exit_signal <= 0 || leader->exit_signal > SIGNAL_COUNT ||
	    leader->parent->exit_state != 0)
		return;
	if (WIFEXITED(status)) {
		info.code = CLD_EXITED;
		info.status = WEXITSTATUS(status);
	} else {
		info.code = (status & WSTATUS_COREDUMP) ? CLD_DUMPED : CLD_KILLED;
		info.status = WTERMSIG(status);
	}
	signal_send_process_locked(leader->parent, leader->exit_signal, &info);
}

noreturn void do_exit(int code)
{
	struct task_struct *self = current;
	BUG_ON(self->flags & PF_IDLE);
	if (self == child_reaper && !(self->flags & PF_KTHREAD))
		init_exited(self, code);

	struct thread_group *group = self->group;
	if (group && READ_ONCE(group->exiting))
		code = group->exit_code; /* the whole process goes with one status */
	self->exit_code = code;
	bool last_thread =
		!group || __atomic_sub_fetch(&group->live_threads, 1, __ATOMIC_ACQ_REL) == 0;
	if (last_thread && group) {
		timer_disarm(&group->real_timer); /* its SIGALRM would find no one */
		posix_timers_delete_all(group);
	}
	if (last_thread && group && group->sem_undo) {
		/* SEM_UNDO: the process gives back what its semaphore operations took. */
		struct sem_undo_list *undo = group->sem_undo;
		group->sem_undo = NULL;
		sem_undo_apply(undo);
	}
	if (self->mm) {
		struct mm_struct *mm = self->mm;
		mm_release(self);
		task_set_mm(self, NULL);
		mm_activate(NULL); /* off its page tables before they can be freed */
		mm_put(mm);
	}
	if (self->files) {
		files_put(self->files);
		self->files = NULL;
	}
	if (self->fs) {
		fs_put(self->fs);
		self->fs = NULL;
	}

	/* From here nothing sleeps. Without preemption, a parent woken below cannot reap this
	 * task while it still holds the CPU; sched_exit_current() drops the count. */
	preempt_disable();
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	/* The thread that finishes this part last -- not the one that counted itself out of
	 * live_threads last above -- tells the parent: until then another thread may still be
	 * on its way here, needing its leader (reparent_children). */
	bool family_last =
		!group || __atomic_sub_fetch(&group->family_threads, 1, __ATOMIC_ACQ_REL) == 0;
	bool autoreap = self->exit_signal < 0 || (family_last && self == self->group_leader &&
						  parent_ignores_children(self));
	if (last_thread && group && !(self->flags & PF_KTHREAD))
		job_control_process_exit_locked(self->group_leader);
	reparent_children(self);
	if (!autoreap)
		self->exit_state = EXIT_ZOMBIE;
	if (family_last) {
		/* A process is collectable once its last thread is gone: tell the leader's
		 * parent (the leader may have become a zombie long ago). */
		struct task_struct *leader = self->group_leader;
		if (group)
			group->threads_gone = true;
		if (leader->exit_state == EXIT_ZOMBIE || leader == self || autoreap) {
			struct thread_group *leader_group = leader->group ? leader->group : group;
			notify_parent(leader, leader_group && leader_group->exiting
						      ? leader_group->exit_code
						      : leader->exit_code);
			wake_up_all(&leader->parent->child_exit);
		}
	}
	if (self != self->group_leader && group) { /* its CPU time stays with the process */
		group->exited_utime_ns += self->se.utime_ns;
		group->exited_stime_ns += self->se.stime_ns;
	}
	if (self != self->group_leader)
		list_del(&self->thread_group); /* the leader stays until reaped: it anchors the ring
						*/
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (group) {
		self->group = NULL;
		if (!autoreap) /* the zombie leader keeps it for the exit status */
			self->group = group;
		else
			thread_group_put(group);
	}
	if (autoreap)
		release_task(self);
	complete_all(&self->exited);
	sched_exit_current();
}

static bool child_matches(struct task_struct *self, struct task_struct *child, pid_t pid,
			  int options)
{
	/* wait(2) NOTES: by default only children that report with SIGCHLD; with __WCLONE
	 * (WCLONE_ONLY) only the others; with __WALL (WALL_THREADS) all of them. */
	if (!(options & WALL_THREADS) && ((options & WCLONE_ONLY) ? child->exit_signal == SIGCHLD
								  : child->exit_signal != SIGCHLD))
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
		struct task_struct *zombie = NULL, *reported = NULL, *child;
		int stop_status = 0;
		bool any = false;
		prepare_to_wait(&self->child_exit, &wait, TASK_INTERRUPTIBLE);
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		list_for_each_entry (child, &self->children, sibling) {
			if (!child_matches(self, child, pid, options))
				continue;
			/* Like Linux, a zombie is no candidate for a wait that does not want exits
			 * (waitid without WEXITED): alone, it makes the wait -ECHILD. */
			if (child->exit_state == EXIT_ZOMBIE && !(options & WEXITED))
				continue;
			any = true;
			/* A leader waits for its threads: the group is collectable when none live.
			 */
			bool threads_alive = child->group && !child->group->threads_gone;
			if (child->exit_state == 0 &&
			    signal_take_job_status(child, options, &stop_status)) {
				reported = child;
				break;
			}
			if (child->exit_state == EXIT_ZOMBIE && !threads_alive &&
			    (options & WEXITED)) {
				zombie = child;
				if (!(options & WNOWAIT))
					zombie->exit_state = EXIT_DEAD; /* ours to collect */
				break;
			}
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);

		if (reported) {
			finish_wait(&self->child_exit, &wait);
			*status = stop_status;
			*utime_ns = reported->se.utime_ns;
			*stime_ns = reported->se.stime_ns;
			return reported->pid;
		}
		if (zombie) {
			finish_wait(&self->child_exit, &wait);
			*status = zombie->group && zombie->group->exiting ? zombie->group->exit_code
									  : zombie->exit_code;
			/* The whole process's time, and its own children's (getrusage(2)). */
			flags = spin_lock_irqsave(&tasklist_lock);
			resources_cpu_times_locked(zombie, utime_ns, stime_ns);
			if (zombie->group) {
				*utime_ns += zombie->group->children_utime_ns;
				*stime_ns += zombie->group->children_stime_ns;
			}
			if (!(options & WNOWAIT) && self->group) {
				self->group->children_utime_ns += *utime_ns;
				self->group->children_stime_ns += *stime_ns;
			}
			spin_unlock_irqrestore(&tasklist_lock, flags);
			result = zombie->pid;
			if (!(options & WNOWAIT)) {
				if (zombie->group) {
					thread_group_put(zombie->group);
					zombie->group = NULL;
				}
				release_task(zombie);
			}
			return result;
		}
		if (!any || (options & WNOHANG)) {
			finish_wait(&self->child_exit, &wait);
			return any ? 0 : -ECHILD;
		}
		if (signal_pending(self)) {
			finish_wait(&self->child_exit, &wait);
			return -ERESTARTSYS;
		}
		schedule();
		finish_wait(&self->child_exit, &wait);
	}
}

noreturn void do_exit_group(int status)
{
	struct task_struct *self = current, *thread;
	struct thread_group *group = self->group;
	if (group) {
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		if (!group->exiting) {
			group->exit_code = status;
			WRITE_ONCE(group->exiting, true);
		}
		/* Wake sleeping threads so they notice; running ones notice on their way
		 * back to user mode. The leader's thread_group list holds every other thread. */
		struct task_struct *leader = self->group_leader;
		if (leader != self)
			wake_up_state(leader, TASK_INTERRUPTIBLE);
		list_for_each_entry (thread, &leader->thread_group, thread_group) {
			if (thread != self)
				wake_up_state(thread, TASK_INTERRUPTIBLE);
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	do_exit(status);
}
