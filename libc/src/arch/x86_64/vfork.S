/*
 * vfork (man 2 vfork). The child runs on the parent's stack until it calls execve or _exit,
 * so this wrapper must not keep anything on the stack across the system call: the child
 * could overwrite it before the parent resumes. The return address is popped into rdx,
 * which the kernel preserves, and pushed back after; the child pushes the same value into
 * the same slot, so the parent's return path is intact.
 * Returns the child's pid in the parent, 0 in the child, or -1 with errno.
 */
#include "uapi/syscall.h"

	.text
	.globl	vfork
	.type	vfork, @function
vfork:
	popq	%rdx
	movl	$SYS_vfork, %eax
	syscall
	pushq	%rdx
	cmpq	$-4095, %rax
	jae	1f
	ret
1:	movq	%rax, %rdi
	jmp	libc_syscall_fail
	.size	vfork, . - vfork

	.section .note.GNU-stack, "", @progbits
