/*
 * /proc: a file system whose files are written the moment they are opened, from the
 * kernel's live state (proc(5)). Today:
 *   /proc/self            symlink to the caller's process directory
 *   /proc/<pid>/status    Name, State, Tgid, Pid, PPid, Threads, VmRSS and the context-switch
 *                         counts, in proc(5)'s format
 *   /proc/<pid>/stat, cmdline, maps
 *                         proc(5)'s formats, written by procfs_pid.c
 *   /proc/<pid>/sched     scheduling statistics, Linux's layout (procfs_pid.c)
 *   /proc/sched_trace     the scheduler trace: state on read; write 1, 0 or dump
 *                         (kernel/sched/trace.c)
 *   /proc/<pid>/task/<tid>/{status,stat}
 *                         the same for each thread of the process
 *   /proc/meminfo         MemTotal, MemFree (kB)
 *   /proc/uptime          seconds since boot, and seconds the idle task ran
 *   /proc/loadavg         1, 5 and 15 minute load averages, runnable/all tasks, last pid
 *   /proc/spindle         Spindle's own object counters (frames, kmalloc objects, tasks,
 *                         inodes, files, address spaces, futex waiters, pipes, System V
 *                         objects, sockets, copy-on-write copies),
 *                         the numbers its leak checks compare
 *   /proc/slabinfo        each kmalloc cache: live and total objects, object size, slabs
 *                         (Linux's slabinfo 2.1 columns; "kmalloc-large" counts the
 *                         multi-page allocations)
 *   /proc/sysvipc/{shm,msg,sem}
 *                         every System V IPC object, one per line, in Linux's columns (what
 *                         ipcs(1) reads)
 * Inodes are made on each lookup and freed when unused; nothing is cached, so a directory
 * listing always shows the tasks alive at that moment.
 */
#include "format.h"
#include "futex.h"
#include "kmalloc.h"
#include "leakcheck.h"
#include "mm.h"
#include "pmm.h"
#include "pid.h"
#include "printk.h"
#include "procfs.h"
#include "proc.h"
#include "sched.h"
#include "sched_trace.h"
#include "signal.h"
#include "string.h"
#include "sysvipc.h"
#include "time.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "vfs.h"

#define PROC_BUFFER	    4096
#define PROC_SYSVIPC_BUFFER (256 * (IPC_TABLE_SIZE + 1)) /* a header and a line each */

enum proc_kind {
	PROC_ROOT,
	PROC_PID_DIR,
	PROC_TASK_DIR, /* /proc/<pid>/task: a directory per thread */
	PROC_TID_DIR,  /* /proc/<pid>/task/<tid>: that thread's status and stat */
	PROC_SELF,
	PROC_STATUS,
	PROC_STAT,
	PROC_CMDLINE,
	PROC_MAPS,
	PROC_SCHED,
	PROC_SCHED_TRACE,
	PROC_MEMINFO,
	PROC_UPTIME,
	PROC_LOADAVG,
	PROC_SLABINFO,
	PROC_SPINDLE,
	PROC_SYSVIPC_DIR,
	PROC_SYSVIPC_SHM,
	PROC_SYSVIPC_MSG,
	PROC_SYSVIPC_SEM
};

struct proc_node {
	enum proc_kind kind;
	pid_t pid;
};

static const struct inode_operations proc_inode_ops;
static const struct file_operations proc_dir_ops, proc_file_ops;
static struct inode *proc_root;

static struct inode *proc_inode(enum proc_kind kind, pid_t pid, uint32_t mode)
{
	struct inode *inode = inode_alloc(mode);
	struct proc_node *node = kmalloc(sizeof(*node));
	if (!inode || !node) {
		kfree(node);
		if (inode)
			inode_put(inode);
		return NULL;
	}
	*node = (struct proc_node){kind, pid};
	inode->private = node;
	inode->ops = &proc_inode_ops;
	inode->link_count = S_ISDIR(mode) ? 2 : 1;
	inode->file_ops = S_ISDIR(mode) ? &proc_dir_ops : S_ISLNK(mode) ? NULL : &proc_file_ops;
	return inode;
}

static struct proc_node *node_of(struct inode *inode)
{
	return inode->private;
}

