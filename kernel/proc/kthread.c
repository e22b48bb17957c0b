/*
 * Kernel threads (include/kthread.h).
 */
#include "kthread.h"
#include "format.h"
#include "proc.h"
#include "sched.h"

static struct task_struct *create_va(int (*function)(void *), void *argument,
				     const char *name_format, va_list args)
{
	char name[TASK_COMM_LENGTH];
	vsnprintf(name, sizeof(name), name_format, args);
	struct task_struct *task = task_create(name, PF_KTHREAD);
	if (IS_ERR(task))
		return task;
	task->thread_function = function;
	task->thread_argument = argument;
	arch_task_init_stack(task);
	sched_fork(task);
	task_attach(task, current, false);
	return task;
}

struct task_struct *kthread_create(int (*function)(void *), void *argument, const char *name_format,
				   ...)
{
	va_list args;
	va_start(args, name_format);
	struct task_struct *task = create_va(function, argument, name_format, args);
	va_end(args);
	return task;
}

struct task_struct *kthread_run(int (*function)(void *), void *argument, const char *name_format,
				...)
{
	va_list args;
	va_start(args, name_format);
	struct task_struct *task = create_va(function, argument, name_format, args);
	va_end(args);
	if (!IS_ERR(task))
		wake_up_process(task);
	return task;
}

noreturn void kthread_main(void)
{
	struct task_struct *self = current;
	kthread_exit(self->thread_function(self->thread_argument));
}

noreturn void kthread_exit(int code)
{
	do_exit(code);
}

int kthread_wait(struct task_struct *thread)
{
	wait_for_completion(&thread->exited);
	/* On another CPU the thread may still be on its way out of schedule(). */
	while (READ_ONCE(thread->stack))
		sched_yield();
	return thread->exit_code;
}
