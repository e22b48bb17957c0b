/*
 * Legacy 8259A PIC pair (kernel/arch/x86_64/pic.c) and the local APIC
 * (kernel/arch/x86_64/lapic.c).
 *
 * ISA devices (the serial port) still raise their IRQs through the 8259s, remapped to
 * vectors 32..47 and delivered to the boot CPU's local APIC in "virtual wire" mode (LINT0 as
 * ExtINT). The timer is the local APIC timer, one per CPU, which is what SMP needs.
 */
#ifndef SPINDLE_ARCH_PIC_H
#define SPINDLE_ARCH_PIC_H

#include "types.h"

void pic_init(void);
void pic_unmask(unsigned irq);
void pic_mask(unsigned irq);
/* Acknowledge irq. Returns false for a spurious IRQ 7/15, which must not be handled. */
bool pic_acknowledge(unsigned irq);

void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);
/* Start the periodic timer on this CPU: `count` bus ticks (divided by 16) per interrupt. */
void lapic_timer_start(unsigned vector, uint32_t count);
/* One-shot countdown from 0xffffffff for calibration, then read what is left. */
void lapic_timer_start_calibration(void);
uint32_t lapic_timer_remaining(void);
/* Has the local APIC accepted this interrupt without delivering it yet (its IRR bit)? */
bool lapic_is_pending(unsigned vector);

#endif
