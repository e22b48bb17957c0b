/*
 * Leak accounting (include/leakcheck.h).
 */
#include "leakcheck.h"
#include "futex.h"
#include "kmalloc.h"
#include "mm.h"
#include "pipe.h"
#include "sysvipc.h"
#include "vfs.h"
#include "pmm.h"
#include "printk.h"
#include "task.h"
#include "vfs.h"

static struct kernel_counters baseline;
static bool have_baseline;

void kernel_counters_read(struct kernel_counters *counters)
{
	counters->free_frames = pmm_free_count();
	counters->kmalloc_objects = kmalloc_live_objects();
	counters->tasks = task_count();
	counters->kernel_stacks = kstack_count();
	counters->inodes = inode_count();
	counters->files = file_count();
	counters->address_spaces = mm_count();
	counters->futex_waiters = futex_waiter_count();
	counters->pipes = pipe_count();
	counters->ipc_objects = ipc_object_count();
	counters->sockets = socket_count();
}

void leakcheck_baseline(void)
{
	kernel_counters_read(&baseline);
	have_baseline = true;
}

static bool compare(const char *name, size_t before, size_t after)
{
	if (before == after)
		return true;
	printk(KERN_ERR "leak check: %s %lu at start, %lu now\n", name, before, after);
	return false;
}

bool leakcheck_report(void)
{
	struct kernel_counters now;
	if (!have_baseline)
		return true;
	kernel_counters_read(&now);
	bool clean = compare("free frames", baseline.free_frames, now.free_frames);
	clean &= compare("kmalloc objects", baseline.kmalloc_objects, now.kmalloc_objects);
	clean &= compare("tasks", baseline.tasks, now.tasks);
	clean &= compare("kernel stacks", baseline.kernel_stacks, now.kernel_stacks);
	clean &= compare("inodes", baseline.inodes, now.inodes);
	clean &= compare("open files", baseline.files, now.files);
	clean &= compare("address spaces", baseline.address_spaces, now.address_spaces);
	clean &= compare("futex waiters", baseline.futex_waiters, now.futex_waiters);
	clean &= compare("pipes", baseline.pipes, now.pipes);
	clean &= compare("System V IPC objects", baseline.ipc_objects, now.ipc_objects);
	clean &= compare("sockets", baseline.sockets, now.sockets);
	if (clean)
		printk("leak check: no leaks (%lu free frames, %lu kmalloc objects, %lu tasks, "
		       "%lu inodes, %lu open files)\n",
		       now.free_frames, now.kmalloc_objects, now.tasks, now.inodes, now.files);
	return clean;
}