static pid_t parse_pid(const char *name)
{
	pid_t pid = 0;
	if (!*name || *name == '0')
		return -1;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || pid > PID_MAX_LIMIT)
			return -1;
		pid = pid * 10 + (*name - '0');
	}
	return pid;
}

static bool process_exists(pid_t pid)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	bool exists = task && task->tgid == pid;
	if (task)
		put_task_struct(task);
	return exists;
}

/* The thread tid, alive and part of process tgid; its tgid goes to *tgid_out if asked. */
static bool thread_exists(pid_t tid, pid_t tgid, pid_t *tgid_out)
{
	struct task_struct *task = find_get_task_by_pid(tid);
	bool exists = task && (tgid == 0 || task->tgid == tgid);
	if (task && tgid_out)
		*tgid_out = task->tgid;
	if (task)
		put_task_struct(task);
	return exists;
}

static struct inode *proc_lookup(struct inode *directory, const char *name)
{
	struct proc_node *node = node_of(directory);
	if (strcmp(name, ".") == 0) {
		inode_get(directory);
		return directory;
	}
	if (strcmp(name, "..") == 0) {
		pid_t tgid;
		if (node->kind == PROC_TASK_DIR)
			return proc_inode(PROC_PID_DIR, node->pid, S_IFDIR | 0555);
		if (node->kind == PROC_TID_DIR && thread_exists(node->pid, 0, &tgid))
			return proc_inode(PROC_TASK_DIR, tgid, S_IFDIR | 0555);
		struct inode *parent = node->kind == PROC_ROOT ? vfs_root() : proc_root;
		inode_get(parent);
		return parent;
	}
	if (node->kind == PROC_TASK_DIR) {
		pid_t tid = parse_pid(name);
		return tid > 0 && thread_exists(tid, node->pid, NULL)
			       ? proc_inode(PROC_TID_DIR, tid, S_IFDIR | 0555)
			       : NULL;
	}
	if (node->kind == PROC_TID_DIR) {
		enum proc_kind kind = strcmp(name, "status") == 0 ? PROC_STATUS
				      : strcmp(name, "stat") == 0 ? PROC_STAT
								  : PROC_ROOT;
		return kind != PROC_ROOT && thread_exists(node->pid, 0, NULL)
			       ? proc_inode(kind, node->pid, S_IFREG | 0444)
			       : NULL;
	}
	if (node->kind == PROC_SYSVIPC_DIR) {
		enum proc_kind kind = strcmp(name, "shm") == 0	 ? PROC_SYSVIPC_SHM
				      : strcmp(name, "msg") == 0 ? PROC_SYSVIPC_MSG
				      : strcmp(name, "sem") == 0 ? PROC_SYSVIPC_SEM
								 : PROC_ROOT;
		return kind == PROC_ROOT ? NULL : proc_inode(kind, 0, S_IFREG | 0444);
	}
	if (node->kind == PROC_PID_DIR) {
		if (strcmp(name, "task") == 0)
			return process_exists(node->pid)
				       ? proc_inode(PROC_TASK_DIR, node->pid, S_IFDIR | 0555)
				       : NULL;
		if (strcmp(name, "sched") == 0)
			return process_exists(node->pid)
				       ? proc_inode(PROC_SCHED, node->pid, S_IFREG | 0444)
				       : NULL;
		enum proc_kind kind = strcmp(name, "status") == 0    ? PROC_STATUS
				      : strcmp(name, "stat") == 0    ? PROC_STAT
				      : strcmp(name, "cmdline") == 0 ? PROC_CMDLINE
				      : strcmp(name, "maps") == 0    ? PROC_MAPS
								     : PROC_ROOT;
		return kind != PROC_ROOT && process_exists(node->pid)
			       ? proc_inode(kind, node->pid, S_IFREG | 0444)
			       : NULL;
	}
	if (strcmp(name, "self") == 0)
		return proc_inode(PROC_SELF, 0, S_IFLNK | 0777);
	if (strcmp(name, "meminfo") == 0)
		return proc_inode(PROC_MEMINFO, 0, S_IFREG | 0444);
	if (strcmp(name, "uptime") == 0)
		return proc_inode(PROC_UPTIME, 0, S_IFREG | 0444);
	if (strcmp(name, "loadavg") == 0)
		return proc_inode(PROC_LOADAVG, 0, S_IFREG | 0444);
	if (strcmp(name, "sched_trace") == 0)
		return proc_inode(PROC_SCHED_TRACE, 0, S_IFREG | 0644);
	if (strcmp(name, "spindle") == 0)
		return proc_inode(PROC_SPINDLE, 0, S_IFREG | 0444);
	if (strcmp(name, "slabinfo") == 0)
		return proc_inode(PROC_SLABINFO, 0, S_IFREG | 0444);
	if (strcmp(name, "sysvipc") == 0)
		return proc_inode(PROC_SYSVIPC_DIR, 0, S_IFDIR | 0555);
	pid_t pid = parse_pid(name);
	return pid > 0 && process_exists(pid) ? proc_inode(PROC_PID_DIR, pid, S_IFDIR | 0555)
					      : NULL;
}

