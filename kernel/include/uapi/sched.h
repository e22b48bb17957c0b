/*
 * Scheduling policies and clone(2) flags, with Linux's values (sched(7), clone(2),
 * include/uapi/linux/sched.h).
 * Shared with libc/.
 */
#ifndef SPINDLE_UAPI_SCHED_H
#define SPINDLE_UAPI_SCHED_H

#define SCHED_NORMAL	    0
#define SCHED_FIFO	    1
#define SCHED_RR	    2
#define SCHED_BATCH	    3
#define SCHED_IDLE	    5
/* Or'ed into the policy of sched_setscheduler(2): children start as SCHED_NORMAL, nice >= 0. */
#define SCHED_RESET_ON_FORK 0x40000000

/* sched_setscheduler(2), sched_getparam(2). */
struct sched_param {
	int sched_priority;
};

/* clone(2) flags; the low byte (CSIGNAL) is the signal sent to the parent at exit. */
#define CSIGNAL		     0x000000ff
#define CLONE_VM	     0x00000100 /* share the address space */
#define CLONE_FS	     0x00000200 /* share root, working directory, umask */
#define CLONE_FILES	     0x00000400 /* share the file-descriptor table */
#define CLONE_SIGHAND	     0x00000800 /* share signal handlers */
#define CLONE_PIDFD	     0x00001000
#define CLONE_PTRACE	     0x00002000
#define CLONE_VFORK	     0x00004000 /* the parent sleeps until the child execs or exits */
#define CLONE_PARENT	     0x00008000 /* the child's parent is the caller's parent */
#define CLONE_THREAD	     0x00010000 /* same thread group: a thread, not a process */
#define CLONE_NEWNS	     0x00020000
#define CLONE_SYSVSEM	     0x00040000 /* share System V semaphore undo lists */
#define CLONE_SETTLS	     0x00080000 /* set the FS base (TLS) to the tls argument */
#define CLONE_PARENT_SETTID  0x00100000 /* write the child's tid into the parent's memory */
#define CLONE_CHILD_CLEARTID 0x00200000 /* at exit, zero the word and wake its futex */
#define CLONE_DETACHED	     0x00400000 /* ignored, as on Linux */
#define CLONE_UNTRACED	     0x00800000
#define CLONE_CHILD_SETTID   0x01000000 /* write the child's tid into the child's memory */
#define CLONE_NEWCGROUP	     0x02000000
#define CLONE_NEWUTS	     0x04000000
#define CLONE_NEWIPC	     0x08000000
#define CLONE_NEWUSER	     0x10000000
#define CLONE_NEWPID	     0x20000000
#define CLONE_NEWNET	     0x40000000
#define CLONE_IO	     0x80000000

#endif
