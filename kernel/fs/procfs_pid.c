/*
 * The files of /proc/<pid>/ beyond status (proc(5)), written at open from the live task:
 *   stat     one line of numbers, the fields ps(1) reads, in proc(5)'s order
 *   cmdline  the arguments, each NUL-terminated, read out of the process's own memory
 *   maps     one line per VMA: addresses, permissions, offset, device, inode, name
 *   sched    scheduling statistics, in the layout of Linux's /proc/<pid>/sched
 * procfs.c makes the inodes and calls these. Another task's address space is taken with
 * task_get_mm(), so the task may exit or exec meanwhile; its VMAs and page tables are
 * read under mm->lock.
 */
#include "format.h"
#include "mm.h"
#include "pmm.h"
#include "procfs.h"
#include "sched.h"
#include "string.h"
#include "time.h"
#include "uapi/sched.h"
#include "vfs.h"
#include "vmm.h"

#define TICKS_PER_SECOND 100 /* USER_HZ: what proc(5) counts times in */

static uint64_t ticks(uint64_t ns)
{
	return ns / (NSEC_PER_SEC / TICKS_PER_SECOND);
}

/* proc(5) field 18: -1 - rt_priority for real-time tasks (-2..-100), else 20 + nice (0..39). */
static int stat_priority(const struct task_struct *task)
{
	if (task->se.policy == SCHED_FIFO || task->se.policy == SCHED_RR)
		return -1 - task->se.priority;
	return 20 + task->se.nice;
}

/* Nanoseconds as Linux's sched file prints them: milliseconds with six decimals. */
#define MS_FORMAT   "%lu.%06lu"
#define MS_VALUE(n) (n) / 1000000, (n) % 1000000

size_t proc_pid_sched(pid_t pid, char *buffer, size_t size)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return 0;
	size_t threads = 1 + list_length(&task->group_leader->thread_group);
	uint64_t runtime = READ_ONCE(task->se.sum_runtime_ns);
	uint64_t wait = READ_ONCE(task->se.wait_sum_ns);
	if (task == current)
		runtime += clock_monotonic_ns() - task->se.last_ran_ns;
	int length = snprintf(
		buffer, size,
		"%s (%d, #threads: %lu)\n"
		"-------------------------------------------------------------------\n"
		"se.vruntime                                  : " MS_FORMAT "\n"
		"se.sum_exec_runtime                          : " MS_FORMAT "\n"
		"se.sum_charged_runtime                       : " MS_FORMAT "\n"
		"se.statistics.wait_sum                       : " MS_FORMAT "\n"
		"se.statistics.nr_wakeups                     : %lu\n"
		"nr_switches                                  : %lu\n"
		"nr_voluntary_switches                        : %lu\n"
		"nr_involuntary_switches                      : %lu\n"
		"se.load.weight                               : %lu\n"
		"policy                                       : %d\n"
		"prio                                         : %d\n"
		"rt_priority                                  : %d\n"
		"nice                                         : %d\n"
		"class                                        : %s\n",
		task->comm, task->pid, threads, MS_VALUE(task->se.vruntime), MS_VALUE(runtime),
		MS_VALUE(task->se.sum_exec_ns), MS_VALUE(wait), task->se.nr_wakeups,
		task->se.nvcsw + task->se.nivcsw, task->se.nvcsw, task->se.nivcsw,
		task->se.class == &fair_sched_class ? task->se.weight : 0, task->se.policy,
		stat_priority(task) + 100, task->se.priority, task->se.nice, task->se.class->name);
	put_task_struct(task);
	return (size_t)MIN(length, (int)size - 1);
}