static int proc_readlink(struct inode *inode, char *buffer, size_t size)
{
	return snprintf(buffer, size, "%d", current->tgid);
}

static void proc_release(struct inode *inode)
{
	kfree(inode->private);
}

static const struct inode_operations proc_inode_ops = {
	.lookup = proc_lookup,
	.readlink = proc_readlink,
	.release = proc_release,
};

char proc_state_letter(const struct task_struct *task)
{
	if (task->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (task->exit_state == EXIT_DEAD)
		return 'X';
	switch (task->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	default:
		return 'X';
	}
}

static const char *state_name(char letter)
{
	switch (letter) {
	case 'R':
		return "running";
	case 'S':
		return "sleeping";
	case 'D':
		return "disk sleep";
	case 'T':
		return "stopped";
	case 'Z':
		return "zombie";
	default:
		return "dead";
	}
}

static size_t write_status(pid_t pid, char *buffer, size_t size)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	if (!task)
		return 0;
	char letter = proc_state_letter(task);
	size_t threads = 1 + list_length(&task->group_leader->thread_group);
	struct mm_struct *mm = task_get_mm(task);
	size_t rss_kb = mm ? READ_ONCE(mm->resident_pages) * (PAGE_SIZE / 1024) : 0;
	size_t peak_kb = mm ? READ_ONCE(mm->peak_resident_pages) * (PAGE_SIZE / 1024) : 0;
	if (mm)
		mm_put(mm);
	struct process_credentials ids = {0};
	if (task->group)
		ids = task->group->credentials; /* user[0..2], group[0..2]; fs id = effective */
	struct signal_masks signals;
	signal_masks_of(task, &signals);
	size_t length = (size_t)snprintf(
		buffer, size,
		"Name:\t%s\nState:\t%c (%s)\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n"
		"Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nThreads:\t%lu\n"
		"VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nSigQ:\t%u/%u\nSigPnd:\t%016lx\nShdPnd:\t%016lx\n"
		"SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n"
		"voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		task->comm, letter, state_name(letter), task->tgid, task->pid,
		task->real_parent ? task->real_parent->tgid : 0, ids.user[0], ids.user[1],
		ids.user[2], ids.user[1], ids.group[0], ids.group[1], ids.group[2], ids.group[1],
		threads, peak_kb, rss_kb, signals.queued, SIGNAL_QUEUE_MAX, signals.pending,
		signals.shared_pending, signals.blocked, signals.ignored, signals.caught,
		task->se.nvcsw, task->se.nivcsw);
	put_task_struct(task);
	return MIN(length, size - 1);
}

