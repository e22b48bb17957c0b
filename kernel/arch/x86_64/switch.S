/*
 * The context switch: only the registers the System V x86_64 ABI says a called function
 * must preserve (rbx, rbp, r12-r15) plus the stack pointer. Everything else is already
 * saved: caller-saved registers by the C code that called schedule(), and a preempted task's
 * full user or kernel state sits in the trap frame on its own kernel stack.
 */
	.text

	/* struct task_struct *switch_stacks(uint64_t *save_rsp, uint64_t load_rsp,
	 *                                   struct task_struct *prev)
	 * Saves the current stack pointer in *save_rsp and continues on load_rsp, returning
	 * prev to whoever resumes there: that is how the task now running learns which task
	 * ran before it. */
	.global switch_stacks
switch_stacks:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	movq %rdx, %rax
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	/* noreturn void leave_to_frame(struct trap_frame *frame): drop everything on this
	 * stack and leave the kernel through the trap return path with the given frame. */
	.global leave_to_frame
leave_to_frame:
	movq %rdi, %rsp
	jmp trap_return

	/* Where a new task's first switch_stacks() "returns" to (see arch_task_init_stack). */
	.global task_entry_trampoline
task_entry_trampoline:
	movq %rax, %rdi			/* the task that ran before */
	call sched_first_run
	call task_start
	ud2				/* task_start never returns */
