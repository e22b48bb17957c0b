/*
 * Interrupt dispatch (include/irq.h): vectors 32..47 are the 8259 lines, the rest are local
 * vectors (the APIC timer). The handler tables are written at boot, before the line is
 * unmasked, and only read afterwards.
 */
#include "irq.h"
#include "arch/pic.h"
#include "uapi/errno.h"

#define ISA_IRQ_COUNT 16

static irq_handler_t isa_handlers[ISA_IRQ_COUNT];
static void (*vector_handlers[VECTOR_COUNT])(struct trap_frame *frame);

int irq_register(unsigned irq, irq_handler_t handler)
{
	if (irq >= ISA_IRQ_COUNT || !handler)
		return -EINVAL;
	if (isa_handlers[irq])
		return -EBUSY;
	isa_handlers[irq] = handler;
	pic_unmask(irq);
	return 0;
}

void irq_register_vector(unsigned vector, void (*handler)(struct trap_frame *frame))
{
	vector_handlers[vector] = handler;
}

void irq_dispatch(struct trap_frame *frame)
{
	unsigned vector = (unsigned)frame->vector;

	if (vector >= VECTOR_IRQ_BASE && vector < VECTOR_IRQ_BASE + ISA_IRQ_COUNT) {
		unsigned irq = vector - VECTOR_IRQ_BASE;
		if (!pic_acknowledge(irq))
			return;
		if (isa_handlers[irq])
			isa_handlers[irq](irq, frame);
		return;
	}
	if (vector == VECTOR_SPURIOUS)
		return; /* spurious APIC interrupts take no EOI */
	if (vector_handlers[vector])
		vector_handlers[vector](frame);
	lapic_eoi();
}
