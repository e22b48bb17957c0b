/*
 * Process ids (kernel/proc/pid_allocator.c, kernel/proc/pid.c).
 *
 * Ids are handed out cyclically, as Linux does: each new id is the next free one after the
 * last id given, so a just-freed id is not reused at once (a parent that still remembers a
 * dead child's pid will not find a stranger there soon). Past pid_max the search wraps to
 * PID_WRAP_START, skipping the low ids that boot-time tasks keep. Id 0 is the idle task and
 * is never allocated.
 */
#ifndef SPINDLE_PID_H
#define SPINDLE_PID_H

#include "types.h"

typedef int pid_t;

#define PID_MAX_DEFAULT 32768 /* Linux's default /proc/sys/kernel/pid_max */
#define PID_MAX_LIMIT	32768
#define PID_WRAP_START	300 /* Linux's RESERVED_PIDS */

/* The pure allocator: a bitmap of ids in use. No locking (pid.c holds the pid lock). */
struct pid_allocator {
	uint64_t *bitmap; /* pid_max bits */
	pid_t pid_max;	  /* ids are 1 .. pid_max - 1 */
	pid_t last;	  /* the id handed out last */
	pid_t wrap_start; /* where the search restarts after reaching pid_max */
	size_t in_use;
};

void pid_allocator_init(struct pid_allocator *allocator, uint64_t *bitmap, pid_t pid_max,
			pid_t wrap_start);
/* The next free id after `last`, or -EAGAIN when every id is taken. */
pid_t pid_allocator_alloc(struct pid_allocator *allocator);
/* Returns 0, or -EINVAL for an id that is not allocated. */
int pid_allocator_free(struct pid_allocator *allocator, pid_t pid);
bool pid_allocator_is_used(const struct pid_allocator *allocator, pid_t pid);

struct task_struct;

/* Kernel-wide ids, with the pid lock held inside. */
void pid_init(void);
pid_t pid_alloc(void);
/* The pid most recently handed out (the last field of /proc/loadavg). */
pid_t pid_last(void);
void pid_free(pid_t pid);
/* Make `task` findable by its pid / no longer findable. */
void pid_attach(struct task_struct *task);
void pid_detach(struct task_struct *task);
/* The task with this pid, with a reference the caller must put_task_struct(); or NULL. */
struct task_struct *find_get_task_by_pid(pid_t pid);
/* For tests: change pid_max (ids already in use must lie below it). Returns 0 or -EINVAL. */
int pid_set_max(pid_t pid_max);
pid_t pid_get_max(void);

#endif
