/*
 * Inside the user-context code (ucontext/context.c, arch/x86_64/context.S): the byte offsets
 * of ucontext_t that the assembly uses, and the per-thread memory of the signal mask that
 * lets a switch skip rt_sigprocmask(2). The C side checks the offsets against <signal.h>
 * with _Static_assert, so the two cannot drift apart.
 */
#ifndef SPINDLE_LIBC_INTERNAL_UCONTEXT_H
#define SPINDLE_LIBC_INTERNAL_UCONTEXT_H

#define UCONTEXT_MCONTEXT 40 /* uc_mcontext: struct sigcontext */
#define UCONTEXT_R8	  (UCONTEXT_MCONTEXT + 0)
#define UCONTEXT_R9	  (UCONTEXT_MCONTEXT + 8)
#define UCONTEXT_R12	  (UCONTEXT_MCONTEXT + 32)
#define UCONTEXT_R13	  (UCONTEXT_MCONTEXT + 40)
#define UCONTEXT_R14	  (UCONTEXT_MCONTEXT + 48)
#define UCONTEXT_R15	  (UCONTEXT_MCONTEXT + 56)
#define UCONTEXT_RDI	  (UCONTEXT_MCONTEXT + 64)
#define UCONTEXT_RSI	  (UCONTEXT_MCONTEXT + 72)
#define UCONTEXT_RBP	  (UCONTEXT_MCONTEXT + 80)
#define UCONTEXT_RBX	  (UCONTEXT_MCONTEXT + 88)
#define UCONTEXT_RDX	  (UCONTEXT_MCONTEXT + 96)
#define UCONTEXT_RAX	  (UCONTEXT_MCONTEXT + 104)
#define UCONTEXT_RCX	  (UCONTEXT_MCONTEXT + 112)
#define UCONTEXT_RSP	  (UCONTEXT_MCONTEXT + 120)
#define UCONTEXT_RIP	  (UCONTEXT_MCONTEXT + 128)
#define UCONTEXT_FPSTATE  (UCONTEXT_MCONTEXT + 184) /* pointer to an FXSAVE-layout image */
#define UCONTEXT_FPREGS	  304			    /* uc_fpstate, getcontext's own image */
#define FXSAVE_FCW	  0			    /* x87 control word, 16 bits */
#define FXSAVE_MXCSR	  24			    /* SSE control and status, 32 bits */

#ifndef __ASSEMBLER__
#include <signal.h>
#include <stdbool.h>

/*
 * The calling thread's signal mask as libc last set or read it. Forgetting is always
 * safe (the next switch asks the kernel); remembering a wrong mask is not, so every path
 * that changes the mask behind libc's back must forget: sigprocmask() with a new set, and
 * signal handler entry and exit (signal/signal.c runs handlers through a dispatcher).
 */
void libc_signal_mask_forget(void);
void libc_signal_mask_remember(sigset_t mask);
/* Returns true and the mask if it is known. */
bool libc_signal_mask_recall(sigset_t *mask);

/* arch/x86_64/context.S: loads the registers of a getcontext()/makecontext() context. */
_Noreturn void libc_context_jump(const ucontext_t *context);
/* arch/x86_64/context.S: rt_sigreturn(2) with rsp at a kernel-made context. */
_Noreturn void libc_context_sigreturn(const ucontext_t *context);
/* arch/x86_64/context.S: where a makecontext() function returns to; rbx holds uc_link. */
void libc_context_return(void);
#endif

#endif
