/*
 * Signals: sending, pending sets, default actions and delivery (signal(7)).
 *
 * A signal sent to a process goes to the process's shared pending set, one sent to a thread
 * (tgkill, tkill, faults) to the thread's own set. The sender wakes a thread that does not
 * block it; that thread takes the signal on its next return to user mode (signal_deliver),
 * where the default action runs or the arch code builds a handler frame. A signal whose
 * handler is SIG_IGN, or whose default is to be ignored, is dropped when sent unless blocked.
 * A standard signal is pending at most once; real-time signals queue, each with its siginfo.
 * SIGKILL, and any signal whose default action terminates and that no thread could catch,
 * marks the whole process as exiting at once, as Linux's complete_signal() does.
 * Job control: a stop signal with its default action stops every thread of the process
 * (TASK_STOPPED) on its way to user mode and tells the parent; SIGCONT, when sent, resumes it
 * and throws away pending stop signals, as a stop signal throws away a pending SIGCONT.
 * As on Linux, init (pid 1) never receives a signal it has no handler for.
 *
 * Lock: signal_lock (irqsave) over pending sets, masks and handler tables; taken inside
 * tasklist_lock when both are needed.
 */
#include "signal.h"
#include "job_control.h"
#include "kmalloc.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/wait.h"

struct spinlock signal_lock = SPINLOCK_INIT("signal");

enum default_action { ACTION_TERMINATE, ACTION_CORE, ACTION_IGNORE, ACTION_STOP };

#define STOP_SIGNALS                                                                               \
	(SIGNAL_BIT(SIGSTOP) | SIGNAL_BIT(SIGTSTP) | SIGNAL_BIT(SIGTTIN) | SIGNAL_BIT(SIGTTOU))

static enum default_action default_action(int signal)
{
	switch (signal) {
	case SIGCHLD:
	case SIGCONT: /* continuing happens when it is sent */
	case SIGURG:
	case SIGWINCH:
		return ACTION_IGNORE;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return ACTION_STOP;
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return ACTION_CORE;
	default:
		return ACTION_TERMINATE;
	}
}

/* Caller holds signal_lock. */
static const struct kernel_sigaction *action_of(struct task_struct *task, int signal)
{
	static const struct kernel_sigaction default_sigaction;
	if (!task->sighand)
		return &default_sigaction;
	return &task->sighand->action[signal - 1];
}

/* The signal would be dropped on arrival: ignored, and not held back by a mask. */
static bool is_ignored(struct task_struct *task, int signal)
{
	const struct kernel_sigaction *action = action_of(task, signal);
	if (action->handler == SIG_IGN)
		return true;
	if (action->handler != SIG_DFL)
		return false;
	return default_action(signal) == ACTION_IGNORE || task->tgid == 1;
}

/* The whole process goes with `signal` as its wait status. Caller holds signal_lock. */
static void kill_process_locked(struct task_struct *task, int signal)
{
	struct thread_group *group = task->group;
	if (!group->exiting) {
		bool core = default_action(signal) == ACTION_CORE;
		group->exit_code = signal | (core ? WSTATUS_COREDUMP : 0);
		WRITE_ONCE(group->exiting, true);
	}
	struct task_struct *leader = task->group_leader, *thread;
	wake_up_state(leader, TASK_INTERRUPTIBLE | TASK_STOPPED);
	list_for_each_entry (thread, &leader->thread_group, thread_group)
		wake_up_state(thread, TASK_INTERRUPTIBLE | TASK_STOPPED);
}

static void send_locked(struct task_struct *task, int signal, const struct signal_info *info,
			bool to_thread);

/* Remove `signals` from the pending sets of every thread of task's process. */
static void discard_everywhere_locked(struct task_struct *task, uint64_t signals)
{
	struct task_struct *leader = task->group_leader, *thread;
	sigpending_discard(&task->group->shared_pending, signals);
	sigpending_discard(&leader->pending, signals);
	list_for_each_entry (thread, &leader->thread_group, thread_group)
		sigpending_discard(&thread->pending, signals);
}

