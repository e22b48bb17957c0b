/*
 * IDT setup (include/arch/idt.h). 256 64-bit interrupt gates (Intel SDM Vol. 3A 6.14.1):
 * interrupts stay off inside every handler until it chooses otherwise. Gates are DPL 0, so
 * `int $n` from user mode raises #GP instead of faking a hardware interrupt; only the
 * breakpoint vector is DPL 3, as on Linux, so int3 in a user program works. Double fault,
 * NMI and machine check run on their own IST stacks: they can strike when the current stack
 * is unusable (a kernel stack overflow ends in a double fault).
 */
#include "arch/idt.h"
#include "arch/gdt.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3      0x60

extern const uint64_t isr_stub_table[VECTOR_COUNT];
static struct idt_gate idt[VECTOR_COUNT] __attribute__((aligned(16)));

static void set_gate(unsigned vector, uint64_t handler, uint8_t ist, uint8_t attributes)
{
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attributes = attributes,
		.offset_middle = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (unsigned vector = 0; vector < VECTOR_COUNT; vector++)
		set_gate(vector, isr_stub_table[vector], 0, GATE_INTERRUPT);
	set_gate(VECTOR_BREAKPOINT, isr_stub_table[VECTOR_BREAKPOINT], 0,
		 GATE_INTERRUPT | GATE_DPL3);
	set_gate(VECTOR_DOUBLE_FAULT, isr_stub_table[VECTOR_DOUBLE_FAULT], IST_DOUBLE_FAULT,
		 GATE_INTERRUPT);
	set_gate(VECTOR_NMI, isr_stub_table[VECTOR_NMI], IST_NMI, GATE_INTERRUPT);
	set_gate(18, isr_stub_table[18], IST_MACHINE_CHECK, GATE_INTERRUPT);
	idt_load();
}

void idt_load(void)
{
	struct idt_pointer pointer = {sizeof(idt) - 1, (uint64_t)idt};
	__asm__ volatile("lidt %0" : : "m"(pointer));
}
