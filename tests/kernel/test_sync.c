/*
 * Synchronisation tests: a mutex keeps a contended counter exact (and the same code without
 * the mutex loses updates, which shows the test can fail); a completion wakes exactly its
 * waiter; complete() wakes one waiter and complete_all() every one.
 */
#include "completion.h"
#include "kthread.h"
#include "ktest.h"
#include "mutex.h"
#include "sched.h"

#define WORKERS	   4
#define INCREMENTS 5000

struct shared_counter {
	struct mutex lock;
	bool use_lock;
	volatile uint64_t value;
};

/* Read, yield in the middle of the critical section now and then, write back. */
static int increment_main(void *argument)
{
	struct shared_counter *shared = argument;
	for (int i = 0; i < INCREMENTS; i++) {
		if (shared->use_lock)
			mutex_lock(&shared->lock);
		uint64_t value = shared->value;
		if (i % 50 == 0)
			sched_yield();
		shared->value = value + 1;
		if (shared->use_lock)
			mutex_unlock(&shared->lock);
	}
	return 0;
}

static uint64_t run_workers(struct shared_counter *shared, uint64_t *sleeps)
{
	struct task_struct *workers[WORKERS];
	*sleeps = 0;
	for (int i = 0; i < WORKERS; i++) {
		workers[i] = kthread_create(increment_main, shared, "inc-%d", i);
		get_task_struct(workers[i]);
	}
	for (int i = 0; i < WORKERS; i++)
		wake_up_process(workers[i]);
	for (int i = 0; i < WORKERS; i++) {
		kthread_wait(workers[i]);
		*sleeps += workers[i]->se.nvcsw;
		put_task_struct(workers[i]);
	}
	return shared->value;
}

KTEST(sync_mutex_keeps_counter_exact)
{
	struct shared_counter shared = {.use_lock = true};
	uint64_t sleeps;
	mutex_init(&shared.lock, "test-counter");
	KTEST_EXPECT_EQ(t, run_workers(&shared, &sleeps), WORKERS * INCREMENTS);
	KTEST_EXPECT(t, sleeps > WORKERS); /* workers really blocked on the mutex */
	KTEST_EXPECT(t, !mutex_is_locked(&shared.lock));
	KTEST_EXPECT(t, mutex_trylock(&shared.lock));
	KTEST_EXPECT(t, !mutex_trylock(&shared.lock));
	mutex_unlock(&shared.lock);
}

KTEST(sync_without_mutex_updates_are_lost)
{
	struct shared_counter shared = {.use_lock = false};
	uint64_t sleeps;
	mutex_init(&shared.lock, "unused");
	KTEST_EXPECT(t, run_workers(&shared, &sleeps) < WORKERS * INCREMENTS);
}

struct waiter {
	struct completion *completion;
	struct completion *finished; /* completed when this waiter is done, may be NULL */
	volatile bool started;
	volatile bool done;
};

static int waiter_main(void *argument)
{
	struct waiter *waiter = argument;
	waiter->started = true;
	wait_for_completion(waiter->completion);
	waiter->done = true;
	if (waiter->finished)
		complete(waiter->finished);
	return 0;
}

static struct task_struct *start_waiter(struct waiter *waiter, int index)
{
	struct task_struct *task = kthread_create(waiter_main, waiter, "waiter-%d", index);
	get_task_struct(task);
	wake_up_process(task);
	return task;
}

static bool is_asleep(struct task_struct *task)
{
	return task->state == TASK_UNINTERRUPTIBLE && !task->se.on_rq;
}

KTEST(sync_completion_wakes_exactly_its_waiter)
{
	struct completion completions[3];
	struct waiter waiters[3];
	struct task_struct *tasks[3];

	for (int i = 0; i < 3; i++) {
		completion_init(&completions[i], "test");
		waiters[i] = (struct waiter){.completion = &completions[i]};
		tasks[i] = start_waiter(&waiters[i], i);
	}
	for (int i = 0; i < 3; i++) {
		while (!waiters[i].started || !is_asleep(tasks[i]))
			sched_yield();
	}
	complete(&completions[1]);
	kthread_wait(tasks[1]);
	KTEST_EXPECT(t, waiters[1].done);
	KTEST_EXPECT(t, !waiters[0].done && is_asleep(tasks[0]));
	KTEST_EXPECT(t, !waiters[2].done && is_asleep(tasks[2]));
	complete(&completions[0]);
	complete(&completions[2]);
	for (int i = 0; i < 3; i++) {
		kthread_wait(tasks[i]);
		KTEST_EXPECT(t, waiters[i].done);
		put_task_struct(tasks[i]);
	}
}

KTEST(sync_complete_wakes_one_complete_all_wakes_all)
{
	struct completion shared, finished;
	struct waiter waiters[3];
	struct task_struct *tasks[3];
	completion_init(&shared, "shared");
	completion_init(&finished, "finished");
	for (int i = 0; i < 3; i++) {
		waiters[i] = (struct waiter){.completion = &shared, .finished = &finished};
		tasks[i] = start_waiter(&waiters[i], i);
	}
	for (int i = 0; i < 3; i++) {
		while (!waiters[i].started || !is_asleep(tasks[i]))
			sched_yield();
	}
	complete(&shared);
	wait_for_completion(&finished);
	int done = 0;
	for (int i = 0; i < 3; i++)
		done += waiters[i].done;
	KTEST_EXPECT_EQ(t, done, 1);
	complete_all(&shared);
	for (int i = 0; i < 3; i++) {
		kthread_wait(tasks[i]);
		KTEST_EXPECT(t, waiters[i].done);
		put_task_struct(tasks[i]);
	}
	KTEST_EXPECT(t, completion_is_done(&shared)); /* complete_all stays done */
	wait_for_completion(&shared);		      /* and does not block */
}
