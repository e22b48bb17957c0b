/*
 * The system-call entry: user code executes `syscall` (Intel SDM Vol. 2B, SYSCALL; the
 * Linux x86_64 convention: rax = number, arguments rdi rsi rdx r10 r8 r9, result in rax).
 *
 * The CPU has only loaded CS/SS from STAR, put the user rip in rcx and rflags in r11, and
 * cleared the flags in SFMASK (interrupts are off). It has NOT switched stacks, so:
 *  1. swapgs: GS now points at this CPU's struct cpu_local;
 *  2. park the user rsp in cpu_local, load the task's kernel stack top;
 *  3. push a struct trap_frame exactly like an interrupt would (so signals, fork and
 *     ptrace-like code see one format), with vector = SYSCALL_VECTOR;
 *  4. interrupts back on, call syscall_dispatch(frame);
 *  5. return with sysretq when the saved state allows it, else through iretq.
 * sysretq is only safe when rcx (the return rip) is canonical: on Intel CPUs a
 * non-canonical rcx makes sysretq fault in ring 0 on the user's stack. So the fast path
 * checks, and anything unusual (a non-canonical rip, changed selectors) goes through iretq,
 * where trap_return refuses a non-canonical rip before it can fault in ring 0.
 */
#include "arch/gdt.h"
#include "percpu.h"

#define SYSCALL_VECTOR 256

	.text
	.global syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:PERCPU_USER_RSP
	movq %gs:PERCPU_KERNEL_STACK_TOP, %rsp
	pushq $USER_DS				/* ss */
	pushq %gs:PERCPU_USER_RSP		/* rsp */
	pushq %r11				/* rflags */
	pushq $USER_CS				/* cs */
	pushq %rcx				/* rip */
	pushq $0				/* error code */
	pushq $SYSCALL_VECTOR
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	xorl %ebp, %ebp				/* user rbp means nothing to kernel backtraces */
	sti
	movq %rsp, %rdi
	call syscall_dispatch
	cli
	/* Fast path only if the frame still describes a plain return to 64-bit user code. */
	movq 136(%rsp), %rcx			/* rip */
	movq %rcx, %r11
	sarq $47, %r11
	jnz slow_return				/* rip not a canonical user address */
	cmpq $SYSCALL_VECTOR, 120(%rsp)
	jne slow_return				/* rt_sigreturn: rcx and r11 must survive */
	cmpq $USER_CS, 144(%rsp)
	jne slow_return
	cmpq $USER_DS, 168(%rsp)
	jne slow_return
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11				/* ignored: sysret takes rflags from r11 below */
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx				/* ignored: rcx = rip below */
	popq %rbx
	popq %rax
	addq $16, %rsp				/* vector, error code */
	popq %rcx				/* rip */
	addq $8, %rsp				/* cs */
	popq %r11				/* rflags */
	andq $~0x100, %r11			/* never return with the trap flag set by sysret */
	orq $0x200, %r11			/* interrupts on in user mode */
	popq %rsp				/* user rsp; ss is implied by sysret */
	swapgs
	sysretq

slow_return:
	jmp trap_return				/* iretq path of isr.S; it swaps GS back */
