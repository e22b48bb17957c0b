/*
 * What a process is and may use: user and group ids (getuid(2), setuid(2), setresuid(2),
 * credentials(7)), resource limits (getrlimit(2), prlimit(2)), CPU time and counters
 * (getrusage(2), times(2)), the machine's totals (sysinfo(2)) and the CPUs a task may run
 * on (sched_setaffinity(2)).
 *
 * Spindle has one user: processes start as root (uid 0) and every permission check passes.
 * The ids are still a process's own, changed by the set*id calls under Linux's rules, kept
 * across fork and exec, and shown in /proc/<pid>/status, so programs that drop privileges
 * see what they expect. Of the limits, RLIMIT_NOFILE is enforced (the descriptor table
 * stops there); the others are kept and reported, and RLIMIT_NPROC, like Linux's, does not
 * bind root.
 */
#include "handlers.h"
#include "mm.h"
#include "pid.h"
#include "pmm.h"
#include "proc.h"
#include "resources.h"
#include "sched.h"
#include "string.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "vfs.h"

void resources_init(struct thread_group *group, const struct thread_group *parent)
{
	if (parent) {
		group->credentials = parent->credentials;
		memcpy(group->limits, parent->limits, sizeof(group->limits));
		return;
	}
	for (int i = 0; i < RLIM_NLIMITS; i++)
		group->limits[i] = (struct resource_limit){RLIM_INFINITY, RLIM_INFINITY};
	group->limits[RLIMIT_STACK].soft = 8 << 20;
	group->limits[RLIMIT_CORE].soft = 0;
	group->limits[RLIMIT_NPROC] = (struct resource_limit){task_get_max(), task_get_max()};
	group->limits[RLIMIT_NOFILE] = (struct resource_limit){MAX_FDS, MAX_FDS};
	group->limits[RLIMIT_MEMLOCK] = (struct resource_limit){8 << 20, 8 << 20};
	group->limits[RLIMIT_SIGPENDING] = (struct resource_limit){256, 256};
	group->limits[RLIMIT_MSGQUEUE] = (struct resource_limit){819200, 819200};
	group->limits[RLIMIT_NICE] = (struct resource_limit){0, 0};
	group->limits[RLIMIT_RTPRIO] = (struct resource_limit){0, 0};
}

int resources_fd_limit(void)
{
	struct thread_group *group = current->group;
	uint64_t limit = group ? READ_ONCE(group->limits[RLIMIT_NOFILE].soft) : MAX_FDS;
	return limit < MAX_FDS ? (int)limit : MAX_FDS;
}

void resources_cpu_times_locked(struct task_struct *leader, uint64_t *utime_ns, uint64_t *stime_ns)
{
	struct task_struct *thread;
	*utime_ns = leader->se.utime_ns;
	*stime_ns = leader->se.stime_ns;
	if (leader->group) {
		*utime_ns += leader->group->exited_utime_ns;
		*stime_ns += leader->group->exited_stime_ns;
	}
	list_for_each_entry (thread, &leader->thread_group, thread_group) {
		*utime_ns += thread->se.utime_ns;
		*stime_ns += thread->se.stime_ns;
	}
}

/* --- user and group ids --- */

enum { ID_REAL, ID_EFFECTIVE, ID_SAVED };

static struct process_credentials *credentials(void)
{
	return &current->group->credentials;
}

static bool is_privileged(void)
{
	return credentials()->user[ID_EFFECTIVE] == 0;
}

long sys_getuid(void)
{
	return credentials()->user[ID_REAL];
}

long sys_geteuid(void)
{
	return credentials()->user[ID_EFFECTIVE];
}

long sys_getgid(void)
{
	return credentials()->group[ID_REAL];
}

long sys_getegid(void)
{
	return credentials()->group[ID_EFFECTIVE];
}

static long put_three(uint32_t first, uint32_t second, uint32_t third, uint32_t *user_first,
		      uint32_t *user_second, uint32_t *user_third)
{
	if (copy_to_user(user_first, &first, 4) || copy_to_user(user_second, &second, 4) ||
	    copy_to_user(user_third, &third, 4))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid)
{
	const uint32_t *ids = credentials()->user;
	return put_three(ids[ID_REAL], ids[ID_EFFECTIVE], ids[ID_SAVED], ruid, euid, suid);
}

long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid)
{
	const uint32_t *ids = credentials()->group;
	return put_three(ids[ID_REAL], ids[ID_EFFECTIVE], ids[ID_SAVED], rgid, egid, sgid);
}

/* No supplementary groups. */
long sys_getgroups(int size, uint32_t *list)
{
	return size < 0 ? -EINVAL : 0;
}

#define UNCHANGED 0xffffffffu /* -1: leave this id as it is */

/*
 * setresuid/setresgid, the general form (setresuid(2)): each id that is not -1 becomes the
 * new value. A privileged process (effective uid 0) may choose any; any other only one of
 * its current three. ids is credentials()->user or ->group.
 */
