/*
 * Internal interface between task creation (kernel/proc/), the scheduler and the arch code.
 * Not for drivers: they use kthread.h.
 */
#ifndef SPINDLE_PROC_H
#define SPINDLE_PROC_H

#include "task.h"

/* Fill the fields every task starts with (lists, refcount, completion). */
void task_init_common(struct task_struct *task, const char *name);
/* A new task with a pid and a kernel stack, not yet visible anywhere; or ERR_PTR(-errno).
 * task->real_parent may be set before task_attach to choose another parent (CLONE_PARENT). */
struct task_struct *task_create(const char *name, unsigned task_flags);
/* Make a created task part of the system: family links, task list, pid lookup. A thread
 * (CLONE_THREAD) joins creator's thread group instead of becoming its child. Returns 0, or
 * -ERESTARTNOINTR (nothing done) when a signal for the creating process arrived meanwhile. */
int task_attach(struct task_struct *task, struct task_struct *creator, bool thread);
/* Free a created task that was never attached (an error path). */
void task_abandon(struct task_struct *task);
/* Thread groups (kernel/proc/fork.c). */
void thread_group_put(struct thread_group *group);
struct thread_group *thread_group_for_init(void);
/* Send a signal to the calling thread (SIGPIPE from a pipe write, for example); it is
 * delivered on the way back to user mode. More in signal.h. */
void signal_send_to_current(int signal);
/* Make the other threads of the current process exit too (exit_group, fatal faults). */
noreturn void do_exit_group(int status);
/* Put the boot CPU's idle task on the task list. */
void task_register_idle(struct task_struct *idle);
/* Protects every task's family links and the task list. */
extern struct spinlock tasklist_lock;
/* Every task, linked through task->tasks (tasklist_lock). */
extern struct list_head all_tasks;
/* Walk every task; the caller holds tasklist_lock. */
#define for_each_task_locked(task) list_for_each_entry (task, &all_tasks, tasks)

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
/* A task is about to let go of its address space (exec or exit): clears and wakes its
 * CLONE_CHILD_CLEARTID word, wakes a vfork parent. Called with the mm still active. */
void mm_release(struct task_struct *task);
/* wait4(2)/waitid(2) core: returns the pid reaped, 0 (WNOHANG), or -ECHILD/-EINVAL/-EINTR.
 * Fills the wait status and the child's CPU times. Exits are reported with WEXITED in
 * options (wait4 always sets it), stops with WUNTRACED, continues with WCONTINUED. */
long do_wait(pid_t pid, int options, int *status, uint64_t *utime_ns, uint64_t *stime_ns);

/* Arch: build a new task's first stack frame so its first switch lands in
 * sched_first_run() and then task_start(). */
void arch_task_init_stack(struct task_struct *task);
/* Arch: switch CPU state from prev to next; returns the task switched away from. */
struct task_struct *arch_context_switch(struct task_struct *prev, struct task_struct *next);
/* Arch: give a task a clean FPU/SSE state (exec), or a copy of the parent's (fork). */
int arch_fpu_init(struct task_struct *task);
int arch_fpu_copy(struct task_struct *child, const struct task_struct *parent);
/* Arch: make the CPU's FPU/SSE registers the task's saved ones (exec of the current task). */
void arch_fpu_load(struct task_struct *task);
/* Arch: the top of a task's kernel stack (what the TSS hands to traps from user mode). */
virt_addr_t task_stack_top(const struct task_struct *task);

/* Run the current kernel thread's function and exit with its result. */
noreturn void kthread_main(void);
/* Every new task's first code after its first switch (called by the arch trampoline):
 * kernel threads run their function, forked tasks return to user mode. */
noreturn void task_start(void);

#endif
