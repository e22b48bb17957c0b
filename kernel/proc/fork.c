/*
 * fork(2), vfork(2) and clone(2): one copy_process() builds the child for all three, driven
 * by the clone flags. What the flags decide:
 *
 *   CLONE_VM       share the address space        (else: copy it, copy-on-write)
 *   CLONE_FILES    share the fd table             (else: copy it; open files are shared)
 *   CLONE_FS       share cwd/root/umask           (else: copy them)
 *   CLONE_THREAD   join the caller's thread group: same tgid, no SIGCHLD, a thread
 *   CLONE_VFORK    the caller sleeps until the child execs or exits
 *   CLONE_PARENT   the child's parent is the caller's parent
 *   CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID: tid words
 *
 *   fork()  = clone(SIGCHLD)
 *   vfork() = clone(CLONE_VM | CLONE_VFORK | SIGCHLD)
 *   pthread_create() = clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
 *                            CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | ...)
 * The error path undoes exactly what was done, in reverse order.
 */
#include "arch/trap.h"
#include "err.h"
#include "exec.h"
#include "kmalloc.h"
#include "mm.h"
#include "proc.h"
#include "resources.h"
#include "sched.h"
#include "signal.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/signal.h"
#include "vfs.h"

struct clone_request {
	uint64_t flags;
	virt_addr_t stack;
	int *parent_tid;
	int *child_tid;
	uint64_t tls;
};

/* clone(2) ERRORS: the combinations Linux refuses with EINVAL. */
static int check_flags(uint64_t flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_FS) && (flags & CLONE_NEWNS))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
		     CLONE_NEWPID | CLONE_NEWNET | CLONE_PIDFD))
		return -EINVAL; /* namespaces and pidfds: not in Spindle */
	/* Like Linux's clone(2) (not clone3), any exit signal number 0-255 is accepted; one
	 * that is not a real signal is simply never sent. */
	return 0;
}

static struct thread_group *thread_group_create(void)
{
	struct thread_group *group = kzalloc(sizeof(*group));
	if (group) {
		group->refcount = group->live_threads = group->family_threads = 1;
		list_init(&group->real_timer.node);
		list_init(&group->posix_timers);
		sigpending_init(&group->shared_pending);
	}
	return group;
}

