/*
 * Per-CPU GDT and TSS (include/arch/gdt.h). In long mode segmentation is mostly off: code
 * segments only say "64-bit, ring N", data segments are ignored except for their DPL. The
 * TSS no longer switches tasks; it holds the stack pointers the CPU loads on a trap
 * (Intel SDM Vol. 3A 7.7 "Task Management in 64-bit Mode").
 */
#include "arch/gdt.h"
#include "arch/cpu.h"
#include "percpu.h"
#include "string.h"

#define GDT_ENTRIES 10

struct gdt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

struct cpu_tables {
	uint64_t gdt[GDT_ENTRIES];
	struct tss tss;
	uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));
};

static struct cpu_tables cpu_tables[MAX_CPUS];

/* Access bytes and flags: present, DPL, code/data, 64-bit (L) or 32-bit (D/B), 4 KiB units. */
#define SEG_KERNEL_CODE64 0x00af9a000000ffffull
#define SEG_KERNEL_CODE32 0x00cf9a000000ffffull
#define SEG_KERNEL_DATA	  0x00cf92000000ffffull
#define SEG_USER_CODE32	  0x00cffa000000ffffull
#define SEG_USER_DATA	  0x00cff2000000ffffull
#define SEG_USER_CODE64	  0x00affa000000ffffull

static void set_tss_descriptor(uint64_t *gdt, struct tss *tss)
{
	uint64_t base = (uint64_t)tss;
	uint64_t limit = sizeof(*tss) - 1;
	gdt[8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ull << 40) /* present, 64-bit TSS */
		 | (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[9] = base >> 32;
}

void gdt_init_cpu(struct cpu_local *cpu)
{
	struct cpu_tables *tables = &cpu_tables[cpu->id];
	uint64_t *gdt = tables->gdt;

	memset(tables, 0, sizeof(*tables) - sizeof(tables->ist_stacks));
	gdt[1] = SEG_KERNEL_CODE32;
	gdt[KERNEL_CS / 8] = SEG_KERNEL_CODE64;
	gdt[KERNEL_DS / 8] = SEG_KERNEL_DATA;
	gdt[USER32_CS / 8] = SEG_USER_CODE32;
	gdt[USER_DS / 8] = SEG_USER_DATA;
	gdt[USER_CS / 8] = SEG_USER_CODE64;
	tables->tss.iomap_base =
		sizeof(struct tss); /* no I/O permission bitmap: ring 3 gets no ports */
	for (int i = 0; i < 3; i++)
		tables->tss.ist[i] = (uint64_t)&tables->ist_stacks[i][IST_STACK_SIZE];
	set_tss_descriptor(gdt, &tables->tss);
	cpu->tss = &tables->tss;

	struct gdt_pointer pointer = {sizeof(tables->gdt) - 1, (uint64_t)gdt};
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ds\n\t"
			 "movw %w2, %%es\n\t"
			 "movw %w2, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(pointer), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SELECTOR)
			 : "rax", "memory");
}
