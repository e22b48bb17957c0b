/*
 * The register half of getcontext, swapcontext and setcontext (man 3 getcontext; the C half
 * is ucontext/context.c, offsets in internal/ucontext.h).
 *
 * getcontext and swapcontext store what a callee must preserve under the SysV x86_64 ABI
 * (rbx, rbp, r12-r15, the x87 control word and MXCSR), plus rsp and rip as they will be
 * when the call has returned, and rax = 0 so that a resumed context sees its call return 0.
 * Then they tail-call C, which records the signal mask and, for swapcontext, enters the
 * other context; a C failure returns straight to the caller with -1.
 *
 * libc_context_jump loads a context and jumps to its rip through r11 (a scratch register),
 * so nothing is written to the target stack. It also loads the six argument registers:
 * makecontext puts the entry function's arguments there.
 */
#include "../../internal/ucontext.h"
#include "uapi/syscall.h"

	.text

/* Stores the caller's context in the ucontext at rdi; clobbers rax. */
.macro SAVE_CONTEXT
	movq	%rbx, UCONTEXT_RBX(%rdi)
	movq	%rbp, UCONTEXT_RBP(%rdi)
	movq	%r12, UCONTEXT_R12(%rdi)
	movq	%r13, UCONTEXT_R13(%rdi)
	movq	%r14, UCONTEXT_R14(%rdi)
	movq	%r15, UCONTEXT_R15(%rdi)
	leaq	8(%rsp), %rax			/* rsp after our ret */
	movq	%rax, UCONTEXT_RSP(%rdi)
	movq	(%rsp), %rax			/* our return address */
	movq	%rax, UCONTEXT_RIP(%rdi)
	movq	$0, UCONTEXT_RAX(%rdi)
	leaq	UCONTEXT_FPREGS(%rdi), %rax
	movq	%rax, UCONTEXT_FPSTATE(%rdi)
	fnstcw	FXSAVE_FCW(%rax)
	stmxcsr	FXSAVE_MXCSR(%rax)
.endm

/* int getcontext(ucontext_t *context) */
	.globl	getcontext
	.type	getcontext, @function
getcontext:
	.cfi_startproc
	testq	%rdi, %rdi
	jz	libc_context_null
	SAVE_CONTEXT
	jmp	libc_context_saved
	.cfi_endproc
	.size	getcontext, . - getcontext

/* int swapcontext(ucontext_t *from, const ucontext_t *to) */
	.globl	swapcontext
	.type	swapcontext, @function
swapcontext:
	.cfi_startproc
	testq	%rdi, %rdi
	jz	libc_context_null
	SAVE_CONTEXT
	jmp	libc_context_switch
	.cfi_endproc
	.size	swapcontext, . - swapcontext

/* _Noreturn void libc_context_jump(const ucontext_t *context) */
	.globl	libc_context_jump
	.type	libc_context_jump, @function
libc_context_jump:
	.cfi_startproc
	movq	UCONTEXT_FPSTATE(%rdi), %rax
	testq	%rax, %rax
	jz	1f
	fldcw	FXSAVE_FCW(%rax)
	ldmxcsr	FXSAVE_MXCSR(%rax)
1:	movq	UCONTEXT_RBX(%rdi), %rbx
	movq	UCONTEXT_RBP(%rdi), %rbp
	movq	UCONTEXT_R12(%rdi), %r12
	movq	UCONTEXT_R13(%rdi), %r13
	movq	UCONTEXT_R14(%rdi), %r14
	movq	UCONTEXT_R15(%rdi), %r15
	movq	UCONTEXT_RSP(%rdi), %rsp
	movq	UCONTEXT_RIP(%rdi), %r11
	movq	UCONTEXT_RAX(%rdi), %rax
	movq	UCONTEXT_RSI(%rdi), %rsi
	movq	UCONTEXT_RDX(%rdi), %rdx
	movq	UCONTEXT_RCX(%rdi), %rcx
	movq	UCONTEXT_R8(%rdi), %r8
	movq	UCONTEXT_R9(%rdi), %r9
	movq	UCONTEXT_RDI(%rdi), %rdi
	jmp	*%r11
	.cfi_endproc
	.size	libc_context_jump, . - libc_context_jump

/*
 * _Noreturn void libc_context_sigreturn(const ucontext_t *context): a context the kernel
 * wrote sits in a signal frame just above the restorer's return address, which is where
 * rt_sigreturn(2) looks for it (rsp at the ucontext).
 */
	.globl	libc_context_sigreturn
	.type	libc_context_sigreturn, @function
libc_context_sigreturn:
	movq	%rdi, %rsp
	movl	$SYS_rt_sigreturn, %eax
	syscall
	ud2
	.size	libc_context_sigreturn, . - libc_context_sigreturn

/*
 * The return address makecontext puts under the entry function's frame. rbx, which the
 * function had to preserve, holds uc_link. rsp is 16-byte aligned here: makecontext
 * placed this address 8 bytes below an aligned boundary. The CFI marks the end of the
 * call chain, so a debugger's backtrace of a coroutine stops here.
 */
	.type	libc_context_trampoline, @function
	.globl	libc_context_return
libc_context_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	nop		/* debuggers look up return address - 1: let it land in here */
libc_context_return:
	testq	%rbx, %rbx
	jz	1f
	movq	%rbx, %rdi
	call	setcontext
	call	abort			/* uc_link could not be resumed */
1:	xorl	%edi, %edi
	call	exit
	ud2
	.cfi_endproc
	.size	libc_context_trampoline, . - libc_context_trampoline

	.section .note.GNU-stack, "", @progbits
