/*
 * The end of a context switch (kernel/sched/core.c, finish_task_switch): the task switched
 * to decides from prev's state at the switch, under rq->lock, whether that was prev's
 * final switch; prev may run, exit and be freed before the new task looks at it again.
 */
#include "arch/cpu.h"
#include "arch/pic.h"
#include "arch/trap.h"
#include "kthread.h"
#include "ktest.h"
#include "sched.h"
#include "time.h"
#include "timer.h"
#include "uapi/sched.h"

#define VICTIM_EXIT_CODE 23

/* With interrupts off, wait until the timer interrupt is pending: it arrives the moment
 * interrupts are enabled again. */
static void wait_for_pending_tick(void)
{
	while (!lapic_is_pending(VECTOR_LAPIC_TIMER))
		cpu_relax();
}

/*
 * Real time, so it runs the moment it is woken. It goes to sleep with a tick pending and a
 * timer that the tick will fire: the test thread, switched to, takes the tick as soon as it
 * drops rq->lock -- before it has looked at this task -- and is preempted. This task then
 * exits, and its final switch (back to the test thread, nested in that interrupt) frees
 * its stack. The test thread, resuming where it was interrupted, must not free it again.
 */
static int dies_in_window_main(void *argument)
{
	(void)argument;
	struct timer timer;
	irq_disable();
	timer_arm(&timer, clock_monotonic_ns()); /* due: the next tick wakes us */
	wait_for_pending_tick();
	set_current_state(TASK_INTERRUPTIBLE);
	schedule();
	timer_disarm(&timer);
	irq_enable();
	return VICTIM_EXIT_CODE;
}

/* Regression: it crashed about one user-suite boot in eight with a page fault in
 * release_slot (kernel stack freed twice) from futex_wait, when a pthread exited that way. */
KTEST(sched_task_exits_before_the_switch_to_it_finishes)
{
	struct task_struct *victim = kthread_create(dies_in_window_main, NULL, "dies-in-window");
	KTEST_EXPECT(t, !IS_ERR(victim));
	if (IS_ERR(victim))
		return;
	get_task_struct(victim); /* keeps the struct readable: a second free would use NULL */
	sched_set_attributes(victim, SCHED_FIFO, 50, 0, false);
	/* Switch to it from preempt_enable(), with interrupts on, so that they come back on
	 * when the switch returns here (a switch from the tick would return with them off, and
	 * leave the window shut). Right after a tick, so the next cannot preempt us first. */
	preempt_disable();
	uint64_t tick = jiffies_read();
	while (jiffies_read() == tick)
		cpu_relax();
	uint64_t preempted = current->se.nivcsw;
	wake_up_process(victim);
	preempt_enable(); /* a real-time task preempts us right here */
	KTEST_EXPECT_EQ(t, kthread_wait(victim), VICTIM_EXIT_CODE);
	KTEST_EXPECT_EQ(t, victim->state, TASK_DEAD);
	KTEST_EXPECT(t, victim->stack == NULL);
	/* twice: by the wake-up, then by the tick inside the switch back */
	KTEST_EXPECT(t, current->se.nivcsw >= preempted + 2);
	put_task_struct(victim);
}
