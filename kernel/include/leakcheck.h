/*
 * Leak accounting (kernel/lib/leakcheck.c): a snapshot of every kernel object counter --
 * free frames, live kmalloc objects, tasks, kernel stacks, inodes, open files, address
 * spaces, futex waiters -- taken before the first user program starts and compared when
 * init (pid 1) exits. Equal counters mean every exit freed everything.
 */
#ifndef SPINDLE_LEAKCHECK_H
#define SPINDLE_LEAKCHECK_H

#include "types.h"

struct kernel_counters {
	size_t free_frames, kmalloc_objects, tasks, kernel_stacks, inodes, files, address_spaces,
		futex_waiters, pipes, ipc_objects, sockets;
};

void kernel_counters_read(struct kernel_counters *counters);
/* Remember the current counters as the baseline. */
void leakcheck_baseline(void);
/* Compare with the baseline and print the result. Returns true when nothing leaked. */
bool leakcheck_report(void);

#endif
