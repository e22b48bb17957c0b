/*
 * CPU protection features (include/arch/cpu_features.h).
 * CPUID leaf 7 sub-leaf 0: EBX bit 7 SMEP, EBX bit 20 SMAP, ECX bit 2 UMIP
 * (Intel SDM Vol. 2A, CPUID, table 3-8).
 */
#include "arch/cpu_features.h"
#include "arch/cpu.h"
#include "vmm.h"

void cpu_features_init(struct cpu_protection *enabled)
{
	struct cpuid_result leaf7 = {0};
	uint64_t cr4 = read_cr4();

	if (cpuid(0, 0).eax >= 7)
		leaf7 = cpuid(7, 0);
	enabled->smep = leaf7.ebx & (1u << 7);
	enabled->smap = leaf7.ebx & (1u << 20);
	enabled->umip = leaf7.ecx & (1u << 2);
	enabled->nx = vmm_has_nx();
	/* SSE for user programs (every x86_64 CPU has it): the kernel itself never touches
	 * FPU or vector registers (-mgeneral-regs-only), it only saves and restores them. */
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP);
	cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (enabled->smep)
		cr4 |= CR4_SMEP;
	if (enabled->smap)
		cr4 |= CR4_SMAP;
	if (enabled->umip)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
}
