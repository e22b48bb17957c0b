/*
 * Process system calls: exit(2), exit_group(2), wait4(2), waitid(2), execve(2), the id
 * getters (getpid(2) ...), set_tid_address(2), arch_prctl(2), uname(2), sched_yield(2),
 * getrandom(2).
 */
#include "arch/cpu.h"
#include "exec.h"
#include "handlers.h"
#include "kmalloc.h"
#include "memlayout.h"
#include "proc.h"
#include "job_control.h"
#include "random.h"
#include "sched.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"
#include "uapi/random.h"
#include "uapi/signal.h"
#include "uapi/utsname.h"
#include "uapi/wait.h"
#include "vfs.h"

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_exit_group((code & 0xff) << 8);
}

struct rusage_prefix { /* the start of struct rusage (getrusage(2)): the two times */
	int64_t user_seconds, user_microseconds;
	int64_t system_seconds, system_microseconds;
};
#define RUSAGE_SIZE 144

static long put_rusage(void *user_rusage, uint64_t utime_ns, uint64_t stime_ns)
{
	uint8_t usage[RUSAGE_SIZE] = {0};
	struct rusage_prefix times = {
		(int64_t)(utime_ns / 1000000000), (int64_t)(utime_ns / 1000 % 1000000),
		(int64_t)(stime_ns / 1000000000), (int64_t)(stime_ns / 1000 % 1000000)};
	memcpy(usage, &times, sizeof(times));
	return copy_to_user(user_rusage, usage, sizeof(usage));
}

#define WAIT4_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL_THREADS | WCLONE_ONLY)

long sys_wait4(pid_t pid, int *user_status, int options, void *rusage)
{
	int status = 0;
	uint64_t utime, stime;
	if (options & ~WAIT4_OPTIONS)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	long result = do_wait(pid, options | WEXITED, &status, &utime, &stime); /* exits, always */
	if (result > 0) {
		if (user_status && copy_to_user(user_status, &status, sizeof(status)) != 0)
			return -EFAULT;
		if (rusage && put_rusage(rusage, utime, stime) != 0)
			return -EFAULT;
	}
	return result;
}

/* The SIGCHLD part of siginfo_t (sigaction(2)): offsets of the x86_64 layout. */
struct child_siginfo {
	int32_t signo, error, code, pad;
	int32_t pid, uid, status, pad2;
	int64_t utime, stime;
	uint8_t rest[128 - 48];
};
_Static_assert(sizeof(struct child_siginfo) == 128, "siginfo_t is 128 bytes");

#define CLD_EXITED	   1
#define CLD_KILLED	   2
#define CLD_DUMPED	   3
#define CLD_STOPPED_CODE   5
#define CLD_CONTINUED_CODE 6

/* The checks and the wait proper; *siginfo is filled when a child was collected. */
static long waitid_common(int id_type, pid_t id, int options, struct child_siginfo *siginfo,
			  uint64_t *utime, uint64_t *stime)
{
	pid_t pid;
	int status = 0;
	if (options & ~(WAIT4_OPTIONS | WEXITED | WSTOPPED | WNOWAIT))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (id_type) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		pid = id;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		pid = id ? -id : 0;
		break;
	default:
		return -EINVAL;
	}
	long result = do_wait(pid, options, &status, utime, stime);
	if (result > 0) {
		siginfo->signo = SIGCHLD;
		siginfo->pid = (int32_t)result;
		if (WIFCONTINUED(status)) {
			siginfo->code = CLD_CONTINUED_CODE;
			siginfo->status = SIGCONT;
		} else if (WIFSTOPPED(status)) {
			siginfo->code = CLD_STOPPED_CODE;
			siginfo->status = WSTOPSIG(status);
		} else if (WIFSIGNALED(status)) {
			siginfo->code = (status & WSTATUS_COREDUMP) ? CLD_DUMPED : CLD_KILLED;
			siginfo->status = WTERMSIG(status);
		} else {
			siginfo->code = CLD_EXITED;
			siginfo->status = WEXITSTATUS(status);
		}
		siginfo->utime = (int64_t)(*utime / 10000000); /* clock ticks of 1/100 s */
		siginfo->stime = (int64_t)(*stime / 10000000);
	}
	return result;
}

long sys_waitid(int id_type, pid_t id, void *info, int options, void *rusage)
{
	uint64_t utime = 0, stime = 0;
	struct child_siginfo siginfo = {0};
	long result = waitid_common(id_type, id, options, &siginfo, &utime, &stime);
	if (result > 0) {
		result = 0;
		if (rusage && put_rusage(rusage, utime, stime) != 0)
			return -EFAULT;
	}
	/* Like Linux, info is written (zeros if nothing was collected) whatever the result,
	 * so a bad pointer is -EFAULT even when there is no child. */
	if (info && copy_to_user(info, &siginfo, sizeof(siginfo)) != 0)
		return -EFAULT;
	return result;
}

