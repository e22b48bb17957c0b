/*
 * Nice values (man 2 setpriority, man 2 getpriority) and struct rusage (uapi/resource.h).
 * getpriority returns the nice value itself (-20..19): the system call returns 20 - nice,
 * which is never negative and so never mistaken for an error; the wrapper converts it.
 * Since -1 is a valid nice value, clear errno before calling to detect errors.
 */
#ifndef SPINDLE_LIBC_SYS_RESOURCE_H
#define SPINDLE_LIBC_SYS_RESOURCE_H

#include <sys/types.h>
#include "uapi/resource.h"

#define PRIO_PROCESS 0 /* who is a thread id (0: the caller) */
#define PRIO_PGRP    1 /* who is a process group (0: the caller's) */
#define PRIO_USER    2 /* who is a user id (0: root, which every process is in Spindle) */

#define PRIO_MIN (-20)
#define PRIO_MAX 20

int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int nice);

/* Resource limits (man 2 getrlimit) and usage (man 2 getrusage); the limits and the
 * structs are uapi/resource.h's. */
typedef uint64_t rlim_t;
int getrlimit(int resource, struct rlimit *limit);
int setrlimit(int resource, const struct rlimit *limit);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);
int getrusage(int who, struct rusage *usage);

#endif
