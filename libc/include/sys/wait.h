/*
 * Waiting for children (man 2 wait, man 2 wait4, man 2 waitid). Options and the status
 * macros (WIFEXITED, WEXITSTATUS, ...) are from uapi/wait.h. wait and waitpid are wait4.
 */
#ifndef SPINDLE_LIBC_SYS_WAIT_H
#define SPINDLE_LIBC_SYS_WAIT_H

#include <sys/types.h>
#include <signal.h>
#include "uapi/resource.h"
#include "uapi/wait.h"

typedef enum {
	idtype_all = P_ALL,
	idtype_pid = P_PID,
	idtype_process_group = P_PGID,
	idtype_pidfd = P_PIDFD,
} idtype_t;

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);
/* Returns 0 and fills info (si_pid 0 if WNOHANG found nobody), or -1 and errno. */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);

#endif
