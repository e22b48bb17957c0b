/*
 * Scheduler tests: preemption of threads that never yield, sleeping and waking through a
 * wait queue, yield, preempt_disable, the task family links.
 */
#include "arch/cpu.h"
#include "kthread.h"
#include "ktest.h"
#include "sched.h"
#include "time.h"
#include "wait.h"

/* Three of the fair class's periods: every runnable thread has had a slice by then. */
#define THREE_PERIODS_TICKS (3 * FAIR_LATENCY_NS / NSEC_PER_TICK)

struct busy {
	volatile uint64_t count;
	volatile bool done;
	struct busy *other; /* the partner */
	int observed_changes;
};

/* Spins without ever yielding until it has seen its partner make progress three times, or
 * the partner has stopped. (Without the second condition the test could hang: a tick that
 * lands between count++ and the read below lets the partner see this thread's last
 * increment early, and once this thread is done the partner would wait for a change that
 * never comes.) */
static int busy_main(void *argument)
{
	struct busy *busy = argument;
	uint64_t last = busy->other->count;
	while (busy->observed_changes < 3 && !busy->other->done) {
		busy->count++;
		uint64_t now = busy->other->count;
		if (now != last) {
			last = now;
			busy->observed_changes++;
		}
	}
	busy->done = true;
	return 0;
}

static struct task_struct *start(int (*function)(void *), void *argument, const char *name)
{
	struct task_struct *task = kthread_create(function, argument, "%s", name);
	if (IS_ERR(task))
		return NULL;
	get_task_struct(task);
	wake_up_process(task);
	return task;
}

/* Only the tick can move the CPU between two spinning threads: if preemption were broken,
 * the first would spin forever and the runner's timeout would fail the suite. */
KTEST(sched_busy_threads_both_progress)
{
	struct busy a = {0}, b = {0};
	a.other = &b;
	b.other = &a;
	struct task_struct *ta = start(busy_main, &a, "busy-a");
	struct task_struct *tb = start(busy_main, &b, "busy-b");
	KTEST_EXPECT(t, ta && tb);
	KTEST_EXPECT_EQ(t, kthread_wait(ta), 0);
	KTEST_EXPECT_EQ(t, kthread_wait(tb), 0);
	/* One saw the other move three times, so each had the CPU taken from it by the
	 * tick at least twice, and the other saw it move at least once. */
	KTEST_EXPECT(t, a.observed_changes == 3 || b.observed_changes == 3);
	KTEST_EXPECT(t, a.observed_changes >= 1 && b.observed_changes >= 1);
	KTEST_EXPECT(t, ta->se.nivcsw >= 2);
	KTEST_EXPECT(t, tb->se.nivcsw >= 2);
	put_task_struct(ta);
	put_task_struct(tb);
}

static struct wait_queue_head test_queue = WAIT_QUEUE_HEAD_INIT(test_queue);
static volatile bool test_flag;

static int sleeper_main(void *argument)
{
	(void)argument;
	wait_event(test_queue, test_flag);
	return 7;
}

KTEST(sched_wait_queue_sleep_and_wake)
{
	test_flag = false;
	KTEST_EXPECT_EQ(t, wake_up(&test_queue), 0);
	struct task_struct *sleeper = start(sleeper_main, NULL, "sleeper");
	/* Let it run until it has queued itself and gone to sleep. */
	while (list_is_empty(&test_queue.waiters) || sleeper->se.on_rq)
		sched_yield();
	KTEST_EXPECT_EQ(t, sleeper->state, TASK_UNINTERRUPTIBLE);
	uint64_t voluntary = sleeper->se.nvcsw;
	KTEST_EXPECT(t, voluntary >= 1);
	/* A wake-up with the condition still false: it checks, and sleeps again. */
	KTEST_EXPECT_EQ(t, wake_up(&test_queue), 1);
	while (list_is_empty(&test_queue.waiters) || sleeper->se.on_rq)
		sched_yield();
	KTEST_EXPECT_EQ(t, sleeper->se.nvcsw, voluntary + 1);
	test_flag = true;
	KTEST_EXPECT_EQ(t, wake_up(&test_queue), 1);
	KTEST_EXPECT_EQ(t, kthread_wait(sleeper), 7);
	KTEST_EXPECT(t, list_is_empty(&test_queue.waiters));
	put_task_struct(sleeper);
}

static int flag_setter_main(void *argument)
{
	*(volatile bool *)argument = true;
	return 0;
}

