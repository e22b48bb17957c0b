/*
 * Hardware interrupt routing (kernel/arch/x86_64/irq.c). Drivers ask for a legacy ISA IRQ
 * line (0-15) and get their handler called from the interrupt path, with interrupts off,
 * after the controller has been acknowledged.
 */
#ifndef SPINDLE_IRQ_H
#define SPINDLE_IRQ_H

#include "arch/trap.h"

typedef void (*irq_handler_t)(unsigned irq, struct trap_frame *frame);

#define IRQ_PIT	 0
#define IRQ_COM1 4

/* Install handler for ISA line irq and unmask it. Returns 0, -EINVAL, or -EBUSY. */
int irq_register(unsigned irq, irq_handler_t handler);
/* Handler for a local vector (LAPIC timer, IPIs later). */
void irq_register_vector(unsigned vector, void (*handler)(struct trap_frame *frame));

#endif
