/*
 * Internal interface between task creation (kernel/proc/), the scheduler and the arch code.
 * Not for drivers: they use kthread.h.
 */
#ifndef SPINDLE_PROC_H
#define SPINDLE_PROC_H

#include "task.h"

/* Fill the fields every task starts with (lists, refcount, completion). */
void task_init_common(struct task_struct *task, const char *name);
/* A new task with a pid, a kernel stack, the current task as parent; or ERR_PTR(-errno). */
struct task_struct *task_create(const char *name, unsigned task_flags);
/* Put the boot CPU's idle task on the task list. */
void task_register_idle(struct task_struct *idle);
/* The current task leaves the system with `code`. */
noreturn void task_exit(int code);

/* Arch: build a new task's first stack frame so its first switch lands in
 * sched_first_run() and then kthread_main(). */
void arch_task_init_stack(struct task_struct *task);
/* Arch: switch CPU state from prev to next; returns the task switched away from. */
struct task_struct *arch_context_switch(struct task_struct *prev, struct task_struct *next);
/* Arch: the top of a task's kernel stack (what the TSS hands to traps from user mode). */
virt_addr_t task_stack_top(const struct task_struct *task);

/* Run the current kernel thread's function and exit with its result. */
noreturn void kthread_main(void);

#endif