KTEST(sched_yield_runs_others)
{
	volatile bool ran = false;
	struct task_struct *other = start(flag_setter_main, (void *)&ran, "setter");
	KTEST_EXPECT(t, !ran); /* woken, but a woken task waits its turn */
	sched_yield();
	/* The yield gave it the CPU. It may not have set the flag yet: a tick that came due
	 * during the switch arrives as it starts, and the fair class preempts it there (a
	 * newcomer starts half a period behind, which the tick counts as far ahead). */
	KTEST_EXPECT(t, other->se.last_ran_ns != 0);
	kthread_wait(other);
	KTEST_EXPECT(t, ran);
	put_task_struct(other);
}

struct counter {
	volatile uint64_t count;
	volatile bool stop;
};

static int counter_main(void *argument)
{
	struct counter *counter = argument;
	while (!counter->stop)
		counter->count++;
	return 0;
}

KTEST(sched_preempt_disable_holds_the_cpu)
{
	struct counter counter = {0};
	struct task_struct *other = start(counter_main, &counter, "counter");
	preempt_disable();
	uint64_t until = jiffies_read() + THREE_PERIODS_TICKS;
	while (jiffies_read() < until)
		cpu_relax();
	KTEST_EXPECT_EQ(t, counter.count, 0); /* three slices passed and the other never ran */
	KTEST_EXPECT(t, this_rq()->need_resched);
	preempt_enable(); /* the pending switch happens right here */
	KTEST_EXPECT(t, counter.count > 0);
	counter.stop = true;
	kthread_wait(other);
	put_task_struct(other);
}

static int idle_main(void *argument)
{
	(void)argument;
	return 0;
}

KTEST(sched_task_family_and_ids)
{
	struct task_struct *self = current;
	struct task_struct *child = kthread_create(idle_main, NULL, "child-%d", 42);
	KTEST_EXPECT(t, !IS_ERR(child));
	get_task_struct(child);
	KTEST_EXPECT(t, child->pid > self->pid);
	KTEST_EXPECT_EQ(t, child->tgid, child->pid);
	KTEST_EXPECT(t, child->group_leader == child);
	KTEST_EXPECT(t, child->real_parent == self && child->parent == self);
	KTEST_EXPECT(t, task_is_kthread(child) && child->mm == NULL);
	KTEST_EXPECT_EQ(t, child->comm[6], '4');
	KTEST_EXPECT_EQ(t, child->state, TASK_UNINTERRUPTIBLE); /* created asleep */
	bool listed = false;
	struct task_struct *entry;
	list_for_each_entry (entry, &self->children, sibling)
		listed |= entry == child;
	KTEST_EXPECT(t, listed);
	struct task_struct *found = find_get_task_by_pid(child->pid);
	KTEST_EXPECT(t, found == child);
	if (found)
		put_task_struct(found);

	pid_t pid = child->pid;
	wake_up_process(child);
	kthread_wait(child);
	listed = false;
	list_for_each_entry (entry, &self->children, sibling)
		listed |= entry == child;
	KTEST_EXPECT(t, !listed);
	KTEST_EXPECT(t, find_get_task_by_pid(pid) == NULL);
	KTEST_EXPECT_EQ(t, child->state, TASK_DEAD);
	put_task_struct(child);
	KTEST_EXPECT_EQ(t, current->pid, 1); /* tests run in init */
	KTEST_EXPECT(t, this_rq()->idle->pid == 0);
}

/*
 * Regression (found in review): a task preempted between set_current_state(sleeping) and
 * its own schedule() was taken off the run queue, so a wake-up that had already happened
 * was lost and the task never ran again.
 */
static int almost_sleeper_main(void *argument)
{
	struct counter *partner = argument;
	set_current_state(TASK_UNINTERRUPTIBLE);
	uint64_t until = jiffies_read() + THREE_PERIODS_TICKS;
	while (jiffies_read() < until) /* preempted here, more than once */
		cpu_relax();
	set_current_state(TASK_RUNNING);
	partner->stop = true;
	return 0;
}

KTEST(sched_preempted_before_sleeping_stays_runnable)
{
	struct counter spinner = {0};
	struct task_struct *busy = start(counter_main, &spinner, "spinner");
	struct task_struct *almost = start(almost_sleeper_main, &spinner, "almost");
	KTEST_EXPECT_EQ(t, kthread_wait(almost), 0);
	KTEST_EXPECT_EQ(t, kthread_wait(busy), 0);
	KTEST_EXPECT(t, almost->se.nivcsw >= 1);
	put_task_struct(almost);
	put_task_struct(busy);
}
