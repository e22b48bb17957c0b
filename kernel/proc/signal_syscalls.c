/*
 * The signal system calls that change a process's own handling: rt_sigaction(2),
 * rt_sigprocmask(2), rt_sigpending(2), rt_sigsuspend(2), pause(2), rt_sigtimedwait(2),
 * sigaltstack(2) and rt_sigreturn(2).
 * The sigset_t the kernel takes is one 64-bit word (sigsetsize must be 8). SIGKILL and
 * SIGSTOP can be neither caught, ignored nor blocked: the calls drop them from masks silently
 * and refuse a handler for them with EINVAL, as Linux does.
 */
#include "signal.h"
#include "string.h"
#include "exec.h"
#include "kmalloc.h"
#include "proc.h"
#include "sched.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"
#include "uapi/time.h"

extern struct spinlock signal_lock;

long sys_rt_sigaction(int signal, const struct kernel_sigaction *user_action,
		      struct kernel_sigaction *user_old, size_t sigset_size)
{
	struct task_struct *self = current;
	struct kernel_sigaction action, old;
	if (sigset_size != sizeof(uint64_t) || signal < 1 || signal > SIGNAL_COUNT)
		return -EINVAL;
	if (user_action && (signal == SIGKILL || signal == SIGSTOP))
		return -EINVAL;
	if (user_action && copy_from_user(&action, user_action, sizeof(action)) != 0)
		return -EFAULT;
	if (sighand_ensure(self) != 0)
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	struct kernel_sigaction *slot = &self->sighand->action[signal - 1];
	old = *slot;
	if (user_action) {
		action.mask &= ~SIGNAL_UNBLOCKABLE;
		*slot = action;
		/* sigaction(2): setting SIG_IGN discards the pending instances (POSIX). */
		bool ignore = action.handler == SIG_IGN ||
			      (action.handler == SIG_DFL &&
			       (signal == SIGCHLD || signal == SIGURG || signal == SIGWINCH));
		if (ignore) {
			sigpending_discard(&self->group->shared_pending, SIGNAL_BIT(signal));
			sigpending_discard(&self->pending, SIGNAL_BIT(signal));
		}
	}
	spin_unlock_irqrestore(&signal_lock, flags);
	if (user_old && copy_to_user(user_old, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, const uint64_t *user_set, uint64_t *user_old, size_t sigset_size)
{
	struct task_struct *self = current;
	uint64_t set = 0, old = self->blocked;
	if (sigset_size != sizeof(uint64_t))
		return -EINVAL;
	if (user_set && copy_from_user(&set, user_set, sizeof(set)) != 0)
		return -EFAULT;
	if (user_set) {
		uint64_t blocked;
		if (how == SIG_BLOCK)
			blocked = old | set;
		else if (how == SIG_UNBLOCK)
			blocked = old & ~set;
		else if (how == SIG_SETMASK)
			blocked = set;
		else
			return -EINVAL;
		uint64_t flags = spin_lock_irqsave(&signal_lock);
		self->blocked = blocked & ~SIGNAL_UNBLOCKABLE;
		spin_unlock_irqrestore(&signal_lock, flags);
	}
	if (user_old && copy_to_user(user_old, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(uint64_t *user_set, size_t sigset_size)
{
	struct task_struct *self = current;
	if (sigset_size != sizeof(uint64_t))
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	uint64_t set = (self->pending.set | self->group->shared_pending.set) & self->blocked;
	spin_unlock_irqrestore(&signal_lock, flags);
	return copy_to_user(user_set, &set, sizeof(set)) != 0 ? -EFAULT : 0;
}

/* Sleep until a signal that is not blocked arrives. */
static void sleep_for_signal(void)
{
	struct task_struct *self = current;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(self))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

long sys_pause(void)
{
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

/* The mask is swapped for the sleep; the signal frame saves the old one, or the return path
 * puts it back when no handler runs (restore_blocked). */
long sys_rt_sigsuspend(const uint64_t *user_mask, size_t sigset_size)
{
	if (!user_mask)
		return -EFAULT; /* unlike ppoll's, sigsuspend's mask is not optional */
	long error = signal_mask_for_wait(user_mask, sigset_size);
	if (error)
		return error;
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

bool signal_on_altstack(const struct task_struct *task, uint64_t rsp)
{
	return task->altstack_size && rsp > task->altstack_base &&
	       rsp - task->altstack_base <= task->altstack_size;
}

/* The alternate stack as sigaltstack(2) and uc_stack report it, rsp being the thread's. */
static struct signal_stack altstack_of(const struct task_struct *task, uint64_t rsp)
{
	int state = signal_on_altstack(task, rsp) ? SS_ONSTACK
		    : task->altstack_size	  ? 0
						  : SS_DISABLE;
	return (struct signal_stack){.ss_sp = (void *)task->altstack_base,
				     .ss_size = task->altstack_size,
				     .ss_flags = state | (int)task->altstack_flags};
}

/* Make `stack` the alternate stack; it cannot change while in use (EPERM). */
static long altstack_set(struct task_struct *self, const struct signal_stack *stack, uint64_t rsp)
{
	if (signal_on_altstack(self, rsp))
		return -EPERM;
	unsigned mode = (unsigned)stack->ss_flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		self->altstack_base = self->altstack_size = 0;
	} else {
		if (stack->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		self->altstack_base = (uint64_t)stack->ss_sp;
		self->altstack_size = stack->ss_size;
	}
	self->altstack_flags = (unsigned)stack->ss_flags & SS_AUTODISARM;
	return 0;
}

int signal_altstack_save(struct signal_stack *saved, uint64_t rsp)
{
	struct task_struct *self = current;
	*saved = altstack_of(self, rsp);
	if (self->altstack_flags & SS_AUTODISARM) {
		self->altstack_base = self->altstack_size = 0;
		self->altstack_flags = 0;
	}
	return 0;
}

void signal_altstack_restore(const struct signal_stack *saved, uint64_t rsp)
{
	altstack_set(current, saved, rsp); /* as Linux: a refusal leaves the stack as it is */
}

/* sigaltstack(2): a handler installed with SA_ONSTACK runs on this stack. SS_AUTODISARM
 * clears it while a handler runs on it (so the handler may switch contexts away, as
 * swapcontext does); rt_sigreturn puts it back from the frame's uc_stack. */
long sys_sigaltstack(const struct signal_stack *user_stack, struct signal_stack *user_old)
{
	struct task_struct *self = current;
	uint64_t rsp = task_user_frame(self)->rsp;
	struct signal_stack old = altstack_of(self, rsp);
	if (user_stack) {
		struct signal_stack stack;
		if (copy_from_user(&stack, user_stack, sizeof(stack)) != 0)
			return -EFAULT;
		long error = altstack_set(self, &stack, rsp);
		if (error)
			return error;
	}
	if (user_old && copy_to_user(user_old, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

/* rt_sigtimedwait(2): wait for one of `set` without a handler running. The signals of set
 * are unblocked while waiting so that their arrival wakes us; -EAGAIN when the timeout
 * passes, -EINTR when another signal comes first. */
long sys_rt_sigtimedwait(const uint64_t *user_set, struct kernel_siginfo *user_info,
			 const struct timespec *user_timeout, size_t sigset_size)
{
	struct task_struct *self = current;
	struct kernel_siginfo info;
	struct timespec timeout;
	uint64_t wanted, deadline = 0;
	if (sigset_size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&wanted, user_set, sizeof(wanted)) != 0)
		return -EFAULT;
	wanted &= ~SIGNAL_UNBLOCKABLE;
	if (user_timeout) {
		if (copy_from_user(&timeout, user_timeout, sizeof(timeout)) != 0)
			return -EFAULT;
		if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 ||
		    timeout.tv_nsec >= (int64_t)NSEC_PER_SEC)
			return -EINVAL;
		uint64_t seconds =
			(uint64_t)timeout.tv_sec < UINT32_MAX ? timeout.tv_sec : UINT32_MAX;
		deadline = clock_monotonic_ns() + seconds * NSEC_PER_SEC + timeout.tv_nsec;
	}
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	uint64_t saved = self->blocked;
	self->blocked &= ~wanted;
	spin_unlock_irqrestore(&signal_lock, flags);
	long result;
	for (;;) {
		result = signal_take(wanted, &info);
		if (result != 0)
			break;
		if (user_timeout && clock_monotonic_ns() >= deadline) {
			result = -EAGAIN;
			break;
		}
		if (user_timeout)
			sleep_until(deadline);
		else
			sleep_for_signal();
	}
	flags = spin_lock_irqsave(&signal_lock);
	self->blocked = saved;
	spin_unlock_irqrestore(&signal_lock, flags);
	if (result > 0 && user_info && copy_to_user(user_info, &info, sizeof(info)) != 0)
		return -EFAULT;
	return result;
}

/* Returns the restored rax, so the return path leaves every register as the frame had it. */
long sys_rt_sigreturn(void)
{
	struct task_struct *self = current;
	struct trap_frame *frame = task_user_frame(self);
	uint64_t blocked;
	if (arch_signal_restore_frame(frame, &blocked) != 0)
		do_exit_group(SIGSEGV);
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	self->blocked = blocked & ~SIGNAL_UNBLOCKABLE;
	spin_unlock_irqrestore(&signal_lock, flags);
	return (long)frame->rax;
}

long signal_mask_for_wait(const uint64_t *user_mask, size_t sigset_size)
{
	struct task_struct *self = current;
	uint64_t mask;
	if (!user_mask)
		return 0;
	if (sigset_size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)) != 0)
		return -EFAULT;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	self->saved_blocked = self->blocked;
	self->restore_blocked = true;
	self->blocked = mask & ~SIGNAL_UNBLOCKABLE;
	spin_unlock_irqrestore(&signal_lock, flags);
	return 0;
}

void signal_mask_after_wait(long result)
{
	struct task_struct *self = current;
	if (!self->restore_blocked || result == -EINTR)
		return; /* interrupted: signal_deliver() puts the mask back after the handler */
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	self->blocked = self->saved_blocked;
	self->restore_blocked = false;
	spin_unlock_irqrestore(&signal_lock, flags);
}

/* What a handler's siginfo says about a signal (see signal.h). */
void signal_fill_siginfo(struct kernel_siginfo *siginfo, int signal, const struct signal_info *info)
{
	memset(siginfo, 0, sizeof(*siginfo));
	siginfo->si_signo = signal;
	siginfo->si_code = info->code;
	if (info->code > 0 && (signal == SIGSEGV || signal == SIGBUS || signal == SIGFPE ||
			       signal == SIGILL || signal == SIGTRAP)) {
		siginfo->fields.fault.addr = (void *)info->addr;
		return;
	}
	if (info->code == SI_TIMER) {
		siginfo->fields.timer.id = info->pid;
		siginfo->fields.timer.overrun = info->status;
		siginfo->fields.timer.value = info->addr;
		return;
	}
	siginfo->fields.child.pid = info->pid;
	siginfo->fields.child.status = info->status;
	if (info->code == SI_QUEUE)
		siginfo->fields.queued.value = info->addr;
}
