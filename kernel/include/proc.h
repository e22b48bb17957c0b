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
/* Protects every task's family links and the task list. */
extern struct spinlock tasklist_lock;

/*
 * The current task exits (kernel/proc/exit.c). For a kernel thread `code` is its result;
 * for a process it is the wait status (exit code << 8, or the killing signal). Resources go
 * now; a process stays a zombie until its parent collects it, a kernel thread is reaped
 * at once.
 */
noreturn void do_exit(int code);
/* Unlink a task that is gone for good and drop its listed reference. */
void release_task(struct task_struct *task);
/* The task that adopts orphans (init, pid 1). */
void exit_set_child_reaper(struct task_struct *task);
/* A task lets go of an address space (exec or exit): wakes a vfork parent, drops it. */
void mm_release(struct task_struct *task, struct mm_struct *mm);
/* wait4(2)/waitid(2) core: returns the pid reaped, 0 (WNOHANG), or -ECHILD/-EINVAL/-EINTR.
 * Fills the wait status and the child's CPU times. */
long do_wait(pid_t pid, int options, int *status, uint64_t *utime_ns, uint64_t *stime_ns);

/* Arch: build a new task's first stack frame so its first switch lands in
 * sched_first_run() and then kthread_main(). */
void arch_task_init_stack(struct task_struct *task);
/* Arch: switch CPU state from prev to next; returns the task switched away from. */
struct task_struct *arch_context_switch(struct task_struct *prev, struct task_struct *next);
/* Arch: give a task a clean FPU/SSE state (exec), or a copy of the parent's (fork). */
int arch_fpu_init(struct task_struct *task);
int arch_fpu_copy(struct task_struct *child, const struct task_struct *parent);
/* Arch: the top of a task's kernel stack (what the TSS hands to traps from user mode). */
virt_addr_t task_stack_top(const struct task_struct *task);

/* Run the current kernel thread's function and exit with its result. */
noreturn void kthread_main(void);

#endif
