/*
 * Register dumps and backtraces for panics and unexpected exceptions
 * (kernel/arch/x86_64/debug.c).
 */
#ifndef SPINDLE_ARCH_DEBUG_H
#define SPINDLE_ARCH_DEBUG_H

#include "arch/trap.h"

/* Fill frame with the caller's registers (rip and rbp are the caller's). */
void arch_capture_registers(struct trap_frame *frame);
void arch_dump_registers(const struct trap_frame *frame);
/* Print rip, then walk the rbp chain; each line "#n 0xaddress function+0xoffset". */
void arch_print_backtrace(virt_addr_t rip, virt_addr_t rbp);

#endif
