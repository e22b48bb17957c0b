/*
 * wait options and the wait-status encoding of the Linux x86_64 ABI (man 2 wait4,
 * man 2 waitpid, man 2 waitid; Linux's include/uapi/linux/wait.h, and the status word that
 * kernel/exit.c builds). The kernel builds a status with the WSTATUS_* encoders; libc and
 * programs decode it with WIFEXITED() and friends. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_WAIT_H
#define SPINDLE_UAPI_WAIT_H

/* Options for wait4(2) and waitid(2). */
#define WNOHANG	     0x00000001
#define WUNTRACED    0x00000002
#define WSTOPPED     WUNTRACED
#define WEXITED	     0x00000004
#define WCONTINUED   0x00000008
#define WNOWAIT	     0x01000000
/* Linux's __WNOTHREAD: only children of the calling thread, not of its thread group. */
#define WNOTHREAD    0x20000000
/* Linux's __WALL: children of any kind, whatever signal they report their exit with. */
#define WALL_THREADS 0x40000000
/* Linux's __WCLONE: only "clone" children, which do not report exit with SIGCHLD. */
#define WCLONE_ONLY  0x80000000

/* waitid(2) idtype. */
#define P_ALL	0
#define P_PID	1
#define P_PGID	2
#define P_PIDFD 3

/*
 * The status word. Bits 0..6: the terminating signal, or 0x7f for "stopped"; bit 7: core
 * dumped; bits 8..15: the exit code, or the stop signal. 0xffff means "continued".
 */
#define WSTATUS_EXITED(code)	 (((code)&0xff) << 8)
#define WSTATUS_SIGNALED(signal) ((signal)&0x7f)
#define WSTATUS_COREDUMP	 0x80
#define WSTATUS_STOPPED(signal)	 ((((signal)&0xff) << 8) | 0x7f)
#define WSTATUS_CONTINUED	 0xffff

#define WEXITSTATUS(status)  (((status)&0xff00) >> 8)
#define WTERMSIG(status)     ((status)&0x7f)
#define WSTOPSIG(status)     WEXITSTATUS(status)
#define WIFEXITED(status)    (WTERMSIG(status) == 0)
#define WIFSIGNALED(status)  (WTERMSIG(status) != 0 && WTERMSIG(status) != 0x7f)
#define WIFSTOPPED(status)   (((status)&0xff) == 0x7f)
#define WIFCONTINUED(status) ((status) == 0xffff)
#define WCOREDUMP(status)    ((status)&WSTATUS_COREDUMP)

#endif
