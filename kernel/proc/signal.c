/*
 * Sending signals: kill(2), tgkill(2), tkill(2) -- today with each signal's default action
 * only (signal(7), "Standard signals"): terminate, terminate with a core-dump flag, or
 * ignore. Handlers, masks, queues and stop/continue arrive with the signals issue; until
 * then the stop and continue signals are ignored like SIGCHLD, which is what a process
 * without job control sees anyway.
 * As on Linux, init (pid 1) never receives a signal it has no handler for.
 */
#include "proc.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

enum default_action { ACTION_TERMINATE, ACTION_CORE, ACTION_IGNORE };

static enum default_action default_action(int signal)
{
	switch (signal) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return ACTION_IGNORE;
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

/* Apply `signal` to the process of task. Caller holds tasklist_lock. */
static void signal_process_locked(struct task_struct *task, int signal)
{
	struct thread_group *group = task->group;
	enum default_action action = default_action(signal);
	if (signal == 0 || action == ACTION_IGNORE || !group || task->tgid == 1)
		return;
	if (!group->exiting) {
		group->exit_code = signal | (action == ACTION_CORE ? WSTATUS_COREDUMP : 0);
		WRITE_ONCE(group->exiting, true);
	}
	struct task_struct *leader = task->group_leader, *thread;
	wake_up_state(leader, TASK_INTERRUPTIBLE);
	list_for_each_entry (thread, &leader->thread_group, thread_group)
		wake_up_state(thread, TASK_INTERRUPTIBLE);
}

static bool is_process(const struct task_struct *task)
{
	return !(task->flags & PF_KTHREAD) && task->group && task == task->group_leader &&
	       task->exit_state == 0;
}

struct kill_request {
	pid_t pid;
	int signal;
	int found;
};

static bool kill_matching(struct task_struct *task, void *data)
{
	struct kill_request *request = data;
	struct task_struct *self = current;
	if (!is_process(task))
		return true;
	bool match;
	if (request->pid > 0)
		match = task->tgid == request->pid;
	else if (request->pid == 0)
		match = task->pgid == self->pgid;
	else if (request->pid == -1)
		match = task->tgid != 1 && task->tgid != self->tgid;
	else
		match = task->pgid == -request->pid;
	if (match) {
		request->found++;
		signal_process_locked(task, request->signal);
	}
	return true;
}

void signal_send_to_current(int signal)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	signal_process_locked(current, signal);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

long sys_kill(pid_t pid, int signal)
{
	if (signal < 0 || signal > SIGNAL_COUNT)
		return -EINVAL;
	struct kill_request request = {.pid = pid, .signal = signal};
	if (pid == INT32_MIN)
		return -ESRCH;
	for_each_task(kill_matching, &request);
	/* kill(-1) also reaches the caller (kill(2)). */
	if (pid == -1) {
		struct kill_request self = {current->tgid, signal, 0};
		kill_matching(current->group_leader, &self);
		request.found += self.found;
	}
	return request.found ? 0 : -ESRCH;
}

long sys_tgkill(pid_t tgid, pid_t tid, int signal)
{
	if (tgid <= 0 || tid <= 0 || signal < 0 || signal > SIGNAL_COUNT)
		return -EINVAL;
	struct task_struct *task = find_get_task_by_pid(tid);
	if (!task)
		return -ESRCH;
	long result = task->tgid == tgid ? 0 : -ESRCH;
	if (result == 0) {
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		signal_process_locked(task, signal);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	put_task_struct(task);
	return result;
}

long sys_tkill(pid_t tid, int signal)
{
	if (tid <= 0)
		return -EINVAL;
	struct task_struct *task = find_get_task_by_pid(tid);
	if (!task)
		return -ESRCH;
	pid_t tgid = task->tgid;
	put_task_struct(task);
	return sys_tgkill(tgid, tid, signal);
}