/* The parent learns that its child stopped or continued: SIGCHLD (unless SA_NOCLDSTOP)
 * and a wake-up for wait(WUNTRACED/WCONTINUED). Caller holds tasklist_lock and
 * signal_lock. */
static void notify_parent_stop_locked(struct task_struct *task, int code, int signal)
{
	struct task_struct *leader = task->group_leader, *parent = leader->parent;
	if (!parent || parent->exit_state != 0 || !parent->group)
		return;
	const struct kernel_sigaction *action = action_of(parent, SIGCHLD);
	if (!(action->flags & SA_NOCLDSTOP)) {
		struct signal_info info = {.code = code, .pid = leader->tgid, .status = signal};
		send_locked(parent, SIGCHLD, &info, false);
	}
	wake_up_all(&parent->child_exit);
}

/* SIGCONT and the stop signals cancel each other when sent (signal(7)). */
static void job_control_on_send_locked(struct task_struct *task, int signal)
{
	struct thread_group *group = task->group;
	if (signal == SIGCONT) {
		discard_everywhere_locked(task, STOP_SIGNALS);
		if (!group->stopped)
			return;
		group->stopped = false;
		group->stop_unreported = false;
		group->continue_unreported = true;
		struct task_struct *leader = task->group_leader, *thread;
		wake_up_state(leader, TASK_STOPPED);
		list_for_each_entry (thread, &leader->thread_group, thread_group)
			wake_up_state(thread, TASK_STOPPED);
		notify_parent_stop_locked(task, CLD_CONTINUED, SIGCONT);
	} else if (STOP_SIGNALS & SIGNAL_BIT(signal)) {
		discard_everywhere_locked(task, SIGNAL_BIT(SIGCONT));
	}
}

/* One instance of a pending real-time signal. */
struct sigqueue_entry {
	struct list_head node;
	int signal;
	struct signal_info info;
};

void sigpending_init(struct sigpending *pending)
{
	list_init(&pending->queue);
}

void sigpending_discard(struct sigpending *pending, uint64_t signals)
{
	struct sigqueue_entry *entry, *next;
	list_for_each_entry_safe (entry, next, &pending->queue, node) {
		if (!(signals & SIGNAL_BIT(entry->signal)))
			continue;
		list_del(&entry->node);
		kfree(entry);
		pending->queued--;
	}
	pending->set &= ~signals;
}

/* Caller holds signal_lock (kmalloc and kfree only take spinlocks). */
static void queue_locked(struct sigpending *pending, int signal, const struct signal_info *info)
{
	if (signal < SIGNAL_RT_MIN) {
		if (pending->set & SIGNAL_BIT(signal))
			return; /* a standard signal is pending at most once */
		pending->set |= SIGNAL_BIT(signal);
		pending->info[signal - 1] = *info;
		return;
	}
	struct sigqueue_entry *entry =
		pending->queued < SIGNAL_QUEUE_MAX ? kmalloc(sizeof(*entry)) : NULL;
	if (!entry)
		return;
	entry->signal = signal;
	entry->info = *info;
	list_add_tail(&entry->node, &pending->queue);
	pending->queued++;
	pending->set |= SIGNAL_BIT(signal);
}

/* Take the oldest instance of `signal` off the set. Caller holds signal_lock. */
static void unqueue_locked(struct sigpending *pending, int signal, struct signal_info *info)
{
	struct sigqueue_entry *entry, *taken = NULL;
	bool more = false;
	if (signal < SIGNAL_RT_MIN) {
		pending->set &= ~SIGNAL_BIT(signal);
		*info = pending->info[signal - 1];
		return;
	}
	list_for_each_entry (entry, &pending->queue, node) {
		if (entry->signal != signal)
			continue;
		if (taken) {
			more = true;
			break;
		}
		taken = entry;
	}
	*info = taken ? taken->info : (struct signal_info){0};
	if (taken) {
		list_del(&taken->node);
		kfree(taken);
		pending->queued--;
	}
	if (!more)
		pending->set &= ~SIGNAL_BIT(signal);
}