static long set_ids(uint32_t ids[3], uint32_t real, uint32_t effective, uint32_t saved)
{
	uint32_t wanted[3] = {real, effective, saved};
	bool privileged = is_privileged();
	for (int i = 0; i < 3 && !privileged; i++) {
		if (wanted[i] != UNCHANGED && wanted[i] != ids[0] && wanted[i] != ids[1] &&
		    wanted[i] != ids[2])
			return -EPERM;
	}
	for (int i = 0; i < 3; i++) {
		if (wanted[i] != UNCHANGED)
			ids[i] = wanted[i];
	}
	return 0;
}

long sys_setresuid(uint32_t real, uint32_t effective, uint32_t saved)
{
	return set_ids(credentials()->user, real, effective, saved);
}

long sys_setresgid(uint32_t real, uint32_t effective, uint32_t saved)
{
	return set_ids(credentials()->group, real, effective, saved);
}

/* setuid(2): privileged, all three ids; otherwise only the effective one, to the real or
 * saved id. */
static long set_one_id(uint32_t ids[3], uint32_t id)
{
	if (id == UNCHANGED)
		return -EINVAL;
	if (is_privileged())
		return set_ids(ids, id, id, id);
	if (id != ids[ID_REAL] && id != ids[ID_SAVED])
		return -EPERM;
	ids[ID_EFFECTIVE] = id;
	return 0;
}

long sys_setuid(uint32_t uid)
{
	return set_one_id(credentials()->user, uid);
}

long sys_setgid(uint32_t gid)
{
	return set_one_id(credentials()->group, gid);
}

/* setreuid(2): when the real id is set, or the effective one set to something other than
 * the old real id, the saved id follows the new effective one. */
static long set_two_ids(uint32_t ids[3], uint32_t real, uint32_t effective)
{
	bool privileged = is_privileged();
	if (!privileged && real != UNCHANGED && real != ids[ID_REAL] && real != ids[ID_EFFECTIVE])
		return -EPERM;
	if (!privileged && effective != UNCHANGED && effective != ids[ID_REAL] &&
	    effective != ids[ID_EFFECTIVE] && effective != ids[ID_SAVED])
		return -EPERM;
	uint32_t new_effective = effective != UNCHANGED ? effective : ids[ID_EFFECTIVE];
	bool saved_follows =
		real != UNCHANGED || (effective != UNCHANGED && effective != ids[ID_REAL]);
	if (real != UNCHANGED)
		ids[ID_REAL] = real;
	ids[ID_EFFECTIVE] = new_effective;
	if (saved_follows)
		ids[ID_SAVED] = new_effective;
	return 0;
}

long sys_setreuid(uint32_t real, uint32_t effective)
{
	return set_two_ids(credentials()->user, real, effective);
}

long sys_setregid(uint32_t real, uint32_t effective)
{
	return set_two_ids(credentials()->group, real, effective);
}

/* --- resource limits --- */

/* prlimit64(2), and through it getrlimit/setrlimit: the process pid (0: the caller). */
long sys_prlimit64(pid_t pid, unsigned resource, const struct rlimit *user_new,
		   struct rlimit *user_old)
{
	struct rlimit new_limit, old_limit;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (user_new && copy_from_user(&new_limit, user_new, sizeof(new_limit)) != 0)
		return -EFAULT;
	if (user_new && new_limit.rlim_cur > new_limit.rlim_max)
		return -EINVAL;
	if (user_new && resource == RLIMIT_NOFILE && new_limit.rlim_max > MAX_FDS)
		return -EPERM; /* beyond the table, as Linux above fs.nr_open */
	struct task_struct *task = pid ? find_get_task_by_pid(pid) : current;
	if (!task)
		return -ESRCH;
	long result = 0;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	struct thread_group *group = task->group;
	if (!group || task->exit_state) {
		result = -ESRCH;
	} else {
		struct resource_limit *limit = &group->limits[resource];
		old_limit = (struct rlimit){limit->soft, limit->hard};
		if (user_new && new_limit.rlim_max > limit->hard && !is_privileged())
			result = -EPERM; /* only privilege raises a hard limit */
		else if (user_new)
			*limit = (struct resource_limit){new_limit.rlim_cur, new_limit.rlim_max};
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pid)
		put_task_struct(task);
	if (result == 0 && user_old && copy_to_user(user_old, &old_limit, sizeof(old_limit)) != 0)
		result = -EFAULT;
	return result;
}

long sys_getrlimit(unsigned resource, struct rlimit *user_limit)
{
	return sys_prlimit64(0, resource, NULL, user_limit);
}

long sys_setrlimit(unsigned resource, const struct rlimit *user_limit)
{
	return sys_prlimit64(0, resource, user_limit, NULL);
}

/* --- CPU time --- */

