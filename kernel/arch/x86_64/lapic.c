/*
 * Local APIC (include/arch/pic.h). Register offsets from Intel SDM Vol. 3A 11.4 and 11.5:
 * ID 0x20, EOI 0xb0, spurious vector 0xf0, LVT timer 0x320, LINT0 0x350, LINT1 0x360,
 * timer initial count 0x380, current count 0x390, divide configuration 0x3e0.
 * The registers are memory mapped at the address in IA32_APIC_BASE, mapped uncached.
 */
#include "arch/pic.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "vmm.h"

#define LAPIC_ID	    0x020
#define LAPIC_EOI	    0x0b0
#define LAPIC_SPURIOUS	    0x0f0
#define LAPIC_IRR	    0x200 /* eight 32-bit words, 16 bytes apart: vector n is bit n */
#define LAPIC_LVT_TIMER	    0x320
#define LAPIC_LVT_LINT0	    0x350
#define LAPIC_LVT_LINT1	    0x360
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE  0x3e0

#define APIC_BASE_ENABLE (1ul << 11)
#define SPURIOUS_ENABLE	 (1u << 8)
#define LVT_MASKED	 (1u << 16)
#define LVT_PERIODIC	 (1u << 17)
#define LVT_EXTINT	 (7u << 8)
#define LVT_NMI		 (4u << 8)
#define DIVIDE_BY_16	 0x3

static volatile uint32_t *lapic;

static uint32_t lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t value)
{
	lapic[reg / 4] = value;
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = vmm_ioremap(base & ~0xffful, PAGE_SIZE);
	lapic_write(LAPIC_SPURIOUS, SPURIOUS_ENABLE | VECTOR_SPURIOUS);
	/* Virtual wire: the 8259's output arrives on LINT0, NMIs on LINT1. */
	lapic_write(LAPIC_LVT_LINT0, LVT_EXTINT);
	lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_eoi();
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

void lapic_timer_start(unsigned vector, uint32_t count)
{
	lapic_write(LAPIC_TIMER_DIVIDE, DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | vector);
	lapic_write(LAPIC_TIMER_INITIAL, count);
}

void lapic_timer_start_calibration(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INITIAL, 0xffffffff);
}

uint32_t lapic_timer_remaining(void)
{
	return lapic_read(LAPIC_TIMER_CURRENT);
}

bool lapic_is_pending(unsigned vector)
{
	return lapic_read(LAPIC_IRR + (vector / 32) * 0x10) & (1u << (vector % 32));
}