/* Caller holds signal_lock. `thread` NULL: process-directed. */
static void send_locked(struct task_struct *task, int signal, const struct signal_info *info,
			bool to_thread)
{
	struct thread_group *group = task->group;
	if (signal == 0 || !group || group->exiting)
		return;
	if (task->tgid != 1)
		job_control_on_send_locked(task, signal);
	if (is_ignored(task, signal) && !(task->blocked & SIGNAL_BIT(signal)))
		return;
	enum default_action default_is = default_action(signal);
	bool fatal = action_of(task, signal)->handler == SIG_DFL &&
		     (default_is == ACTION_TERMINATE || default_is == ACTION_CORE);
	if (signal == SIGKILL || (fatal && !(task->blocked & SIGNAL_BIT(signal)))) {
		kill_process_locked(task, signal);
		return;
	}
	if (to_thread) {
		queue_locked(&task->pending, signal, info);
		wake_up_state(task, TASK_INTERRUPTIBLE);
		return;
	}
	queue_locked(&group->shared_pending, signal, info);
	struct task_struct *leader = task->group_leader, *thread;
	if (!(leader->blocked & SIGNAL_BIT(signal)))
		wake_up_state(leader, TASK_INTERRUPTIBLE);
	list_for_each_entry (thread, &leader->thread_group, thread_group)
		if (!(thread->blocked & SIGNAL_BIT(signal)))
			wake_up_state(thread, TASK_INTERRUPTIBLE);
}

void signal_send_process_locked(struct task_struct *task, int signal,
				const struct signal_info *info)
{
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	send_locked(task, signal, info, false);
	spin_unlock_irqrestore(&signal_lock, flags);
}

void signal_send_thread(struct task_struct *task, int signal, const struct signal_info *info)
{
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	send_locked(task, signal, info, true);
	spin_unlock_irqrestore(&signal_lock, flags);
}

bool signal_force_fault(int signal, int code, uint64_t address)
{
	struct task_struct *self = current;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	const struct kernel_sigaction *action = action_of(self, signal);
	bool catchable = action->handler != SIG_DFL && action->handler != SIG_IGN &&
			 !(self->blocked & SIGNAL_BIT(signal));
	if (catchable) {
		struct signal_info info = {.code = code, .addr = address};
		self->pending.set &= ~SIGNAL_BIT(signal);
		queue_locked(&self->pending, signal, &info);
	}
	spin_unlock_irqrestore(&signal_lock, flags);
	return catchable;
}

bool signal_pending(struct task_struct *task)
{
	if (fatal_signal_pending(task))
		return true;
	if (!task->group)
		return false;
	if (READ_ONCE(task->group->stopped))
		return true;
	uint64_t set = READ_ONCE(task->pending.set) | READ_ONCE(task->group->shared_pending.set);
	return (set & ~READ_ONCE(task->blocked)) != 0;
}

void signal_send_to_current(int signal)
{
	struct signal_info info = {.code = SI_KERNEL};
	signal_send_thread(current, signal, &info);
}

void *signal_handler_of(struct task_struct *task, int signal, unsigned long *flags)
{
	uint64_t irq_flags = spin_lock_irqsave(&signal_lock);
	const struct kernel_sigaction *action = action_of(task, signal);
	void *handler = (void *)action->handler;
	*flags = action->flags;
	spin_unlock_irqrestore(&signal_lock, irq_flags);
	return handler;
}

/* Take the lowest pending signal in `wanted`, thread set first. Caller holds signal_lock. */
static int dequeue_locked(struct task_struct *task, uint64_t wanted, struct signal_info *info)
{
	struct sigpending *sets[2] = {&task->pending, &task->group->shared_pending};
	for (int i = 0; i < 2; i++) {
		uint64_t ready = sets[i]->set & wanted;
		if (!ready)
			continue;
		int signal = __builtin_ctzll(ready) + 1;
		unqueue_locked(sets[i], signal, info);
		if (info->code == SI_TIMER)
			posix_timer_delivered(task, info);
		return signal;
	}
	return 0;
}

/* An interrupted system call: -EINTR for the handler, or back up to the syscall
 * instruction with the number in rax (Linux's handle_signal and the no-handler case). */
