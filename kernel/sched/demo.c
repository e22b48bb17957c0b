/*
 * The scheduler demo (include/sched_demo.h). Each worker spins on pure computation -- no
 * sleeping, no yielding -- and watches its own involuntary-switch counter. Every time the
 * counter moves, the tick took the CPU away and the fair class has just given it back, so it
 * prints a line. Equal weights, equal slices: the lines come out a, b, c, a, b, c.
 */
#include "sched_demo.h"
#include "format.h"
#include "kthread.h"
#include "printk.h"
#include "sched.h"
#include "time.h"

#define DEMO_MAX_THREADS 8
#define DEMO_REPORTS	 4

struct demo_worker {
	char name[TASK_COMM_LENGTH];
	uint64_t loops;
};

static volatile bool demo_abandoned; /* set when the demo could not start all its workers */

static int demo_worker_main(void *argument)
{
	struct demo_worker *worker = argument;
	struct task_struct *self = current;
	uint64_t seen = READ_ONCE(self->se.nivcsw);
	int reports = 0;

	printk("sched_demo: %s (pid %d) starts spinning at tick %lu\n", worker->name, self->pid,
	       jiffies_read());
	while (reports < DEMO_REPORTS && !demo_abandoned) {
		worker->loops++;
		uint64_t switches = READ_ONCE(self->se.nivcsw);
		if (switches != seen) {
			seen = switches;
			reports++;
			printk("sched_demo: %s (pid %d) runs again at tick %lu: preempted %lu "
			       "times, "
			       "%lu loops so far\n",
			       worker->name, self->pid, jiffies_read(), switches, worker->loops);
		}
	}
	return 0;
}

void sched_demo_run(int threads)
{
	static struct demo_worker workers[DEMO_MAX_THREADS];
	struct task_struct *tasks[DEMO_MAX_THREADS];

	if (threads < 2 || threads > DEMO_MAX_THREADS)
		threads = 3;
	demo_abandoned = false;
	printk("sched_demo: %d busy kernel threads, fair class, period %lu ms (HZ=%d)\n", threads,
	       FAIR_LATENCY_NS / 1000000, HZ);
	for (int i = 0; i < threads; i++) {
		workers[i].loops = 0;
		tasks[i] = kthread_create(demo_worker_main, &workers[i], "worker-%c", 'a' + i);
		if (IS_ERR(tasks[i])) {
			/* Fewer than two workers could not take turns: stop the demo here. */
			printk("sched_demo: cannot create a thread (%ld)\n", PTR_ERR(tasks[i]));
			demo_abandoned = true;
			for (int j = 0; j < i; j++) {
				wake_up_process(tasks[j]);
				put_task_struct(tasks[j]);
			}
			return;
		}
		snprintf(workers[i].name, sizeof(workers[i].name), "%s", tasks[i]->comm);
		get_task_struct(tasks[i]);
	}
	for (int i = 0; i < threads; i++)
		wake_up_process(tasks[i]);
	for (int i = 0; i < threads; i++) {
		kthread_wait(tasks[i]);
		printk("sched_demo: %s finished: %lu involuntary and %lu voluntary switches, "
		       "%lu ms on the CPU\n",
		       workers[i].name, tasks[i]->se.nivcsw, tasks[i]->se.nvcsw,
		       tasks[i]->se.sum_runtime_ns / 1000000);
		put_task_struct(tasks[i]);
	}
	printk("sched_demo: done\n");
}
