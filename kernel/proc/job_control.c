/*
 * Job control: process groups, sessions and what happens to them when processes exit
 * (credentials(7), setpgid(2), setsid(2), _exit(2), termios(3) "Job control").
 *
 * A session is a login: its leader (sid == pid) owns the controlling terminal. Inside it,
 * a shell puts each job (a pipeline) in a process group of its own and tells the terminal
 * which group is in the foreground (tcsetpgrp); the terminal sends ^C, ^Z and ^\ to that
 * group and stops background groups that read it (kernel/drivers/tty.c).
 *
 * A process group is orphaned when none of its members has a parent in another group of
 * the same session: no shell is left that could continue it. So when an exit orphans a
 * group that has a stopped member, the group gets SIGHUP then SIGCONT (POSIX _exit(2)),
 * and the stop signals from the terminal are not acted on for an orphaned group.
 *
 * Lock: the family fields (pgid, sid, real_parent, children) are tasklist_lock's; the
 * *_locked functions expect it held. Lock order: tasklist_lock, then a tty's lock, then
 * signal_lock.
 */
#include "job_control.h"
#include "proc.h"
#include "signal.h"
#include "tty.h"

/* A thread group leader that is still a live process (not a kernel thread or zombie). */
static bool is_live_process(const struct task_struct *task)
{
	return !(task->flags & PF_KTHREAD) && task->group && task == task->group_leader &&
	       task->exit_state == 0;
}

/* Does `parent` link a member of pgid to the outside: another group of the same session?
 * init never counts (nothing of init's can continue a job), nor `leaving`, the process
 * that is exiting now and whose children go to init. */
static bool links_outward(const struct task_struct *member, const struct task_struct *parent,
			  const struct task_struct *leaving)
{
	return parent && (!leaving || parent->tgid != leaving->tgid) && parent->tgid != 1 &&
	       parent->exit_state == 0 && parent->pgid != member->pgid &&
	       parent->sid == member->sid;
}

bool job_control_group_orphaned_locked(pid_t pgid, const struct task_struct *leaving)
{
	struct task_struct *task;
	for_each_task_locked(task)
	{
		if (task->pgid != pgid || !is_live_process(task) ||
		    (leaving && task->tgid == leaving->tgid))
			continue;
		if (links_outward(task, task->real_parent, leaving))
			return false;
	}
	return true;
}

bool process_group_orphaned(pid_t pgid)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	bool orphaned = job_control_group_orphaned_locked(pgid, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

static bool group_has_stopped_member_locked(pid_t pgid)
{
	struct task_struct *task;
	for_each_task_locked(task)
	{
		if (task->pgid == pgid && is_live_process(task) && READ_ONCE(task->group->stopped))
			return true;
	}
	return false;
}

bool job_control_group_exists_locked(pid_t pgid, pid_t sid)
{
	struct task_struct *task;
	for_each_task_locked(task)
	{
		if (task->pgid == pgid && is_live_process(task) && (sid == 0 || task->sid == sid))
			return true;
	}
	return false;
}

int job_control_signal_group_locked(pid_t pgid, int signal)
{
	struct signal_info info = {.code = SI_KERNEL};
	struct task_struct *task;
	int reached = 0;
	if (pgid <= 0)
		return 0;
	for_each_task_locked(task)
	{
		if (task->pgid == pgid && is_live_process(task)) {
			signal_send_process_locked(task, signal, &info);
			reached++;
		}
	}
	return reached;
}

int job_control_signal_group(pid_t pgid, int signal)
{
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	int reached = job_control_signal_group_locked(pgid, signal);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return reached;
}

/* `leaving` exits; if that leaves pgid orphaned with a stopped member, nobody could ever
 * continue it: hang it up and continue it, so it can clean up and go (_exit(2)). */
static void hang_up_if_orphaned_locked(pid_t pgid, const struct task_struct *outside,
				       const struct task_struct *member,
				       const struct task_struct *leaving)
{
	/* Only a link that crossed from `outside` into the group can have been cut. */
	if (outside->pgid == pgid || outside->sid != member->sid)
		return;
	if (!job_control_group_orphaned_locked(pgid, leaving) ||
	    !group_has_stopped_member_locked(pgid))
		return;
	job_control_signal_group_locked(pgid, SIGHUP);
	job_control_signal_group_locked(pgid, SIGCONT);
}

void job_control_process_exit_locked(struct task_struct *leader)
{
	struct task_struct *child;
	/* Its own group loses the link through it to its parent ... */
	if (leader->real_parent)
		hang_up_if_orphaned_locked(leader->pgid, leader->real_parent, leader, leader);
	/* ... and each child's group loses the link through it. */
	list_for_each_entry (child, &leader->children, sibling) {
		if (is_live_process(child))
			hang_up_if_orphaned_locked(child->pgid, leader, child, leader);
	}
	/* The controlling process: its terminal's foreground group is hung up and the terminal
	 * is free for the next session (exit(3)). */
	if (leader->sid == leader->pid) {
		pid_t foreground = tty_session_ended(leader->sid);
		if (foreground > 0)
			job_control_signal_group_locked(foreground, SIGHUP);
	}
}
