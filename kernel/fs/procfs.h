/*
 * procfs internals shared by procfs.c (the tree, status, the global files) and
 * procfs_pid.c (/proc/<pid>/stat, cmdline and maps). Each writer fills buffer with the
 * file's whole text and returns its length.
 */
#ifndef SPINDLE_FS_PROCFS_H
#define SPINDLE_FS_PROCFS_H

#include "task.h"

char proc_state_letter(const struct task_struct *task);
size_t proc_pid_stat(pid_t pid, char *buffer, size_t size);
size_t proc_pid_cmdline(pid_t pid, char *buffer, size_t size);
size_t proc_pid_maps(pid_t pid, char *buffer, size_t size);
size_t proc_pid_sched(pid_t pid, char *buffer, size_t size);

#endif