long sys_execve(const char *user_path, const char *const *argv, const char *const *envp)
{
	struct exec_strings strings;
	char *path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	long result = strncpy_from_user(path, user_path, PATH_MAX);
	if (result >= 0)
		result = exec_strings_from_user(&strings, argv, envp);
	if (result >= 0) {
		result = do_execve(path, &strings);
		exec_strings_free(&strings);
	}
	kfree(path);
	return result;
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->real_parent->tgid;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_getpgid(pid_t pid)
{
	if (pid == 0)
		return current->pgid;
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return -ESRCH;
	long result = task->pgid;
	put_task_struct(task);
	return result;
}

long sys_getsid(pid_t pid)
{
	if (pid == 0)
		return current->sid;
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return -ESRCH;
	long result = task->sid;
	put_task_struct(task);
	return result;
}

long sys_set_tid_address(int *tid_address)
{
	current->clear_child_tid = tid_address;
	return current->pid;
}

long sys_arch_prctl(int code, unsigned long address)
{
	switch (code) {
	case ARCH_SET_FS:
		if (address >= USER_SPACE_END)
			return -EPERM;
		current->fs_base = address;
		wrmsr(MSR_FS_BASE, address);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void *)address, &current->fs_base, sizeof(uint64_t));
	default:
		return -EINVAL;
	}
}

long sys_uname(struct utsname *user_name)
{
	struct utsname name;
	memset(&name, 0, sizeof(name));
	strlcpy(name.sysname, "Spindle", sizeof(name.sysname));
	strlcpy(name.nodename, "spindle", sizeof(name.nodename));
	strlcpy(name.release, "0.1.0", sizeof(name.release));
	strlcpy(name.version, "#1 teaching kernel", sizeof(name.version));
	strlcpy(name.machine, "x86_64", sizeof(name.machine));
	strlcpy(name.domainname, "(none)", sizeof(name.domainname));
	return copy_to_user(user_name, &name, sizeof(name));
}

long sys_sched_yield(void)
{
	sched_yield();
	return 0;
}

long sys_getrandom(void *buffer, size_t count, unsigned flags)
{
	uint8_t chunk[256];
	size_t done = 0;
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (count > INT32_MAX)
		count = INT32_MAX;
	while (done < count) {
		size_t length = MIN(count - done, sizeof(chunk));
		random_fill(chunk, length);
		if (copy_to_user((char *)buffer + done, chunk, length) != 0)
			return done ? (long)done : -EFAULT;
		done += length;
	}
	return (long)done;
}

/* setpgid(2): a process may move itself, or a child that has not called execve yet, into
 * a new group or an existing group of the same session; pgid 0 means "its own pid". The
 * checks come in Linux's order, so the same mistake gives the same errno. */
long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *self = current;
	struct task_struct *leader = self->group_leader;
	if (pgid < 0)
		return -EINVAL;
	if (pid == 0)
		pid = leader->pid;
	if (pgid == 0)
		pgid = pid;
	struct task_struct *target = find_get_task_by_pid(pid);
	if (!target)
		return -ESRCH;
	long result;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	if (target != target->group_leader) {
		result = -EINVAL;
	} else if (target->real_parent && target->real_parent->tgid == self->tgid) {
		if (target->sid != leader->sid)
			result = -EPERM;
		else if (!(target->flags & PF_FORKNOEXEC))
			result = -EACCES; /* it has exec'd: its shell no longer decides */
		else
			result = 0;
	} else {
		result = target == leader ? 0 : -ESRCH;
	}
	if (result == 0 && target->sid == target->pid)
		result = -EPERM; /* a session leader cannot move */
	if (result == 0 && pgid != pid && !job_control_group_exists_locked(pgid, leader->sid))
		result = -EPERM; /* no such group in this session */
	if (result == 0)
		target->pgid = pgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(target);
	return result;
}

struct group_search {
	pid_t pgid;
	bool found;
};

static bool find_group(struct task_struct *task, void *data)
{
	struct group_search *search = data;
	if (task->pgid == search->pgid && task != current) {
		search->found = true;
		return false;
	}
	return true;
}

/* setsid(2): a new session and process group led by the caller, unless it already leads a
 * process group. */
long sys_setsid(void)
{
	struct task_struct *self = current;
	struct group_search search = {.pgid = self->tgid};
	for_each_task(find_group, &search);
	if (self->pgid == self->tgid || search.found)
		return -EPERM;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	self->pgid = self->sid = self->tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return self->sid;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* prctl(2): the thread name (what ps shows) and the child-subreaper flag are supported. */
long sys_prctl(int option, unsigned long argument2, unsigned long argument3,
	       unsigned long argument4, unsigned long argument5)
{
	char name[TASK_COMM_LENGTH];
	(void)argument3;
	(void)argument4;
	(void)argument5;
	switch (option) {
	case PR_SET_NAME: {
		long length = strncpy_from_user(name, (const char *)argument2, sizeof(name));
		if (length == -EFAULT)
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		strlcpy(current->comm, name, sizeof(current->comm));
		return 0;
	}
	case PR_GET_NAME:
		return copy_to_user((void *)argument2, current->comm, sizeof(current->comm));
	case PR_SET_CHILD_SUBREAPER:
		current->group->is_child_subreaper = argument2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER: {
		int value = current->group->is_child_subreaper;
		return copy_to_user((void *)argument2, &value, sizeof(value));
	}
	default:
		return -EINVAL;
	}
}
