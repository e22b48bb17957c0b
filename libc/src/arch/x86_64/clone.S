/*
 * clone with glibc's signature (man 2 clone):
 *
 *     int clone(int (*fn)(void *), void *stack, int flags, void *arg,
 *               ... pid_t *parent_tid, void *tls, pid_t *child_tid);
 *
 * The C arguments arrive in rdi rsi rdx rcx r8 r9 and, the seventh, on the stack; the system
 * call takes flags, stack, parent_tid, child_tid, tls in rdi rsi rdx r10 r8. The child wakes
 * up on the new stack with rax = 0 and the parent's other registers, and must never return
 * through the parent's C frames (with CLONE_VM they are the parent's live frames). So fn and
 * arg are stored on the child's stack before the call; the child pops them, calls fn(arg)
 * with a 16-byte-aligned stack and passes its return value to exit(2), which ends only the
 * child. parent_tid, tls and child_tid are read by the kernel only when flags ask for them.
 * Returns the child's id in the parent, or -1 with errno (EINVAL for a NULL fn or stack).
 */
#include "uapi/errno.h"
#include "uapi/syscall.h"

	.text
	.globl	clone
	.type	clone, @function
clone:
	.cfi_startproc
	testq	%rdi, %rdi
	jz	.Linvalid
	testq	%rsi, %rsi
	jz	.Linvalid
	andq	$-16, %rsi
	subq	$16, %rsi
	movq	%rdi, 0(%rsi)		/* fn, popped first by the child */
	movq	%rcx, 8(%rsi)		/* arg */
	movl	%edx, %edi		/* flags */
	movq	%r8, %rdx		/* parent_tid */
	movq	%r9, %r8		/* tls */
	movq	8(%rsp), %r10		/* child_tid */
	movl	$SYS_clone, %eax
	syscall
	testq	%rax, %rax
	jz	.Lchild
	cmpq	$-4095, %rax
	jae	.Lfailed
	ret
.Lfailed:
	movq	%rax, %rdi
	jmp	libc_syscall_fail
.Linvalid:
	movq	$-EINVAL, %rdi
	jmp	libc_syscall_fail
.Lchild:
	.cfi_undefined rip
	xorl	%ebp, %ebp
	popq	%rax
	popq	%rdi
	call	*%rax
	movl	%eax, %edi
	movl	$SYS_exit, %eax
	syscall
	ud2
	.cfi_endproc
	.size	clone, . - clone

	.section .note.GNU-stack, "", @progbits
