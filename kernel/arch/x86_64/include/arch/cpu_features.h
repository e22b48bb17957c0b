/*
 * CPU protection features (kernel/arch/x86_64/cpu_features.c): turned on when CPUID says
 * the CPU has them, so the same kernel runs on `-cpu qemu64` (none of them) and `-cpu max`.
 *   SMEP: the kernel may not execute user pages.   SMAP: nor touch them outside user copies.
 *   UMIP: user mode may not read descriptor-table registers (sgdt/sidt/smsw...).
 */
#ifndef SPINDLE_ARCH_CPU_FEATURES_H
#define SPINDLE_ARCH_CPU_FEATURES_H

#include "types.h"

struct cpu_protection {
	bool nx, smep, smap, umip;
};

/* Enable what the CPU offers in CR4; report what is on (NX is enabled by vmm_init). */
void cpu_features_init(struct cpu_protection *enabled);

#endif
