/*
 * The out-of-memory killer (include/oom.h).
 *
 * Victim: the user process (thread-group leader with an address space) with the most
 * resident pages; never init (pid 1, whose death would stop the machine) nor a kernel
 * thread. While an earlier victim still holds its address space it is "dying": no second
 * process is killed, the faulting thread just yields until the victim's frames are back.
 * This is Linux's oom_badness() without the adjustments (oom_score_adj, swap, page tables).
 */
#include "oom.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "task.h"
#include "uapi/signal.h"

struct oom_choice {
	pid_t victim;
	size_t pages;
	char comm[TASK_COMM_LENGTH];
	bool dying; /* an earlier victim has not released its memory yet */
};

/* Caller holds tasklist_lock (for_each_task). */
static bool consider(struct task_struct *task, void *data)
{
	struct oom_choice *choice = data;
	if (task_is_kthread(task) || task->tgid == 1 || !task->mm || task->exit_state)
		return true;
	if (fatal_signal_pending(task)) {
		choice->dying = true;
		return true;
	}
	if (task->pid == task->tgid && task->mm->resident_pages > choice->pages) {
		choice->victim = task->tgid;
		choice->pages = task->mm->resident_pages;
		memcpy(choice->comm, task->comm, TASK_COMM_LENGTH);
	}
	return true;
}

/* Caller holds tasklist_lock (for_each_task). */
static bool kill_victim(struct task_struct *task, void *data)
{
	const struct oom_choice *choice = data;
	if (task->pid != choice->victim)
		return true;
	struct signal_info info = {.code = SI_KERNEL};
	signal_send_process_locked(task, SIGKILL, &info);
	return false;
}

bool oom_kill_for_fault(void)
{
	struct oom_choice choice = {0};
	for_each_task(consider, &choice);
	if (!choice.dying) {
		if (!choice.victim)
			return false;
		printk(KERN_ERR "Out of memory: killed process %d (%s), %lu resident pages, "
				"for %s[%d]\n",
		       choice.victim, choice.comm, choice.pages, current->comm, current->pid);
		for_each_task(kill_victim, &choice);
	}
	sched_yield();
	return true;
}
