/*
 * Signal numbers of the Linux x86_64 ABI (man 7 signal; Linux's
 * arch/x86/include/uapi/asm/signal.h and include/uapi/asm-generic/signal-defs.h).
 * Only the numbers and flag values; sigaction layouts come with signal delivery.
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_SIGNAL_H
#define SPINDLE_UAPI_SIGNAL_H

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

#endif
