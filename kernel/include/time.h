/*
 * Kernel time (kernel/time/clock.c): the timer tick and the monotonic clock.
 *
 * The local APIC timer interrupts every CPU HZ times a second ("a tick"); jiffies counts the
 * boot CPU's ticks. The monotonic clock reads the TSC, calibrated at boot against the PIT,
 * and gives nanoseconds since boot. Before calibration it returns 0.
 */
#ifndef SPINDLE_TIME_H
#define SPINDLE_TIME_H

#include "types.h"

#define HZ 1000
#include "uapi/time.h" /* NSEC_PER_SEC */
#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

/* Ticks since the timer started (boot CPU). */
uint64_t jiffies_read(void);
uint64_t clock_monotonic_ns(void);
/* TSC frequency in Hz measured at boot; 0 before clock_init(). */
uint64_t clock_tsc_hz(void);

/* Calibrate the TSC against the PIT. Called once during boot, interrupts off. */
void clock_init(void);
/* Called by the timer interrupt on each tick; drives the scheduler's time slices. */
void clock_tick(bool from_user_mode);
/* Charge a tick to task's process's ITIMER_VIRTUAL/ITIMER_PROF (kernel/syscall/itimer.c). */
struct task_struct;
void itimer_cpu_tick(struct task_struct *task, bool from_user_mode);

#endif
