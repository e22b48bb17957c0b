/*
 * The arch side of tasks (include/proc.h): a new task's first stack frame and the switch.
 *
 * A new task's kernel stack, top down, looks exactly like a task that called
 * switch_stacks() and was switched out:
 *
 *   stack top  ->  +-----------------------------+
 *                  | struct trap_frame           |  reserved: the task's user registers
 *                  +-----------------------------+  (syscall entry and traps from ring 3)
 *                  | task_entry_trampoline       |  "return address" of switch_stacks
 *                  | rbp = 0 (ends backtraces)    |
 *                  | rbx, r12, r13, r14, r15 = 0 |
 *   saved_rsp  ->  +-----------------------------+
 */
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "exec.h"
#include "kmalloc.h"
#include "kstack.h"
#include "string.h"
#include "uapi/errno.h"
#include "percpu.h"
#include "proc.h"
#include "sched.h"

struct task_struct *switch_stacks(uint64_t *save_rsp, uint64_t load_rsp, struct task_struct *prev);
void task_entry_trampoline(void);
noreturn void leave_to_frame(struct trap_frame *frame);

#define FXSAVE_SIZE 512

int arch_fpu_init(struct task_struct *task)
{
	if (!task->fpu_state) {
		task->fpu_state = kmalloc(FXSAVE_SIZE); /* the 512-byte cache is 512-aligned */
		if (!task->fpu_state)
			return -ENOMEM;
	}
	uint8_t *area = task->fpu_state;
	memset(area, 0, FXSAVE_SIZE);
	*(uint16_t *)area = 0x37f;	   /* FCW: all x87 exceptions masked, extended precision */
	*(uint32_t *)(area + 24) = 0x1f80; /* MXCSR: all SSE exceptions masked, round to nearest */
	return 0;
}

void arch_fpu_load(struct task_struct *task)
{
	if (task->fpu_state && task == current)
		fxrstor(task->fpu_state);
}

int arch_fpu_copy(struct task_struct *child, const struct task_struct *parent)
{
	if (!parent->fpu_state)
		return 0;
	child->fpu_state = kmalloc(FXSAVE_SIZE);
	if (!child->fpu_state)
		return -ENOMEM;
	if (parent == current)
		fxsave(child->fpu_state); /* the live registers are newer than the saved copy */
	else
		memcpy(child->fpu_state, parent->fpu_state, FXSAVE_SIZE);
	return 0;
}

virt_addr_t task_stack_top(const struct task_struct *task)
{
	return (virt_addr_t)task->stack + KSTACK_SIZE;
}

void arch_task_init_stack(struct task_struct *task)
{
	uint64_t *frame = (uint64_t *)task_user_frame(task) - 7;
	for (int i = 0; i < 6; i++)
		frame[i] = 0;
	frame[6] = (uint64_t)task_entry_trampoline;
	task->saved_rsp = (uint64_t)frame;
}

struct task_struct *arch_context_switch(struct task_struct *prev, struct task_struct *next)
{
	struct cpu_local *cpu = this_cpu();
	cpu->tss->rsp[0] = task_stack_top(next);
	cpu->kernel_stack_top = task_stack_top(next);
	if (prev->fpu_state)
		fxsave(prev->fpu_state);
	if (next->fpu_state)
		fxrstor(next->fpu_state);
	if (next->mm)
		wrmsr(MSR_FS_BASE, next->fs_base);
	return switch_stacks(&prev->saved_rsp, next->saved_rsp, prev);
}

noreturn void return_to_user(void)
{
	struct trap_frame *frame = task_user_frame(current);
	irq_disable();
	this_cpu()->kernel_stack_top = task_stack_top(current);
	this_cpu()->tss->rsp[0] = task_stack_top(current);
	wrmsr(MSR_FS_BASE, current->fs_base);
	if (current->fpu_state)
		fxrstor(current->fpu_state);
	leave_to_frame(frame);
}
