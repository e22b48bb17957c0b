/*
 * bench_coroutine_switch(void **save_sp, void *load_sp): the bench's own minimal coroutine
 * switch, for the "coroutine_bare" figure (user/bench/switch.c). It saves the callee-saved
 * registers the System V x86_64 ABI makes a call preserve (rbx, rbp, r12-r15) on the current
 * stack, stores the stack pointer in *save_sp, loads load_sp and pops the same registers from
 * the other stack. Nothing else is switched: no signal mask, no FPU control words, which is
 * what a libc swapcontext(3) would add.
 */
	.text
	.globl bench_coroutine_switch
	.type bench_coroutine_switch, @function
bench_coroutine_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size bench_coroutine_switch, . - bench_coroutine_switch

	.section .note.GNU-stack, "", @progbits