/* /proc/slabinfo in Linux's version 2.1 layout (the tunables are always 0 here). */
static size_t slabinfo_show(char *buffer, size_t size)
{
	size_t length = (size_t)snprintf(
		buffer, size,
		"slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		"slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (size_t i = 0; i <= kmalloc_cache_count() && length < size; i++) {
		struct kmalloc_cache_stats stats;
		kmalloc_cache_stats(i, &stats);
		bool large = i == kmalloc_cache_count(); /* one or more whole pages each */
		size_t per_slab = large ? 1 : PAGE_SIZE / stats.object_size;
		size_t total = large ? stats.live_objects : stats.slabs * per_slab;
		if (large)
			stats.slabs = stats.live_objects;
		length += (size_t)snprintf(
			buffer + length, size - length,
			"%-17s %6lu %6lu %6lu %4lu %4d : tunables 0 0 0 : slabdata "
			"%6lu %6lu 0\n",
			stats.name, stats.live_objects, total, stats.object_size, per_slab, 1,
			stats.slabs, stats.slabs);
	}
	return MIN(length, size - 1);
}

static size_t write_content(const struct proc_node *node, char *buffer, size_t size)
{
	struct kernel_counters counters;
	uint64_t ns = clock_monotonic_ns();
	int length = 0;
	switch (node->kind) {
	case PROC_STATUS:
		return write_status(node->pid, buffer, size);
	case PROC_STAT:
		return proc_pid_stat(node->pid, buffer, size);
	case PROC_CMDLINE:
		return proc_pid_cmdline(node->pid, buffer, size);
	case PROC_MAPS:
		return proc_pid_maps(node->pid, buffer, size);
	case PROC_SCHED:
		return proc_pid_sched(node->pid, buffer, size);
	case PROC_SCHED_TRACE:
		return sched_trace_show(buffer, size);
	case PROC_MEMINFO:
		length = snprintf(buffer, size, "MemTotal:\t%8lu kB\nMemFree:\t%8lu kB\n",
				  pmm_usable_count() * 4, pmm_free_count() * 4);
		break;
	case PROC_UPTIME: {
		uint64_t idle = this_rq()->idle->se.sum_runtime_ns;
		length = snprintf(buffer, size, "%lu.%02lu %lu.%02lu\n", ns / NSEC_PER_SEC,
				  ns / 10000000 % 100, idle / NSEC_PER_SEC, idle / 10000000 % 100);
		break;
	}
	case PROC_LOADAVG: {
		unsigned long load[3];
		sched_load_average(load);
		length = snprintf(buffer, size, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%lu %d\n",
				  load[0] / 100, load[0] % 100, load[1] / 100, load[1] % 100,
				  load[2] / 100, load[2] % 100, READ_ONCE(this_rq()->nr_running),
				  task_count(), pid_last());
		break;
	}
	case PROC_SPINDLE:
		kernel_counters_read(&counters);
		length = snprintf(
			buffer, size,
			"free_frames %lu\nkmalloc_objects %lu\ntasks %lu\nkernel_stacks %lu\n"
			"inodes %lu\nopen_files %lu\naddress_spaces %lu\nfutex_waiters %lu\n"
			"pipes %lu\nipc_objects %lu\nsockets %lu\ncow_copies %lu\n",
			counters.free_frames, counters.kmalloc_objects, counters.tasks,
			counters.kernel_stacks, counters.inodes, counters.files,
			counters.address_spaces, counters.futex_waiters, counters.pipes,
			counters.ipc_objects, counters.sockets, mm_cow_copy_count());
		break;
	case PROC_SLABINFO:
		return slabinfo_show(buffer, size);
	case PROC_SYSVIPC_SHM:
		return shm_proc_show(buffer, size);
	case PROC_SYSVIPC_MSG:
		return msg_proc_show(buffer, size);
	case PROC_SYSVIPC_SEM:
		return sem_proc_show(buffer, size);
	default:
		break;
	}
	return (size_t)MIN(length, (int)size - 1);
}

/* The content is made once, at open, so one read sequence sees one consistent snapshot. */
struct proc_content {
	size_t length;
	char text[];
};

static int proc_open(struct inode *inode, struct file *file)
{
	enum proc_kind kind = node_of(inode)->kind;
	size_t size = kind >= PROC_SYSVIPC_SHM ? PROC_SYSVIPC_BUFFER : PROC_BUFFER;
	struct proc_content *content = kmalloc(sizeof(*content) + size);
	if (!content)
		return -ENOMEM;
	content->length = write_content(node_of(inode), content->text, size);
	file->private = content;
	return 0;
}

static void proc_file_release(struct file *file)
{
	kfree(file->private);
}

static ssize_t proc_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct proc_content *content = file->private;
	if (*offset < 0 || (size_t)*offset >= content->length)
		return 0;
	count = MIN(count, content->length - (size_t)*offset);
	if (io_copy_to_buffer(buffer, 0, content->text + *offset, count) != 0)
		return -EFAULT;
	*offset += (int64_t)count;
	return (ssize_t)count;
}

