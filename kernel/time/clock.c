/*
 * The tick and the monotonic clock (include/time.h).
 *
 * Calibration: PIT channel 2 (1.193182 MHz, Intel 8254 data sheet) counts down a known
 * 10 ms with its gate driven through port 0x61; meanwhile we watch how far the TSC and the
 * local APIC timer move. That gives the TSC frequency (for nanoseconds) and the APIC timer
 * count for one tick of 1/HZ seconds.
 * Under `-icount shift=0` QEMU runs at one instruction per virtual nanosecond and these
 * numbers are exact and repeatable.
 */
#include "time.h"
#include "arch/cpu.h"
#include "arch/pic.h"
#include "arch/trap.h"
#include "irq.h"
#include "percpu.h"
#include "printk.h"
#include "sched.h"
#include "timer.h"

#define PIT_FREQUENCY_HZ 1193182
#define PIT_CHANNEL2	 0x42
#define PIT_COMMAND	 0x43
#define PIT_GATE_PORT	 0x61
#define CALIBRATION_MS	 10

static uint64_t tsc_at_boot;
static uint64_t tsc_hz;
static uint64_t ns_per_tsc_mult; /* nanoseconds per TSC tick, as a 32.32 fixed-point number */
static uint64_t jiffies;
static uint32_t lapic_count_per_tick;

uint64_t jiffies_read(void)
{
	return READ_ONCE(jiffies);
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

uint64_t clock_monotonic_ns(void)
{
	if (!ns_per_tsc_mult)
		return 0;
	unsigned __int128 product = (unsigned __int128)(rdtsc() - tsc_at_boot) * ns_per_tsc_mult;
	return (uint64_t)(product >> 32);
}

static void timer_interrupt(struct trap_frame *frame)
{
	struct cpu_local *cpu = this_cpu();
	cpu->ticks++;
	if (cpu->id == 0)
		WRITE_ONCE(jiffies, jiffies + 1);
	clock_tick((frame->cs & 3) == 3);
}

void clock_tick(bool from_user_mode)
{
	if (this_cpu()->id == 0)
		timer_tick();
	itimer_cpu_tick(current, from_user_mode);
	sched_tick(from_user_mode);
}

void clock_init(void)
{
	uint16_t pit_count = PIT_FREQUENCY_HZ / (1000 / CALIBRATION_MS);

	/* Gate low, speaker off; channel 2, lobyte/hibyte, mode 0 (interrupt on terminal count). */
	outb(PIT_GATE_PORT, inb(PIT_GATE_PORT) & ~0x03);
	outb(PIT_COMMAND, 0xb0);
	outb(PIT_CHANNEL2, pit_count & 0xff);
	outb(PIT_CHANNEL2, pit_count >> 8);

	lapic_timer_start_calibration();
	uint64_t tsc_start = rdtsc();
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01); /* gate high: count starts */
	while (!(inb(PIT_GATE_PORT) & 0x20))			  /* OUT2 rises at zero */
		cpu_relax();
	uint64_t tsc_end = rdtsc();
	uint32_t lapic_elapsed = 0xffffffff - lapic_timer_remaining();
	outb(PIT_GATE_PORT, inb(PIT_GATE_PORT) & ~0x01);

	/* The PIT really counted pit_count ticks, which is not exactly CALIBRATION_MS. */
	uint64_t elapsed_ns = (uint64_t)pit_count * NSEC_PER_SEC / PIT_FREQUENCY_HZ;
	tsc_hz = (tsc_end - tsc_start) * NSEC_PER_SEC / elapsed_ns;
	ns_per_tsc_mult = (NSEC_PER_SEC << 32) / tsc_hz; /* 1e9 * 2^32 fits in 64 bits */
	tsc_at_boot = tsc_start;
	lapic_count_per_tick = (uint32_t)((uint64_t)lapic_elapsed * NSEC_PER_TICK / elapsed_ns);
	if (lapic_count_per_tick == 0)
		lapic_count_per_tick = 1;

	irq_register_vector(VECTOR_LAPIC_TIMER, timer_interrupt);
	lapic_timer_start(VECTOR_LAPIC_TIMER, lapic_count_per_tick);
	printk(KERN_INFO "clock: TSC %lu.%03lu MHz, APIC timer %u counts per tick, HZ=%d\n",
	       tsc_hz / 1000000, tsc_hz / 1000 % 1000, lapic_count_per_tick, HZ);
}
