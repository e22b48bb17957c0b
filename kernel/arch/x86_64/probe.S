/*
 * Fault-tolerant probes of kernel addresses (include/extable.h). Each access that may fault
 * has an .extable entry sending the trap handler to a fixup that returns -EFAULT.
 */
#define EFAULT 14

	.text
	.global probe_read_u64
probe_read_u64:				/* int probe_read_u64(const void *address, uint64_t *value) */
1:	movq (%rdi), %rax
	movq %rax, (%rsi)
	xorl %eax, %eax
	ret
2:	movl $-EFAULT, %eax
	ret
	.section .extable, "a"
	.quad 1b, 2b
	.previous

	.global probe_write_u8
probe_write_u8:				/* int probe_write_u8(void *address, uint8_t value) */
3:	movb %sil, (%rdi)
	xorl %eax, %eax
	ret
4:	movl $-EFAULT, %eax
	ret
	.section .extable, "a"
	.quad 3b, 4b
	.previous

	/* void arch_capture_registers(struct trap_frame *frame): the caller's registers. */
	.global arch_capture_registers
arch_capture_registers:
	movq %r15, 0(%rdi)
	movq %r14, 8(%rdi)
	movq %r13, 16(%rdi)
	movq %r12, 24(%rdi)
	movq %r11, 32(%rdi)
	movq %r10, 40(%rdi)
	movq %r9, 48(%rdi)
	movq %r8, 56(%rdi)
	movq %rbp, 64(%rdi)
	movq %rdi, 72(%rdi)
	movq %rsi, 80(%rdi)
	movq %rdx, 88(%rdi)
	movq %rcx, 96(%rdi)
	movq %rbx, 104(%rdi)
	movq %rax, 112(%rdi)
	movq $0, 120(%rdi)		/* vector */
	movq $0, 128(%rdi)		/* error code */
	movq (%rsp), %rax
	movq %rax, 136(%rdi)		/* rip: where the caller will resume */
	movq %cs, %rax
	movq %rax, 144(%rdi)
	pushfq
	popq %rax
	movq %rax, 152(%rdi)
	leaq 8(%rsp), %rax
	movq %rax, 160(%rdi)		/* rsp: the caller's, after our return */
	movq %ss, %rax
	movq %rax, 168(%rdi)
	movq 112(%rdi), %rax
	ret
