/*
 * Sending signals from user space: kill(2), tgkill(2), tkill(2) and rt_sigqueueinfo(2)
 * (sigqueue(3)). kill() reaches processes (a pid, a process group, or every process but
 * init and the caller); tgkill() and tkill() one thread. The sending itself is
 * kernel/proc/signal.c's.
 */
#include "proc.h"
#include "sched.h"
#include "task.h"
#include "signal.h"
#include "uaccess.h"
#include "uapi/errno.h"

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
		struct signal_info info = {.code = SI_USER, .pid = self->tgid};
		request->found++;
		signal_send_process_locked(task, request->signal, &info);
	}
	return true;
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
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		kill_matching(current->group_leader, &self);
		spin_unlock_irqrestore(&tasklist_lock, flags);
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
	long result = task->tgid == tgid && task->exit_state == 0 ? 0 : -ESRCH;
	if (result == 0) {
		struct signal_info info = {.code = SI_TKILL, .pid = current->tgid};
		uint64_t flags = spin_lock_irqsave(&tasklist_lock);
		signal_send_thread(task, signal, &info);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	put_task_struct(task);
	return result;
}

/* rt_sigqueueinfo(2), behind sigqueue(3): the sender's siginfo goes to the handler. Only a
 * process itself may claim a kernel-looking si_code (>= 0, or SI_TKILL). */
long sys_rt_sigqueueinfo(pid_t tgid, int signal, const struct kernel_siginfo *user_info)
{
	struct kernel_siginfo siginfo;
	if (signal < 1 || signal > SIGNAL_COUNT)
		return -EINVAL;
	if (copy_from_user(&siginfo, user_info, sizeof(siginfo)) != 0)
		return -EFAULT;
	if ((siginfo.si_code >= 0 || siginfo.si_code == SI_TKILL) && tgid != current->tgid)
		return -EPERM;
	struct task_struct *task = find_get_task_by_pid(tgid);
	if (!task)
		return -ESRCH;
	long result = -ESRCH;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	if (is_process(task) && task->tgid == tgid) {
		struct signal_info info = {.code = siginfo.si_code,
					   .pid = siginfo.fields.queued.pid,
					   .addr = siginfo.fields.queued.value};
		signal_send_process_locked(task, signal, &info);
		result = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
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

extern struct spinlock signal_lock;

void signal_masks_of(struct task_struct *task, struct signal_masks *masks)
{
	*masks = (struct signal_masks){0};
	uint64_t flags = spin_lock_irqsave(&signal_lock);
	masks->pending = task->pending.set;
	masks->blocked = task->blocked;
	masks->queued = task->pending.queued;
	if (task->group) {
		masks->shared_pending = task->group->shared_pending.set;
		masks->queued += task->group->shared_pending.queued;
	}
	for (int signal = 1; signal <= SIGNAL_COUNT && task->sighand; signal++) {
		void *handler = task->sighand->action[signal - 1].handler;
		if (handler == (void *)SIG_IGN)
			masks->ignored |= SIGNAL_BIT(signal);
		else if (handler != (void *)SIG_DFL)
			masks->caught |= SIGNAL_BIT(signal);
	}
	spin_unlock_irqrestore(&signal_lock, flags);
}