static void fix_restart(struct trap_frame *frame, uint64_t number, bool handler,
			unsigned long action_flags)
{
	long result = (long)frame->rax;
	bool restart;
	switch (result) {
	case -ERESTARTNOHAND:
		restart = !handler;
		break;
	case -ERESTARTSYS:
		restart = !handler || (action_flags & SA_RESTART);
		break;
	case -ERESTARTNOINTR:
		restart = true;
		break;
	default:
		return;
	}
	if (restart) {
		frame->rax = number;
		frame->rip -= 2; /* `syscall` is two bytes */
	} else {
		frame->rax = (uint64_t)-EINTR;
	}
}

/* Stop this thread until SIGCONT (or SIGKILL). */
static void stop_current(void)
{
	struct task_struct *self = current;
	for (;;) {
		set_current_state(TASK_STOPPED);
		if (!READ_ONCE(self->group->stopped) || fatal_signal_pending(self))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* A stop signal's default action: the whole process stops, the parent hears of it. */
static void stop_process(int signal)
{
	struct task_struct *self = current;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	spin_lock(&signal_lock);
	struct thread_group *group = self->group;
	if (!group->stopped && !group->exiting) {
		group->stopped = true;
		group->stop_signal = signal;
		group->stop_unreported = true;
		group->continue_unreported = false;
		struct task_struct *leader = self->group_leader, *thread;
		wake_up_state(leader, TASK_INTERRUPTIBLE);
		list_for_each_entry (thread, &leader->thread_group, thread_group)
			wake_up_state(thread, TASK_INTERRUPTIBLE);
		notify_parent_stop_locked(self, CLD_STOPPED, signal);
	}
	spin_unlock(&signal_lock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void signal_deliver(struct trap_frame *frame, bool is_syscall)
{
	struct task_struct *self = current;
	uint64_t number = self->syscall_number;
	if (fatal_signal_pending(self))
		do_exit(self->group->exit_code);
	if (!self->group)
		return;
	/* The common case, without the lock; a signal sent meanwhile is seen next time. */
	for (; signal_pending(self);) {
		struct signal_info info;
		if (READ_ONCE(self->group->stopped)) {
			stop_current();
			if (fatal_signal_pending(self))
				do_exit(self->group->exit_code);
			continue;
		}
		uint64_t flags = spin_lock_irqsave(&signal_lock);
		int signal = dequeue_locked(self, ~self->blocked, &info);
		if (!signal) {
			spin_unlock_irqrestore(&signal_lock, flags);
			break;
		}
		struct kernel_sigaction action = *action_of(self, signal);
		bool is_default = action.handler == SIG_DFL;
		if (action.handler == SIG_IGN ||
		    (is_default && (default_action(signal) == ACTION_IGNORE || self->tgid == 1))) {
			spin_unlock_irqrestore(&signal_lock, flags);
			continue;
		}
		if (is_default && default_action(signal) == ACTION_STOP) {
			spin_unlock_irqrestore(&signal_lock, flags);
			if (signal == SIGSTOP || !process_group_orphaned(self->pgid))
				stop_process(signal);
			continue;
		}
		if (is_default) {
			kill_process_locked(self, signal);
			spin_unlock_irqrestore(&signal_lock, flags);
			do_exit(self->group->exit_code);
		}
		uint64_t old_blocked = self->restore_blocked ? self->saved_blocked : self->blocked;
		self->restore_blocked = false;
		self->blocked = old_blocked | action.mask |
				(action.flags & SA_NODEFER ? 0 : SIGNAL_BIT(signal));
		self->blocked &= ~SIGNAL_UNBLOCKABLE;
		if ((action.flags & SA_RESETHAND) && self->sighand)
			self->sighand->action[signal - 1].handler = SIG_DFL;
		spin_unlock_irqrestore(&signal_lock, flags);

		if (is_syscall)
			fix_restart(frame, number, true, action.flags);
		struct kernel_siginfo siginfo;
		signal_fill_siginfo(&siginfo, signal, &info);
		/* No restorer or no usable stack: SIGSEGV, as Linux's force_sigsegv(). */
		if (!(action.flags & SA_RESTORER) ||
		    arch_signal_setup_frame(frame, signal, &action, &siginfo, old_blocked) != 0)
			do_exit_group(SIGSEGV);
		return;
	}
	if (is_syscall)
		fix_restart(frame, number, false, 0);
	if (self->restore_blocked) {
		uint64_t flags = spin_lock_irqsave(&signal_lock);
		self->blocked = self->saved_blocked;
		self->restore_blocked = false;
		spin_unlock_irqrestore(&signal_lock, flags);
	}
}

static struct sighand *sighand_create(void)
{
	struct sighand *table = kzalloc(sizeof(*table));
	if (table)
		table->refcount = 1;
	return table;
}

bool signal_take_job_status(struct task_struct *child, int options, int *status)
{
	struct thread_group *group = child->group;
	bool found = false;
	if (!group)
		return false;
	spin_lock(&signal_lock);
	if ((options & WUNTRACED) && group->stopped && group->stop_unreported) {
		*status = WSTATUS_STOPPED(group->stop_signal);
		group->stop_unreported = (options & WNOWAIT) != 0;
		found = true;
	} else if ((options & WCONTINUED) && group->continue_unreported) {
		*status = WSTATUS_CONTINUED;
		group->continue_unreported = (options & WNOWAIT) != 0;
		found = true;
	}
	spin_unlock(&signal_lock);
	return found;
}

int sighand_ensure(struct task_struct *task)
{
	if (task->sighand)
		return 0;
	struct sighand *table = sighand_create();
	if (!table)
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	task->sighand = table;
	spin_unlock_irqrestore(&signal_lock, flags);
	return 0;
}

int signal_take(uint64_t wanted, struct kernel_siginfo *siginfo)
{
	struct task_struct *self = current;
	struct signal_info info;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	int signal = dequeue_locked(self, wanted, &info);
	uint64_t others =
		(self->pending.set | self->group->shared_pending.set) & ~self->blocked & ~wanted;
	spin_unlock_irqrestore(&signal_lock, flags);
	if (signal) {
		signal_fill_siginfo(siginfo, signal, &info);
		return signal;
	}
	return others || fatal_signal_pending(self) ? -EINTR : 0;
}

int sighand_copy(struct task_struct *child, struct task_struct *parent, bool share)
{
	/* The first user process starts without a table; its first child gives it one, so
	 * that threads created later share it. */
	if (sighand_ensure(parent) != 0)
		return -ENOMEM;
	struct sighand *table = parent->sighand;
	child->blocked = parent->blocked;
	if (share) {
		__atomic_add_fetch(&table->refcount, 1, __ATOMIC_RELAXED);
		child->sighand = table;
		return 0;
	}
	child->sighand = kmalloc(sizeof(*table));
	if (!child->sighand)
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	memcpy(child->sighand->action, table->action, sizeof(table->action));
	spin_unlock_irqrestore(&signal_lock, flags);
	child->sighand->refcount = 1;
	return 0;
}

static void sighand_put(struct sighand *table)
{
	if (table && __atomic_sub_fetch(&table->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(table);
}

int sighand_exec(struct task_struct *task)
{
	struct sighand *old = task->sighand, *table;
	if (!old)
		return 0;
	table = sighand_create();
	if (!table)
		return -ENOMEM;
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	/* execve(2): handled signals go back to default; ignored ones stay ignored. */
	for (int i = 0; i < SIGNAL_COUNT; i++)
		if (old->action[i].handler == SIG_IGN)
			table->action[i].handler = SIG_IGN;
	task->sighand = table;
	spin_unlock_irqrestore(&signal_lock, flags);
	sighand_put(old);
	return 0;
}

void sighand_free(struct task_struct *task)
{
	sighand_put(task->sighand);
	task->sighand = NULL;
}

void sighand_release(struct task_struct *task)
{
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	struct sighand *table = task->sighand;
	task->sighand = NULL;
	spin_unlock_irqrestore(&signal_lock, flags);
	sighand_put(table);
}
