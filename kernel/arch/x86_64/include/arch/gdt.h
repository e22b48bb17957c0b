/*
 * Segment selectors and per-CPU descriptor tables (kernel/arch/x86_64/gdt.c).
 * The GDT layout is Linux's, so the selectors user programs see in signal frames and
 * ptrace (CS 0x33, SS 0x2b) are the same as on Linux:
 *   0x10 kernel code, 0x18 kernel data, 0x23 user 32-bit code, 0x2b user data,
 *   0x33 user 64-bit code, 0x40 TSS (16 bytes).
 */
#ifndef SPINDLE_ARCH_GDT_H
#define SPINDLE_ARCH_GDT_H

#define KERNEL_CS    0x10
#define KERNEL_DS    0x18
#define USER32_CS    0x23
#define USER_DS	     0x2b
#define USER_CS	     0x33
#define TSS_SELECTOR 0x40

#ifndef __ASSEMBLER__
#include "types.h"

/* Interrupt stack table slots (TSS.IST1..7) for faults that cannot trust the current stack. */
#define IST_DOUBLE_FAULT  1
#define IST_NMI		  2
#define IST_MACHINE_CHECK 3
#define IST_STACK_SIZE	  16384

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* rsp[0]: the stack an interrupt from user mode switches to */
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct cpu_local;
/* Build and load this CPU's GDT and TSS; reload every segment register. */
void gdt_init_cpu(struct cpu_local *cpu);
#endif

#endif
