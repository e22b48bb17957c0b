/*
 * The arch side of tasks (include/proc.h): a new task's first stack frame and the switch.
 *
 * A new task's kernel stack, top down, looks exactly like a task that called
 * switch_stacks() and was switched out:
 *
 *   stack top  ->  +-----------------------------+
 *                  | task_entry_trampoline       |  "return address" of switch_stacks
 *                  | rbp = 0 (ends backtraces)    |
 *                  | rbx, r12, r13, r14, r15 = 0 |
 *   saved_rsp  ->  +-----------------------------+
 */
#include "arch/gdt.h"
#include "kstack.h"
#include "percpu.h"
#include "proc.h"

struct task_struct *switch_stacks(uint64_t *save_rsp, uint64_t load_rsp,
				  struct task_struct *prev);
void task_entry_trampoline(void);

virt_addr_t task_stack_top(const struct task_struct *task)
{
	return (virt_addr_t)task->stack + KSTACK_SIZE;
}

void arch_task_init_stack(struct task_struct *task)
{
	uint64_t *frame = (uint64_t *)task_stack_top(task) - 7;
	for (int i = 0; i < 6; i++)
		frame[i] = 0;
	frame[6] = (uint64_t)task_entry_trampoline;
	task->saved_rsp = (uint64_t)frame;
}

struct task_struct *arch_context_switch(struct task_struct *prev, struct task_struct *next)
{
	this_cpu()->tss->rsp[0] = task_stack_top(next);
	return switch_stacks(&prev->saved_rsp, next->saved_rsp, prev);
}
