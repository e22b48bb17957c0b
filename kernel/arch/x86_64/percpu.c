/*
 * Per-CPU areas (include/percpu.h). GS base points at this CPU's struct cpu_local; user
 * mode will see its own GS through swapgs, so KERNEL_GS_BASE starts at 0.
 */
#include "percpu.h"
#include "arch/cpu.h"

static struct cpu_local cpu_locals[MAX_CPUS];

void percpu_init_boot_cpu(void)
{
	struct cpu_local *cpu = &cpu_locals[0];
	cpu->self = cpu;
	cpu->id = 0;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
