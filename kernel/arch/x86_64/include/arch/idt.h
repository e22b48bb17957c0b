/*
 * The interrupt descriptor table (kernel/arch/x86_64/idt.c) and the trap dispatcher
 * (kernel/arch/x86_64/traps.c).
 */
#ifndef SPINDLE_ARCH_IDT_H
#define SPINDLE_ARCH_IDT_H

#include "arch/trap.h"

/* Fill the IDT with the stubs from isr.S. Done once; every CPU loads the same table. */
void idt_init(void);
/* Load the IDT on this CPU. */
void idt_load(void);

/* Called from isr.S for every interrupt and exception. */
void trap_dispatch(struct trap_frame *frame);

/* A kernel-mode exception nobody expected: print everything, then stop. */
noreturn void trap_fatal(struct trap_frame *frame);

#endif
