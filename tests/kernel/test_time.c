/*
 * Timer tests: ticks advance with interrupts on, and the monotonic clock never goes back.
 * Waiting for ticks is synchronisation on an event (the interrupt), not a sleep: if the timer
 * were broken the test would hang and the runner's timeout would fail it.
 */
#include "arch/cpu.h"
#include "ktest.h"
#include "percpu.h"
#include "time.h"

KTEST(timer_ticks_advance)
{
	/* This CPU's count first: a tick between the two reads then raises `start` too, and
	 * the wait below still covers three of this CPU's ticks (read the other way round, a
	 * tick in between made the test fail now and then). */
	uint64_t cpu_start = READ_ONCE(this_cpu()->ticks);
	uint64_t start = jiffies_read();

	KTEST_EXPECT(t, irq_is_enabled());
	while (jiffies_read() < start + 3)
		cpu_idle_wait();
	KTEST_EXPECT(t, jiffies_read() >= start + 3);
	KTEST_EXPECT(t, this_cpu()->ticks >= cpu_start + 3);
}

KTEST(clock_is_monotonic)
{
	uint64_t previous = clock_monotonic_ns();
	size_t backwards = 0;

	KTEST_EXPECT(t, clock_tsc_hz() > 0);
	for (int i = 0; i < 1000; i++) {
		uint64_t now = clock_monotonic_ns();
		backwards += now < previous;
		previous = now;
	}
	KTEST_EXPECT_EQ(t, backwards, 0);
	uint64_t before_ticks = clock_monotonic_ns();
	uint64_t start = jiffies_read();
	while (jiffies_read() < start + 2)
		cpu_idle_wait();
	KTEST_EXPECT(t, clock_monotonic_ns() > before_ticks);
}
