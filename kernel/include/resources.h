/*
 * A process's ids, resource limits and CPU time (kernel/syscall/resources.c).
 */
#ifndef SPINDLE_RESOURCES_H
#define SPINDLE_RESOURCES_H

#include "task.h"

/* A new process's ids and limits: a copy of its parent's (fork), or, for the first process
 * (parent NULL), root's ids and Linux's default limits. */
void resources_init(struct thread_group *group, const struct thread_group *parent);
/* The caller's RLIMIT_NOFILE as a descriptor bound: fds must stay below it. */
int resources_fd_limit(void);
/* All CPU time of leader's process: its threads alive and gone. Caller holds
 * tasklist_lock. */
void resources_cpu_times_locked(struct task_struct *leader, uint64_t *utime_ns, uint64_t *stime_ns);

#endif
