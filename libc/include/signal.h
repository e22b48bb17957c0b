/*
 * Signals, minimal (man 2 kill, man 3 raise, man 7 signal): the numbers (uapi/signal.h),
 * kill and raise. There is no signal handling yet: signal(), sigaction() and the sigset
 * functions are missing. siginfo_t is here for waitid(2), with the SIGCHLD fields only.
 */
#ifndef SPINDLE_LIBC_SIGNAL_H
#define SPINDLE_LIBC_SIGNAL_H

#include <sys/types.h>
#include "uapi/signal.h"

#define NSIG (SIGNAL_COUNT + 1)

typedef int sig_atomic_t;

/* Linux x86_64 siginfo, 128 bytes; the fields waitid(2) fills in. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int si_pad0;
	pid_t si_pid;  /* offset 16 */
	uid_t si_uid;  /* offset 20 */
	int si_status; /* offset 24: exit code or signal */
	int si_pad1;
	clock_t si_utime;
	clock_t si_stime;
	char si_reserved[128 - 48];
} siginfo_t;

_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t must match Linux x86_64");

/* si_code values for SIGCHLD. */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

int kill(pid_t pid, int signal_number);
/* Sends signal_number to the calling thread (tgkill). */
int raise(int signal_number);

#endif
