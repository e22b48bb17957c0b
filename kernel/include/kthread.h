/*
 * Kernel threads (kernel/proc/kthread.c): tasks that run a kernel function and never enter
 * user mode. A new thread starts asleep; kthread_run() also wakes it.
 *
 *   struct task_struct *worker = kthread_run(worker_main, &data, "worker/%d", 3);
 *   if (IS_ERR(worker)) return PTR_ERR(worker);
 *
 * A kernel thread ends by returning from its function or calling kthread_exit(); its stack
 * and task_struct are freed automatically (nobody needs to reap it) -- so the pointer
 * kthread_run() returns may already be stale when the caller looks at it: use it only to
 * test IS_ERR. To wait for a thread, take a reference before it can run and use
 * kthread_wait():
 *   worker = kthread_create(...); get_task_struct(worker); wake_up_process(worker);
 *   status = kthread_wait(worker); put_task_struct(worker);
 */
#ifndef SPINDLE_KTHREAD_H
#define SPINDLE_KTHREAD_H

#include "compiler.h"
#include "err.h"

struct task_struct;

/* A new sleeping kernel thread, or ERR_PTR(-EAGAIN) past the task limit / pids, -ENOMEM. */
struct task_struct *kthread_create(int (*function)(void *argument), void *argument,
				   const char *name_format, ...) printf_like(3, 4);
struct task_struct *kthread_run(int (*function)(void *argument), void *argument,
				const char *name_format, ...) printf_like(3, 4);
noreturn void kthread_exit(int code);
/* Wait until the thread has exited and is gone from the CPU; returns its exit code.
 * The caller holds a reference to it. */
int kthread_wait(struct task_struct *thread);

#endif
