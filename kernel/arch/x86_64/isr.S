/*
 * Interrupt and exception entry stubs, one per vector (Intel SDM Vol. 3A 6.14).
 *
 * The CPU pushes SS, RSP, RFLAGS, CS, RIP and, for some exceptions, an error code. Each stub
 * pushes a dummy error code when the CPU did not, then its vector number, then jumps to
 * trap_common, which saves the general registers to complete a struct trap_frame
 * (include/arch/trap.h), switches GS to the kernel's when the trap came from ring 3, and
 * calls trap_dispatch(frame). The same path returns with iretq.
 */
#include "arch/gdt.h"

#define FRAME_RIP_OFFSET 136	/* offsetof(struct trap_frame, rip) */
#define FRAME_CS_OFFSET 144	/* offsetof(struct trap_frame, cs) */

/* Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
			   (v) == 29 || (v) == 30)

	.text
	.align 16
trap_common:
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
	testb $3, FRAME_CS_OFFSET(%rsp)
	jz 1f
	swapgs
1:	cld
	/* An interrupt may arrive inside a user copy (EFLAGS.AC set by stac): the handler
	 * must run with SMAP enforced again. The saved RFLAGS keeps AC for the return. */
	testb $1, uaccess_smap(%rip)
	jz 3f
	clac
3:	movq %rsp, %rdi
	call trap_dispatch
	.global trap_return
trap_return:
	testb $3, FRAME_CS_OFFSET(%rsp)
	jz 2f
	/* iretq to a non-canonical rip would fault in ring 0 after swapgs, with the user's GS:
	 * refuse such a return here, while the kernel's GS is still loaded. */
	movq FRAME_RIP_OFFSET(%rsp), %rax
	sarq $47, %rax
	jz 4f
	movq %rsp, %rdi
	call bad_user_return		/* ends the process; does not return */
4:	swapgs
2:	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp			/* vector and error code */
	iretq

	/* The stubs, 16-byte aligned; isr_stub_table lists their addresses for idt.c. */
	.macro isr_stub vector
	.align 16
isr_stub_\vector:
	.if !HAS_ERROR_CODE(\vector)
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
	.endm

	.macro isr_table_entry vector
	.quad isr_stub_\vector
	.endm

	.altmacro
	.set vector, 0
	.rept 256
	isr_stub %vector
	.set vector, vector + 1
	.endr

	.section .rodata
	.align 8
	.global isr_stub_table
isr_stub_table:
	.set vector, 0
	.rept 256
	isr_table_entry %vector
	.set vector, vector + 1
	.endr