static struct timeval to_timeval(uint64_t ns)
{
	return (struct timeval){(int64_t)(ns / NSEC_PER_SEC),
				(int64_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC)};
}

long sys_getrusage(int who, struct rusage *user_usage)
{
	struct task_struct *self = current, *thread;
	struct rusage usage;
	uint64_t utime = 0, stime = 0;
	memset(&usage, 0, sizeof(usage));
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	struct task_struct *leader = self->group_leader;
	switch (who) {
	case RUSAGE_SELF:
		resources_cpu_times_locked(leader, &utime, &stime);
		usage.ru_nvcsw = (int64_t)leader->se.nvcsw;
		usage.ru_nivcsw = (int64_t)leader->se.nivcsw;
		list_for_each_entry (thread, &leader->thread_group, thread_group) {
			usage.ru_nvcsw += (int64_t)thread->se.nvcsw;
			usage.ru_nivcsw += (int64_t)thread->se.nivcsw;
		}
		break;
	case RUSAGE_THREAD:
		utime = self->se.utime_ns;
		stime = self->se.stime_ns;
		usage.ru_nvcsw = (int64_t)self->se.nvcsw;
		usage.ru_nivcsw = (int64_t)self->se.nivcsw;
		break;
	case RUSAGE_CHILDREN:
		utime = self->group->children_utime_ns;
		stime = self->group->children_stime_ns;
		break;
	default:
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EINVAL;
	}
	if (who != RUSAGE_CHILDREN && self->mm)
		usage.ru_maxrss = (int64_t)(READ_ONCE(self->mm->peak_resident_pages) * 4);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	usage.ru_utime = to_timeval(utime);
	usage.ru_stime = to_timeval(stime);
	return copy_to_user(user_usage, &usage, sizeof(usage)) != 0 ? -EFAULT : 0;
}

static int64_t to_clock_ticks(uint64_t ns)
{
	return (int64_t)(ns / (NSEC_PER_SEC / USER_HZ));
}

/* times(2): returns clock ticks since boot, like Linux's (which starts a little below 0
 * to catch overflow bugs; Spindle's starts at 0). */
long sys_times(struct tms *user_times)
{
	struct task_struct *self = current;
	uint64_t utime, stime;
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	resources_cpu_times_locked(self->group_leader, &utime, &stime);
	struct tms times = {to_clock_ticks(utime), to_clock_ticks(stime),
			    to_clock_ticks(self->group->children_utime_ns),
			    to_clock_ticks(self->group->children_stime_ns)};
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (user_times && copy_to_user(user_times, &times, sizeof(times)) != 0)
		return -EFAULT;
	return to_clock_ticks(clock_monotonic_ns());
}

long sys_sysinfo(struct sysinfo *user_info)
{
	struct sysinfo info;
	unsigned long load[3];
	memset(&info, 0, sizeof(info));
	info.uptime = (int64_t)(clock_monotonic_ns() / NSEC_PER_SEC);
	sched_load_average(load); /* hundredths */
	for (int i = 0; i < 3; i++)
		info.loads[i] = (uint64_t)load[i] * (1 << SI_LOAD_SHIFT) / 100;
	info.totalram = pmm_usable_count() * PAGE_SIZE;
	info.freeram = pmm_free_count() * PAGE_SIZE;
	info.procs = (uint16_t)task_count();
	info.mem_unit = 1;
	return copy_to_user(user_info, &info, sizeof(info)) != 0 ? -EFAULT : 0;
}

/* --- CPU affinity: one CPU today, so every mask must contain CPU 0 --- */

#define CPU_MASK_BYTES 8 /* the kernel's cpumask: enough longs for every possible CPU */

static long check_task(pid_t pid)
{
	if (pid == 0)
		return 0;
	struct task_struct *task = pid > 0 ? find_get_task_by_pid(pid) : NULL;
	if (!task)
		return -ESRCH;
	put_task_struct(task);
	return 0;
}

/* The raw call returns the size of the kernel's mask (the C library's returns 0). */
long sys_sched_getaffinity(pid_t pid, unsigned length, uint64_t *user_mask)
{
	uint64_t mask = 1; /* CPU 0 */
	if (length < CPU_MASK_BYTES || (length & (sizeof(long) - 1)))
		return -EINVAL;
	long error = check_task(pid);
	if (error)
		return error;
	return copy_to_user(user_mask, &mask, sizeof(mask)) != 0 ? -EFAULT : CPU_MASK_BYTES;
}

long sys_sched_setaffinity(pid_t pid, unsigned length, const uint64_t *user_mask)
{
	uint64_t mask = 0;
	if (copy_from_user(&mask, user_mask, MIN(length, (unsigned)sizeof(mask))) != 0)
		return -EFAULT;
	long error = check_task(pid);
	if (error)
		return error;
	return (mask & 1) ? 0 : -EINVAL; /* no CPU of the mask is online */
}