void thread_group_put(struct thread_group *group)
{
	if (__atomic_sub_fetch(&group->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		sigpending_discard(&group->shared_pending, ~0ull);
		kfree(group);
	}
}

struct thread_group *thread_group_for_init(void)
{
	struct thread_group *group = thread_group_create();
	if (group)
		resources_init(group, NULL); /* root, with Linux's default limits */
	return group;
}

static int copy_resources(struct task_struct *child, struct task_struct *parent, uint64_t flags)
{
	if (flags & CLONE_THREAD) {
		child->group = parent->group;
		__atomic_add_fetch(&child->group->refcount, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&child->group->live_threads, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&child->group->family_threads, 1, __ATOMIC_RELAXED);
	} else {
		child->group = thread_group_create();
		if (!child->group)
			return -ENOMEM;
		child->group->tty_detached = parent->group && parent->group->tty_detached;
		if (parent->group)
			resources_init(child->group, parent->group);
		else
			resources_init(child->group, NULL);
	}
	if (sighand_copy(child, parent, flags & CLONE_SIGHAND) != 0)
		return -ENOMEM;
	if (flags & CLONE_VM) {
		child->mm = parent->mm;
		mm_get(child->mm);
	} else {
		child->mm = mm_copy(parent->mm);
		if (!child->mm)
			return -ENOMEM;
	}
	if (flags & CLONE_FILES) {
		child->files = parent->files;
		__atomic_add_fetch(&child->files->refcount, 1, __ATOMIC_RELAXED);
	} else {
		child->files = files_copy(parent->files);
		if (!child->files)
			return -ENOMEM;
	}
	if (flags & CLONE_FS) {
		child->fs = parent->fs;
		__atomic_add_fetch(&child->fs->refcount, 1, __ATOMIC_RELAXED);
	} else {
		child->fs = fs_copy(parent->fs);
		if (!child->fs)
			return -ENOMEM;
	}
	return arch_fpu_copy(child, parent);
}

/* Undo copy_resources (whatever part of it was done). */
static void drop_resources(struct task_struct *child)
{
	if (child->fs)
		fs_put(child->fs);
	if (child->files)
		files_put(child->files);
	if (child->mm)
		mm_put(child->mm);
	sighand_release(child);
	if (child->group) {
		__atomic_sub_fetch(&child->group->live_threads, 1, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&child->group->family_threads, 1, __ATOMIC_RELAXED);
		thread_group_put(child->group);
	}
	child->fs = NULL;
	child->files = NULL;
	child->mm = NULL;
	child->group = NULL;
}

static long copy_process(const struct clone_request *request)
{
	struct task_struct *parent = current;
	uint64_t flags = request->flags;
	struct completion vfork_done;
	long error = check_flags(flags);
	if (error)
		return error;
	if (!parent->mm)
		return -EINVAL;

	struct task_struct *child = task_create(parent->comm, 0);
	if (IS_ERR(child))
		return PTR_ERR(child);
	child->flags |= PF_FORKNOEXEC;
	if (flags & CLONE_PARENT)
		child->real_parent = parent->real_parent;
	error = copy_resources(child, parent, flags);
	if (error)
		goto err_drop_resources;

	child->exit_signal = (flags & CLONE_THREAD) ? -1 : (int)(flags & CSIGNAL);
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) { /* sigaltstack(2) NOTES */
		child->altstack_base = parent->altstack_base;
		child->altstack_size = parent->altstack_size;
		child->altstack_flags = parent->altstack_flags;
	}
	child->fs_base = (flags & CLONE_SETTLS) ? request->tls : parent->fs_base;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = request->child_tid;

	/* The child returns from the same system call, with 0, on its own stack if given. */
	struct trap_frame *frame = task_user_frame(child);
	*frame = *task_user_frame(parent);
	frame->rax = 0;
	if (request->stack)
		frame->rsp = request->stack;

	error = -EFAULT;
	if ((flags & CLONE_PARENT_SETTID) &&
	    copy_to_user(request->parent_tid, &child->pid, sizeof(child->pid)) != 0)
		goto err_drop_resources;
	if (flags & CLONE_CHILD_SETTID) {
		/* Into the child's memory: the same as ours with CLONE_VM, its copy otherwise. */
		if (flags & CLONE_VM)
			error = copy_to_user(request->child_tid, &child->pid, sizeof(child->pid));
		else
			error = mm_write_remote(child->mm, (virt_addr_t)request->child_tid,
						&child->pid, sizeof(child->pid));
		if (error)
			goto err_drop_resources;
	}

	arch_task_init_stack(child);
	sched_fork(child);
	error = task_attach(child, parent, (flags & CLONE_THREAD) != 0);
	if (error)
		goto err_drop_resources;
	pid_t pid = child->pid;
	if (flags & CLONE_VFORK) {
		completion_init(&vfork_done, "vfork");
		child->vfork_done = &vfork_done;
		get_task_struct(child);
	}
	wake_up_process(child);
	if (flags & CLONE_VFORK) {
		/* What vfork promises: the parent really sleeps here until the child lets go of the
		 * shared memory by calling execve() or exiting. */
		wait_for_completion(&vfork_done);
		put_task_struct(child);
	}
	return pid;

err_drop_resources:
	drop_resources(child);
	task_abandon(child);
	return error;
}

long sys_fork(void)
{
	struct clone_request request = {.flags = SIGCHLD};
	return copy_process(&request);
}

long sys_vfork(void)
{
	struct clone_request request = {.flags = CLONE_VM | CLONE_VFORK | SIGCHLD};
	return copy_process(&request);
}

/* x86_64 argument order: flags, new stack, parent tid, child tid, tls (clone(2) NOTES). */
long sys_clone(unsigned long flags, unsigned long stack, int *parent_tid, int *child_tid,
	       unsigned long tls)
{
	struct clone_request request = {.flags = flags,
					.stack = stack,
					.parent_tid = parent_tid,
					.child_tid = child_tid,
					.tls = tls};
	return copy_process(&request);
}
