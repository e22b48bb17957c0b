/*
 * The scheduling system calls: policies and real-time priorities (man 2 sched_setscheduler,
 * sched_getscheduler, sched_setparam, sched_getparam, sched_get_priority_max,
 * sched_get_priority_min, sched_rr_get_interval) and nice values (man 2 setpriority,
 * getpriority). These check and translate; the core (sched_set_attributes) moves the task.
 *
 * Argument checks come in Linux's order, so errors match: policy < 0, a NULL param or a
 * negative pid give EINVAL; then the param is copied (EFAULT); then the task is looked up
 * (ESRCH); then the policy and priority are validated (EINVAL). Everyone is root in
 * Spindle (no user ids yet), so the permission errors (EPERM, EACCES) never arise.
 * getpriority's raw result is 20 - nice (1..40), never negative; libc turns it back.
 */
#include "../syscall/handlers.h"
#include "proc.h"
#include "sched.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/time.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

static bool is_valid_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE;
}

static bool is_realtime(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* pid 0 is the caller (a thread: these calls act on one thread, as on Linux). Referenced. */
static struct task_struct *find_task(pid_t pid)
{
	if (pid == 0) {
		get_task_struct(current);
		return current;
	}
	return find_get_task_by_pid(pid);
}

/* policy -1: keep the task's policy (sched_setparam). */
static long set_scheduler(pid_t pid, int policy, const struct sched_param *user_param)
{
	struct sched_param param;
	if (!user_param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&param, user_param, sizeof(param)) != 0)
		return -EFAULT;
	struct task_struct *task = find_task(pid);
	if (!task)
		return -ESRCH;
	long error = -EINVAL;
	bool reset_on_fork = task->se.reset_on_fork;
	if (policy == -1) {
		policy = task->se.policy;
	} else {
		reset_on_fork = policy & SCHED_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
	}
	if (!is_valid_policy(policy))
		goto out_put_task;
	if (is_realtime(policy) ? param.sched_priority < RT_PRIORITY_MIN ||
					  param.sched_priority > RT_PRIORITY_MAX
				: param.sched_priority != 0)
		goto out_put_task;
	if (task->flags & PF_IDLE)
		goto out_put_task;
	sched_set_attributes(task, policy, param.sched_priority, task->se.nice, reset_on_fork);
	error = 0;
out_put_task:
	put_task_struct(task);
	return error;
}

long sys_sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	if (policy < 0)
		return -EINVAL;
	return set_scheduler(pid, policy, param);
}

long sys_sched_setparam(pid_t pid, const struct sched_param *param)
{
	return set_scheduler(pid, -1, param);
}

long sys_sched_getscheduler(pid_t pid)
{
	if (pid < 0)
		return -EINVAL;
	struct task_struct *task = find_task(pid);
	if (!task)
		return -ESRCH;
	long policy = task->se.policy | (task->se.reset_on_fork ? SCHED_RESET_ON_FORK : 0);
	put_task_struct(task);
	return policy;
}

long sys_sched_getparam(pid_t pid, struct sched_param *user_param)
{
	if (!user_param || pid < 0)
		return -EINVAL;
	struct task_struct *task = find_task(pid);
	if (!task)
		return -ESRCH;
	struct sched_param param = {.sched_priority = task->se.priority};
	put_task_struct(task);
	return copy_to_user(user_param, &param, sizeof(param)) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (!is_valid_policy(policy))
		return -EINVAL;
	return is_realtime(policy) ? RT_PRIORITY_MAX : 0;
}

long sys_sched_get_priority_min(int policy)
{
	if (!is_valid_policy(policy))
		return -EINVAL;
	return is_realtime(policy) ? RT_PRIORITY_MIN : 0;
}

long sys_sched_rr_get_interval(pid_t pid, struct timespec *user_interval)
{
	if (pid < 0)
		return -EINVAL;
	struct task_struct *task = find_task(pid);
	if (!task)
		return -ESRCH;
	uint64_t ns = sched_time_slice_ns(task);
	put_task_struct(task);
	struct timespec interval = {.tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				    .tv_nsec = (int64_t)(ns % NSEC_PER_SEC)};
	return copy_to_user(user_interval, &interval, sizeof(interval)) ? -EFAULT : 0;
}

/* The tasks setpriority/getpriority address: (which, who) as in setpriority(2). */
struct priority_walk {
	int which;
	int who;
	int nice;      /* setpriority: the new value */
	bool set;      /* setpriority, or getpriority */
	int found;     /* tasks that matched */
	int best_nice; /* getpriority: the lowest nice among them */
};

static bool priority_matches(const struct task_struct *task, const struct priority_walk *walk)
{
	if (task->pid == 0 || task->exit_state != 0 || task->state == TASK_DEAD)
		return false;
	switch (walk->which) {
	case PRIO_PROCESS:
		return task->pid == walk->who;
	case PRIO_PGRP:
		return task->pgid == walk->who;
	default: /* PRIO_USER: every task belongs to uid 0 */
		return walk->who == 0;
	}
}

/* Called with tasklist_lock held; sched_set_attributes takes rq->lock inside it. */
static bool priority_visit(struct task_struct *task, void *data)
{
	struct priority_walk *walk = data;
	if (!priority_matches(task, walk))
		return true;
	if (walk->set)
		sched_set_attributes(task, task->se.policy, task->se.priority, walk->nice,
				     task->se.reset_on_fork);
	else if (walk->found == 0 || task->se.nice < walk->best_nice)
		walk->best_nice = task->se.nice;
	walk->found++;
	return true;
}

static long walk_priority(int which, int who, struct priority_walk *walk)
{
	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	walk->which = which;
	walk->who = who;
	if (who == 0)
		walk->who = which == PRIO_PROCESS ? current->pid
			    : which == PRIO_PGRP  ? current->pgid
						  : 0; /* the caller's uid */
	for_each_task(priority_visit, walk);
	return walk->found ? 0 : -ESRCH;
}

long sys_setpriority(int which, int who, int nice)
{
	struct priority_walk walk = {.set = true};
	walk.nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	return walk_priority(which, who, &walk);
}

long sys_getpriority(int which, int who)
{
	struct priority_walk walk = {.set = false};
	long error = walk_priority(which, who, &walk);
	return error ? error : 20 - walk.best_nice;
}
