/*
 * Signals (man 7 signal, man 2 sigaction, man 2 sigprocmask, man 2 kill, man 3 raise,
 * man 3 sigsetops, man 2 sigsuspend, man 2 pause). sigset_t is the kernel's 64-bit set, so
 * sigaction() passes it straight through; every handler returns through
 * libc_signal_restorer (arch/x86_64/sigreturn.S), which calls rt_sigreturn(2).
 */
#ifndef SPINDLE_LIBC_SIGNAL_H
#define SPINDLE_LIBC_SIGNAL_H

#include <sys/types.h>
#include "uapi/signal.h"

#define NSIG (SIGNAL_COUNT + 1)

typedef int sig_atomic_t;

/* The value sigqueue() sends along. */
union sigval {
	int sival_int;
	void *sival_ptr;
};

/* Linux x86_64 siginfo, 128 bytes: the sender (kill), the child (SIGCHLD, waitid) or the
 * faulting address (SIGSEGV, SIGBUS, SIGFPE, SIGILL) at offset 16. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int si_pad0;
	union {
		struct {
			pid_t pid;  /* offset 16 */
			uid_t uid;  /* offset 20 */
			int status; /* offset 24: exit code or signal */
			int pad1;
			clock_t utime;
			clock_t stime;
		} child;
		void *address;
		struct {
			pid_t pid;
			uid_t uid;
			union sigval value; /* offset 24 */
		} queued;
		char reserved[128 - 16];
	} si_fields;
} siginfo_t;

#define si_pid	  si_fields.child.pid
#define si_uid	  si_fields.child.uid
#define si_status si_fields.child.status
#define si_utime  si_fields.child.utime
#define si_stime  si_fields.child.stime
#define si_addr	  si_fields.address
#define si_value  si_fields.queued.value

_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t must match Linux x86_64");

/* si_code values for SIGCHLD. */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* The kernel's set: bit n-1 for signal n. */
typedef uint64_t sigset_t;

typedef void (*sighandler_t)(int);

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

/* sigaltstack(2): ss_sp, ss_flags (SS_ONSTACK, SS_DISABLE), ss_size. */
typedef struct signal_stack stack_t;

/* The saved registers, in the order of Linux's struct sigcontext (uapi/signal.h). */
typedef struct sigcontext mcontext_t;

/*
 * A user context: the third argument of a SA_SIGINFO handler, and what getcontext() saves
 * (<ucontext.h>). The first 304 bytes are Linux's struct ucontext exactly as the kernel
 * writes it in a signal frame (uapi/signal.h, struct kernel_ucontext); glibc's ucontext_t
 * agrees with it up to uc_sigmask, which is 8 bytes here (the kernel's set) and 128 in
 * glibc. getcontext() adds uc_fpstate: uc_mcontext.fpstate points at it and holds the x87
 * control word (offset 0) and MXCSR (offset 24) in FXSAVE layout. In a signal frame,
 * fpstate points at the kernel's full FXSAVE image instead, and the bytes after
 * uc_sigmask belong to the frame, not to this struct.
 */
typedef struct ucontext {
	unsigned long uc_flags; /* UC_SIGCONTEXT_SS from the kernel, 0 from getcontext */
	struct ucontext *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
	unsigned char uc_fpstate[512] __attribute__((aligned(16)));
} ucontext_t;

_Static_assert(__builtin_offsetof(ucontext_t, uc_mcontext) ==
		       __builtin_offsetof(struct kernel_ucontext, uc_mcontext),
	       "ucontext_t must match the kernel's signal frame");
_Static_assert(__builtin_offsetof(ucontext_t, uc_sigmask) ==
		       __builtin_offsetof(struct kernel_ucontext, uc_sigmask),
	       "ucontext_t must match the kernel's signal frame");
_Static_assert(__builtin_offsetof(ucontext_t, uc_fpstate) == sizeof(struct kernel_ucontext),
	       "uc_fpstate follows the kernel's part");

int sigaltstack(const stack_t *stack, stack_t *old);
int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old);
sighandler_t signal(int signal_number, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int pause(void);
/* Take a signal of set without running its handler (block it first). sigwait returns 0 or
 * an error number; the others the signal, or -1 with errno (EAGAIN: timeout; EINTR). */
struct timespec;
int sigwait(const sigset_t *set, int *signal_number);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int signal_number);
int sigdelset(sigset_t *set, int signal_number);
int sigismember(const sigset_t *set, int signal_number);

int kill(pid_t pid, int signal_number);
/* Send signal_number with a value the handler finds in si_value (si_code SI_QUEUE). */
int sigqueue(pid_t pid, int signal_number, union sigval value);
/* Sends signal_number to the calling thread (tgkill). */
int raise(int signal_number);

#endif