size_t proc_pid_stat(pid_t pid, char *buffer, size_t size)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return 0;
	struct mm_struct *mm = task_get_mm(task);
	size_t threads = 1 + list_length(&task->group_leader->thread_group);
	size_t vsize = 0, rss = 0;
	virt_addr_t start_code = 0, end_code = 0, start_stack = 0, start_data = 0, end_data = 0,
		    start_brk = 0, arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
	if (mm) {
		uint64_t flags = spin_lock_irqsave(&mm->lock);
		struct vm_area *vma;
		list_for_each_entry (vma, &mm->vmas, node)
			vsize += vma->end - vma->start;
		rss = mm->resident_pages;
		start_code = mm->start_code;
		end_code = mm->end_code;
		start_stack = mm->start_stack;
		start_data = mm->start_data;
		end_data = mm->end_data;
		start_brk = mm->start_brk;
		arg_start = mm->arg_start;
		arg_end = mm->arg_end;
		env_start = mm->env_start;
		env_end = mm->env_end;
		spin_unlock_irqrestore(&mm->lock, flags);
		mm_put(mm);
	}
	/* Fields 1-52 of proc(5); the ones Spindle has no notion of are 0. */
	int length = snprintf(
		buffer, size,
		"%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 %lu %lu 0 0 %d %d %lu 0 %lu %lu %lu "
		"18446744073709551615 %lu %lu %lu 0 0 0 0 0 0 0 0 0 %d %d %d %d 0 0 0 %lu %lu %lu "
		"%lu "
		"%lu %lu %lu %d\n",
		task->pid, task->comm, proc_state_letter(task),
		task->real_parent ? task->real_parent->tgid : 0, task->pgid, task->sid, task->flags,
		ticks(task->se.utime_ns), ticks(task->se.stime_ns), stat_priority(task),
		task->se.nice, threads, ticks(task->se.start_time_ns), vsize, rss, start_code,
		end_code, start_stack, task->exit_signal > 0 ? task->exit_signal : 0, task->cpu,
		task->se.priority, task->se.policy, start_data, end_data, start_brk, arg_start,
		arg_end, env_start, env_end, task->exit_code);
	put_task_struct(task);
	return (size_t)MIN(length, (int)size - 1);
}

/* Copy [address, address + length) of mm into buffer through the direct map; pages that
 * are not present read as nothing (the copy stops). Caller holds mm->lock. */
static size_t read_user_memory(struct mm_struct *mm, virt_addr_t address, char *buffer,
			       size_t length)
{
	size_t done = 0;
	while (done < length) {
		phys_addr_t frame;
		virt_addr_t at = address + done;
		if (!vmm_translate(mm->page_table, ALIGN_DOWN(at, PAGE_SIZE), &frame, NULL))
			break;
		size_t chunk = MIN(length - done, PAGE_SIZE - at % PAGE_SIZE);
		memcpy(buffer + done, (char *)phys_to_virt(frame) + at % PAGE_SIZE, chunk);
		done += chunk;
	}
	return done;
}

size_t proc_pid_cmdline(pid_t pid, char *buffer, size_t size)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return 0;
	struct mm_struct *mm = task_get_mm(task);
	put_task_struct(task);
	if (!mm)
		return 0; /* a kernel thread or a zombie: empty, as on Linux */
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	size_t length = 0;
	if (mm->arg_end > mm->arg_start)
		length = read_user_memory(mm, mm->arg_start, buffer,
					  MIN(mm->arg_end - mm->arg_start, size - 1));
	spin_unlock_irqrestore(&mm->lock, flags);
	mm_put(mm);
	return length;
}

size_t proc_pid_maps(pid_t pid, char *buffer, size_t size)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return 0;
	struct mm_struct *mm = task_get_mm(task);
	put_task_struct(task);
	if (!mm)
		return 0;
	size_t length = 0;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	struct vm_area *vma;
	list_for_each_entry (vma, &mm->vmas, node) {
		if (length >= size - 1)
			break;
		const char *name = vma->flags & VMA_HEAP    ? "[heap]"
				   : vma->flags & VMA_STACK ? "[stack]"
				   : vma->shm		    ? "/SYSV (deleted)"
							    : "";
		uint64_t offset = vma->file ? (uint64_t)vma->file_page * PAGE_SIZE : 0;
		uint64_t inode = vma->file ? vma->file->number : 0;
		int line = snprintf(
			buffer + length, size - length,
			"%08lx-%08lx %c%c%c%c %08lx 00:%02x %lu%*s%s\n", vma->start, vma->end,
			vma->flags & VMA_READ ? 'r' : '-', vma->flags & VMA_WRITE ? 'w' : '-',
			vma->flags & VMA_EXEC ? 'x' : '-', vma->flags & VMA_SHARED ? 's' : 'p',
			offset, vma->file ? 1 : 0, inode, *name ? 10 : 0, "", name);
		length += (size_t)line;
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	mm_put(mm);
	return MIN(length, size - 1);
}