/* Only /proc/sched_trace takes writes: a short command (sched_trace_control). */
static ssize_t proc_write(struct file *file, struct io_buffer *buffer, size_t count,
			  int64_t *offset)
{
	char command[16];
	if (node_of(file->inode)->kind != PROC_SCHED_TRACE)
		return -EINVAL; /* as before writes existed: the other files are read-only */
	if (count > sizeof(command))
		return -EINVAL;
	if (io_copy_from_buffer(command, buffer, 0, count) != 0)
		return -EFAULT;
	int error = sched_trace_control(command, count);
	if (error)
		return error;
	*offset += (int64_t)count;
	return (ssize_t)count;
}

static int64_t proc_llseek(struct file *file, int64_t offset, int whence)
{
	if (whence != 0 /* SEEK_SET */ || offset < 0)
		return -EINVAL;
	file->offset = offset;
	return offset;
}

struct pid_listing {
	struct dir_context *context;
	int64_t index, fixed; /* processes come after the fixed entries */
	pid_t tgid;	      /* 0: every process; else every thread of this one */
};

static bool emit_process(struct task_struct *task, void *data)
{
	struct pid_listing *listing = data;
	char name[16];
	if (task->pid == 0 || task->exit_state == EXIT_DEAD ||
	    (listing->tgid ? task->tgid != listing->tgid : task->pid != task->tgid))
		return true;
	if (listing->index++ < listing->context->position - listing->fixed)
		return true;
	snprintf(name, sizeof(name), "%d", task->pid);
	if (!listing->context->emit(listing->context, name, 0x10000u + (unsigned)task->pid, DT_DIR))
		return false;
	listing->context->position++;
	return true;
}

static int proc_iterate(struct file *file, struct dir_context *context)
{
	static const struct {
		const char *name;
		unsigned type;
	} fixed[] = {{".", DT_DIR},	     {"..", DT_DIR},	   {"self", DT_LNK},
		     {"meminfo", DT_REG},    {"uptime", DT_REG},   {"loadavg", DT_REG},
		     {"spindle", DT_REG},    {"slabinfo", DT_REG}, {"sysvipc", DT_DIR},
		     {"sched_trace", DT_REG}};
	static const char *const sysvipc_files[] = {"shm", "msg", "sem"};
	struct proc_node *node = node_of(file->inode);
	size_t fixed_count = node->kind == PROC_ROOT ? ARRAY_SIZE(fixed) : 2;
	while ((size_t)context->position < fixed_count) {
		if (!context->emit(context, fixed[context->position].name, 1,
				   fixed[context->position].type))
			return 0;
		context->position++;
	}
	if (node->kind == PROC_SYSVIPC_DIR) {
		while (context->position >= 2 && context->position < 5 &&
		       context->emit(context, sysvipc_files[context->position - 2],
				     3 + (unsigned)context->position, DT_REG))
			context->position++;
		return 0;
	}
	if (node->kind == PROC_PID_DIR || node->kind == PROC_TID_DIR) {
		static const char *const pid_files[] = {"status", "stat",  "cmdline",
							"maps",	  "sched", "task"};
		int64_t end = node->kind == PROC_PID_DIR ? 8 : 4; /* a thread: status, stat */
		while (context->position >= 2 && context->position < end &&
		       context->emit(context, pid_files[context->position - 2],
				     2 + (unsigned)context->position,
				     context->position == 7 ? DT_DIR : DT_REG))
			context->position++;
		return 0;
	}
	struct pid_listing listing = {.context = context,
				      .fixed = (int64_t)fixed_count,
				      .tgid = node->kind == PROC_TASK_DIR ? node->pid : 0};
	for_each_task(emit_process, &listing);
	return 0;
}

static const struct file_operations proc_dir_ops = {.iterate = proc_iterate};
static const struct file_operations proc_file_ops = {
	.open = proc_open,
	.read = proc_read,
	.write = proc_write,
	.llseek = proc_llseek,
	.release = proc_file_release,
};

void procfs_init(void)
{
	struct inode *root = vfs_root();
	proc_root = proc_inode(PROC_ROOT, 0, S_IFDIR | 0555);
	if (!proc_root || root->ops->link(root, "proc", proc_root) != 0)
		printk(KERN_WARNING "procfs: cannot create /proc\n");
}
