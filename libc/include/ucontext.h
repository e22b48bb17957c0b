/*
 * User contexts (man 3 getcontext, man 3 makecontext; POSIX.1-2001 <ucontext.h>).
 * ucontext_t and mcontext_t are defined in <signal.h>, because a SA_SIGINFO handler gets
 * the same struct from the kernel.
 *
 * What a context holds: the callee-saved registers (rbx, rbp, r12-r15), rsp, rip, the x87
 * control word, MXCSR and the signal mask; setcontext() also loads the six argument
 * registers, which is how makecontext() passes arguments. Everything else is the caller's
 * to lose, as in any function call.
 *
 * The signal mask rule: libc remembers, per thread, the mask it last set or read. A switch
 * makes the rt_sigprocmask(2) system call only when the mask of the context being entered
 * differs from that one (or it is not known: after sigprocmask() changed the mask, or
 * inside a signal handler). Switching between contexts that share a mask is therefore a
 * plain function call. A mask changed with a raw syscall(SYS_rt_sigprocmask, ...) is not
 * seen.
 *
 * A context made by the kernel (the third argument of a SA_SIGINFO handler, uc_flags has
 * UC_SIGCONTEXT_SS) is restored by setcontext() through rt_sigreturn(2): every register,
 * the full floating-point state and the mask, as when the handler returns.
 *
 * uc_mcontext.fpstate points into the ucontext itself: a ucontext_t copied with `=` still
 * points at the original's uc_fpstate (as in glibc), so call getcontext() on the copy.
 */
#ifndef SPINDLE_LIBC_UCONTEXT_H
#define SPINDLE_LIBC_UCONTEXT_H

#include <signal.h>

/* Saves the calling context in context. Returns 0, or -1 with errno (EFAULT: context NULL). */
int getcontext(ucontext_t *context);

/*
 * Resumes context: it does not return on success. Returns -1 with errno: EINVAL if context
 * was never filled in (or makecontext() refused it), EFAULT if it is NULL, or the error of
 * rt_sigprocmask(2).
 */
int setcontext(const ucontext_t *context);

/*
 * Saves the calling context in from and resumes to; returns 0 when something resumes from
 * later, or -1 with errno as setcontext() (from is then saved but to not entered).
 */
int swapcontext(ucontext_t *from, const ucontext_t *to);

/*
 * Changes context, which getcontext() has filled in, so that resuming it calls
 * function(argument...) on the stack context->uc_stack with rsp + 8 16-byte aligned (the
 * SysV ABI's entry state). The argument_count arguments are read as long: ints, longs and
 * pointers all arrive intact; the first six travel in registers, the rest on the new stack.
 * When function returns, the thread resumes context->uc_link, or exits with status 0 if it
 * is NULL (exit(3), as glibc). With a NULL stack, a stack too small for the arguments
 * (under 64 bytes more than they need), a NULL function or a negative count, errno is set
 * to EINVAL and resuming the context fails with EINVAL.
 */
void makecontext(ucontext_t *context, void (*function)(), int argument_count, ...);

#endif
