/*
 * Task life-cycle tests: pids are handed out cyclically and skip ids in use after a wrap;
 * the task limit gives -EAGAIN; many create/exit cycles leave every counter where it was.
 */
#include "kthread.h"
#include "ktest.h"
#include "pmm.h"
#include "sched.h"
#include "uapi/errno.h"

static int return_main(void *argument)
{
	return (int)(uintptr_t)argument;
}

static int sleep_main(void *argument)
{
	wait_for_completion(argument);
	return 0;
}

/* Create a thread, let it finish, return the pid it had. */
static pid_t run_once(void)
{
	struct task_struct *task = kthread_create(return_main, (void *)5, "once");
	if (IS_ERR(task))
		return (pid_t)PTR_ERR(task);
	get_task_struct(task);
	pid_t pid = task->pid;
	wake_up_process(task);
	kthread_wait(task);
	put_task_struct(task);
	return pid;
}

KTEST(tasks_pids_are_cyclic)
{
	pid_t first = run_once();
	pid_t second = run_once();
	/* The first pid is free again, yet the next task gets the following one. */
	KTEST_EXPECT(t, first > 1);
	KTEST_EXPECT_EQ(t, second, first + 1);
}

KTEST(tasks_pid_wrap_skips_ids_in_use)
{
	pid_t old_max = pid_get_max();
	struct completion release;
	struct task_struct *holder = NULL;
	completion_init(&release, "release");

	KTEST_EXPECT_EQ(t, pid_set_max(PID_WRAP_START + 10), 0);
	KTEST_EXPECT_EQ(t, pid_set_max(5), -EINVAL);
	/* Walk the pids up to the wrap start, and keep the task that gets it alive. */
	for (int guard = 0; guard < PID_WRAP_START + 20 && !holder; guard++) {
		struct task_struct *task = kthread_create(sleep_main, &release, "walker");
		get_task_struct(task);
		wake_up_process(task);
		if (task->pid == PID_WRAP_START) {
			holder = task;
		} else {
			complete(&release);
			kthread_wait(task);
			put_task_struct(task);
		}
	}
	KTEST_EXPECT(t, holder != NULL);
	pid_t pid = 0;
	for (int i = 0; i < 9; i++)
		pid = run_once();
	KTEST_EXPECT_EQ(t, pid, PID_WRAP_START + 9); /* the last id below pid_max */
	/* Wrap: PID_WRAP_START is still taken by the holder, so the next is one above it. */
	KTEST_EXPECT_EQ(t, run_once(), PID_WRAP_START + 1);
	if (holder) {
		complete(&release);
		kthread_wait(holder);
		put_task_struct(holder);
	}
	KTEST_EXPECT_EQ(t, pid_set_max(old_max), 0);
}

KTEST(tasks_limit_gives_eagain)
{
	size_t old_max = task_set_max(task_count() + 2);
	struct task_struct *first = kthread_create(return_main, NULL, "limit-1");
	struct task_struct *second = kthread_create(return_main, NULL, "limit-2");
	struct task_struct *third = kthread_create(return_main, NULL, "limit-3");
	KTEST_EXPECT(t, !IS_ERR(first) && !IS_ERR(second));
	KTEST_EXPECT(t, IS_ERR(third) && PTR_ERR(third) == -EAGAIN);
	task_set_max(old_max);
	struct task_struct *created[2] = {first, second};
	for (int i = 0; i < 2; i++) {
		if (IS_ERR(created[i]))
			continue;
		get_task_struct(created[i]);
		wake_up_process(created[i]);
		kthread_wait(created[i]);
		put_task_struct(created[i]);
	}
}

KTEST(tasks_counters_return_after_many_cycles)
{
	size_t tasks = task_count(), stacks = kstack_count(), frames = pmm_free_count();
	int wrong_codes = 0;
	for (int i = 0; i < 200; i++) {
		struct task_struct *task =
			kthread_create(return_main, (void *)(uintptr_t)i, "c%d", i);
		get_task_struct(task);
		KTEST_EXPECT_EQ(t, task_count(), tasks + 1);
		wake_up_process(task);
		wrong_codes += kthread_wait(task) != i;
		put_task_struct(task);
	}
	KTEST_EXPECT_EQ(t, wrong_codes, 0);
	KTEST_EXPECT_EQ(t, task_count(), tasks);
	KTEST_EXPECT_EQ(t, kstack_count(), stacks);
	KTEST_EXPECT_EQ(t, pmm_free_count(), frames);
}
