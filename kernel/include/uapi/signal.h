/*
 * Signal numbers of the Linux x86_64 ABI (man 7 signal; Linux's
 * arch/x86/include/uapi/asm/signal.h and include/uapi/asm-generic/signal-defs.h).
 * The numbers, flag values and the layouts the kernel and a handler exchange: struct
 * kernel_sigaction (rt_sigaction), siginfo_t, and the rt_sigframe pieces (sigcontext,
 * ucontext) of arch/x86/include/uapi/asm/sigcontext.h and asm/ucontext.h.
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_SIGNAL_H
#define SPINDLE_UAPI_SIGNAL_H

#include <stdint.h>

#define SIGHUP	  1
#define SIGINT	  2
#define SIGQUIT	  3
#define SIGILL	  4
#define SIGTRAP	  5
#define SIGABRT	  6
#define SIGIOT	  SIGABRT
#define SIGBUS	  7
#define SIGFPE	  8
#define SIGKILL	  9
#define SIGUSR1	  10
#define SIGSEGV	  11
#define SIGUSR2	  12
#define SIGPIPE	  13
#define SIGALRM	  14
#define SIGTERM	  15
#define SIGSTKFLT 16
#define SIGCHLD	  17
#define SIGCONT	  18
#define SIGSTOP	  19
#define SIGTSTP	  20
#define SIGTTIN	  21
#define SIGTTOU	  22
#define SIGURG	  23
#define SIGXCPU	  24
#define SIGXFSZ	  25
#define SIGVTALRM 26
#define SIGPROF	  27
#define SIGWINCH  28
#define SIGIO	  29
#define SIGPOLL	  SIGIO
#define SIGPWR	  30
#define SIGSYS	  31

/* Real-time signals, as the kernel numbers them (glibc reserves the first few). */
#define SIGNAL_RT_MIN 32
#define SIGNAL_RT_MAX 64
/* Signals are 1..SIGNAL_COUNT; a kernel sigset_t is one 64-bit word. */
#define SIGNAL_COUNT  64

/* rt_sigprocmask(2) how. */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags of rt_sigaction(2). */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* Handler values. */
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)
#define SIG_ERR ((void (*)(int)) - 1)

/* si_code values (include/uapi/asm-generic/siginfo.h). */
#define SI_USER	  0
#define SI_QUEUE  (-1)
#define SI_KERNEL 0x80
#define SI_TIMER  (-2)

/* struct sigevent (timer_create(2)): how a timer tells the process. 64 bytes. */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID 4
struct kernel_sigevent {
	uint64_t sigev_value;
	int32_t sigev_signo;
	int32_t sigev_notify;
	int32_t sigev_tid; /* SIGEV_THREAD_ID */
	int32_t pad[11];
};
#define SI_TKILL      (-6)
#define SEGV_MAPERR   1
#define SEGV_ACCERR   2
#define BUS_ADRERR    2
#define ILL_ILLOPN    2
#define FPE_INTDIV    1
#define TRAP_BRKPT    1
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* The struct rt_sigaction(2) takes on x86_64 (not glibc's struct sigaction). */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

/* siginfo_t: 128 bytes; the union starts at offset 16. */
struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
			int status;
			int pad1;
			long utime;
			long stime;
		} child; /* kill, tkill and SIGCHLD share pid and uid */
		struct {
			void *addr;
		} fault;
		struct {
			int32_t pid;
			uint32_t uid;
			uint64_t value; /* union sigval */
		} queued;		/* sigqueue (SI_QUEUE) */
		struct {
			int32_t id;	 /* the timer_t */
			int32_t overrun; /* expirations since the signal was queued */
			uint64_t value;	 /* sigev_value */
		} timer;		 /* POSIX timers (SI_TIMER) */
		uint8_t bytes[112];
	} fields;
};

/* stack_t of sigaltstack(2). */
struct signal_stack {
	void *ss_sp;
	int ss_flags;
	uint64_t ss_size;
};

#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

/* The saved registers of a signal frame, in Linux's order. */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the 512-byte FXSAVE image, or 0 */
	uint64_t reserved1[8];
};

struct kernel_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct signal_stack uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4

#endif
