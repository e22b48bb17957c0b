/*
 * Job control (kernel/proc/job_control.c): process groups and sessions as the terminal and
 * exit see them. docs/signals.md ("Job control") tells the story.
 * Lock: *_locked functions are called with tasklist_lock held.
 */
#ifndef SPINDLE_JOB_CONTROL_H
#define SPINDLE_JOB_CONTROL_H

#include "task.h"

/* No live member of pgid has a parent in another group of the same session (POSIX; init
 * does not count, nor `leaving`, a process on its way out; NULL for none). The terminal's
 * stop signals do not stop such a group (signal(7)). */
bool job_control_group_orphaned_locked(pid_t pgid, const struct task_struct *leaving);
bool process_group_orphaned(pid_t pgid);
/* A live process is in group pgid (and in session sid, unless sid is 0). */
bool job_control_group_exists_locked(pid_t pgid, pid_t sid);
/* Send `signal` from the kernel (SI_KERNEL) to every process of group pgid; returns how
 * many it reached. The unlocked one may be called from an interrupt handler. */
int job_control_signal_group_locked(pid_t pgid, int signal);
int job_control_signal_group(pid_t pgid, int signal);
/* The last thread of leader's process is exiting (do_exit, before its children are handed
 * to init): SIGHUP + SIGCONT to each process group this orphans that has a stopped
 * member; if it leads a session, SIGHUP to its terminal's foreground group. */
void job_control_process_exit_locked(struct task_struct *leader);

#endif
