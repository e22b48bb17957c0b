/*
 * x86_64 instructions the rest of the kernel needs, as inline functions: port I/O, MSRs,
 * control registers, CPUID, the TSC, interrupt flag handling, halting.
 * This header and the files in kernel/arch/x86_64/ are the only places with inline assembly.
 */
#ifndef SPINDLE_ARCH_CPU_H
#define SPINDLE_ARCH_CPU_H

#include "compiler.h"

#define MSR_EFER	   0xc0000080
#define MSR_FS_BASE	   0xc0000100
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_APIC_BASE	   0x1b

#define EFER_NXE (1u << 11)

#define CR0_MP	       (1ul << 1)
#define CR0_EM	       (1ul << 2)
#define CR0_WP	       (1ul << 16)
#define CR4_OSFXSR     (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_UMIP       (1ul << 11)
#define CR4_SMEP       (1ul << 20)
#define CR4_SMAP       (1ul << 21)

#define RFLAGS_IF (1ul << 9)

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;
	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t low, high;
	__asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
	return ((uint64_t)high << 32) | low;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

#define DEFINE_CR_ACCESSORS(n)                                                                     \
	static inline uint64_t read_cr##n(void)                                                    \
	{                                                                                          \
		uint64_t value;                                                                    \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(value));                              \
		return value;                                                                      \
	}                                                                                          \
	static inline void write_cr##n(uint64_t value)                                             \
	{                                                                                          \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(value) : "memory");                     \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

struct cpuid_result {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_result cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_result r;
	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdtsc(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

static inline void invlpg(virt_addr_t address)
{
	__asm__ volatile("invlpg (%0)" : : "r"(address) : "memory");
}

static inline uint64_t read_rflags(void)
{
	uint64_t flags;
	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags;
}

static inline void irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline bool irq_is_enabled(void)
{
	return read_rflags() & RFLAGS_IF;
}

/* Disable interrupts and return whether they were on, for irq_restore(). */
static inline uint64_t irq_save(void)
{
	uint64_t flags = read_rflags();
	irq_disable();
	return flags;
}

static inline void irq_restore(uint64_t flags)
{
	if (flags & RFLAGS_IF)
		irq_enable();
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* Wait for the next interrupt with interrupts enabled (sti; hlt has no race window). */
static inline void cpu_idle_wait(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

static inline noreturn void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* Save / load the x87, MMX and SSE registers (512 bytes, 16-byte aligned). */
static inline void fxsave(void *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

static inline void fxrstor(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

static inline uint64_t read_frame_pointer(void)
{
	uint64_t rbp;
	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	return rbp;
}

#endif
