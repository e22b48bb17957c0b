/*
 * The scheduler demo (kernel/sched/demo.c), run by booting with `sched_demo` (or
 * `sched_demo=N` for N threads): busy kernel threads that never yield print a line each time
 * they get the CPU back after being preempted, so the output shows round-robin preemption
 * as it happens.
 */
#ifndef SPINDLE_SCHED_DEMO_H
#define SPINDLE_SCHED_DEMO_H

/* Run the demo with `threads` busy threads (2..8: a thread alone on the CPU is never
 * preempted, so it would spin forever) and wait for it to finish. */
void sched_demo_run(int threads);

#endif
