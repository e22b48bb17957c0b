/*
 * User contexts, the C half (man 3 getcontext, man 3 makecontext, man 2 rt_sigprocmask);
 * the register half is arch/x86_64/context.S, the rules are in <ucontext.h>.
 *
 * The signal mask: each thread remembers the mask libc last set or read (thread_mask). A
 * switch compares the entered context's mask with it and calls rt_sigprocmask only when
 * they differ or it is forgotten, so coroutines that share a mask switch with no system
 * call at all. sigprocmask() and the signal-handler dispatcher forget it (signal/signal.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>
#include "internal/syscall.h"
#include "internal/ucontext.h"

#define KERNEL_SIGSET_SIZE 8
/* The kernel silently keeps these two unblocked. */
#define UNBLOCKABLE	   ((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)))
/* makecontext's minimum stack besides stacked arguments: return address and alignment. */
#define MINIMUM_STACK	   64

_Static_assert(offsetof(ucontext_t, uc_mcontext) == UCONTEXT_MCONTEXT, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.r8) == UCONTEXT_R8, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.r9) == UCONTEXT_R9, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.r12) == UCONTEXT_R12, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.r15) == UCONTEXT_R15, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rdi) == UCONTEXT_RDI, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rbp) == UCONTEXT_RBP, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rbx) == UCONTEXT_RBX, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rax) == UCONTEXT_RAX, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rcx) == UCONTEXT_RCX, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rsp) == UCONTEXT_RSP, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.rip) == UCONTEXT_RIP, "offsets");
_Static_assert(offsetof(ucontext_t, uc_mcontext.fpstate) == UCONTEXT_FPSTATE, "offsets");
_Static_assert(offsetof(ucontext_t, uc_fpstate) == UCONTEXT_FPREGS, "offsets");

static __thread struct {
	bool is_known;
	sigset_t mask;
} thread_mask;

void libc_signal_mask_forget(void)
{
	thread_mask.is_known = false;
}

void libc_signal_mask_remember(sigset_t mask)
{
	thread_mask.mask = mask & ~UNBLOCKABLE;
	thread_mask.is_known = true;
}

bool libc_signal_mask_recall(sigset_t *mask)
{
	*mask = thread_mask.mask;
	return thread_mask.is_known;
}

/* The calling thread's mask: remembered, or asked of the kernel. Returns 0 or -1. */
static int current_mask(sigset_t *mask)
{
	if (libc_signal_mask_recall(mask))
		return 0;
	if (syscall_result(
		    SYSCALL4(SYS_rt_sigprocmask, SIG_BLOCK, NULL, mask, KERNEL_SIGSET_SIZE)) != 0)
		return -1;
	libc_signal_mask_remember(*mask);
	return 0;
}

/* Makes wanted the thread's mask, with a system call only if it is not already. */
static int install_mask(sigset_t wanted)
{
	sigset_t current;
	wanted &= ~UNBLOCKABLE;
	if (libc_signal_mask_recall(&current) && current == wanted)
		return 0;
	if (syscall_result(SYSCALL4(SYS_rt_sigprocmask, SIG_SETMASK, &wanted, NULL,
				    KERNEL_SIGSET_SIZE)) != 0)
		return -1;
	libc_signal_mask_remember(wanted);
	return 0;
}

/* getcontext and swapcontext with a NULL context (context.S). */
int libc_context_null(void)
{
	errno = EFAULT;
	return -1;
}

/* getcontext, after context.S stored the registers. Returns 0 or -1. */
int libc_context_saved(ucontext_t *context)
{
	context->uc_flags = 0;
	return current_mask(&context->uc_sigmask);
}

int setcontext(const ucontext_t *context)
{
	if (!context) {
		errno = EFAULT;
		return -1;
	}
	if (context->uc_flags & UC_SIGCONTEXT_SS) {
		libc_signal_mask_forget(); /* rt_sigreturn installs uc_sigmask */
		libc_context_sigreturn(context);
	}
	if (!context->uc_mcontext.rip) {
		errno = EINVAL;
		return -1;
	}
	if (install_mask(context->uc_sigmask) != 0)
		return -1;
	libc_context_jump(context);
}

/* swapcontext, after context.S stored the registers in from. Returns -1 or not at all. */
int libc_context_switch(ucontext_t *from, const ucontext_t *to)
{
	if (libc_context_saved(from) != 0)
		return -1;
	return setcontext(to);
}

void makecontext(ucontext_t *context, void (*function)(), int argument_count, ...)
{
	if (!context) {
		errno = EINVAL;
		return;
	}
	size_t stacked = argument_count > 6 ? (size_t)argument_count - 6 : 0;
	uintptr_t bottom = (uintptr_t)context->uc_stack.ss_sp;
	size_t size = context->uc_stack.ss_size;
	if (!function || argument_count < 0 || !bottom || size < MINIMUM_STACK ||
	    (size - MINIMUM_STACK) / 8 < stacked) {
		context->uc_mcontext.rip = 0;
		errno = EINVAL;
		return;
	}
	/* Stacked arguments start on a 16-byte boundary, the return address just below. */
	uint64_t *arguments = (uint64_t *)(((bottom + size) & ~(uintptr_t)15) - stacked * 8);
	arguments = (uint64_t *)((uintptr_t)arguments & ~(uintptr_t)15);
	uint64_t *sp = arguments - 1;
	*sp = (uint64_t)libc_context_return;

	struct sigcontext *registers = &context->uc_mcontext;
	uint64_t *in_registers[6] = {&registers->rdi, &registers->rsi, &registers->rdx,
				     &registers->rcx, &registers->r8,  &registers->r9};
	va_list list;
	va_start(list, argument_count);
	for (int i = 0; i < argument_count; i++) {
		uint64_t value = (uint64_t)va_arg(list, long);
		if (i < 6)
			*in_registers[i] = value;
		else
			arguments[i - 6] = value;
	}
	va_end(list);
	registers->rsp = (uint64_t)sp;
	registers->rip = (uint64_t)function;
	registers->rbx = (uint64_t)context->uc_link;
	registers->rbp = 0; /* the end of the frame-pointer chain */
	registers->rax = 0;
}
