/*
 * Virtual memory: page tables (kernel/mm/vmm.c).
 *
 * An address space is a PML4 page, named here by its physical address. The kernel half
 * (PML4 entries 256..511) is built once by vmm_init() and is the same in every address space:
 * the direct map of RAM, the kernel virtual area (stacks, MMIO) and the kernel image, mapped
 * W^X -- text read+execute, rodata read-only, data and bss read+write, never executable.
 *
 * Mapping functions take the VMM lock; they may allocate page-table frames and return
 * -ENOMEM when none is left.
 */
#ifndef SPINDLE_VMM_H
#define SPINDLE_VMM_H

#include "bootinfo.h"
#include "memlayout.h"

/* Protection flags for mappings, independent of the page-table format. */
#define VM_READ	   0x0 /* every present mapping is readable */
#define VM_WRITE   0x1
#define VM_EXEC	   0x2
#define VM_USER	   0x4
#define VM_NOCACHE 0x8 /* device memory */

/* Build the final kernel page tables and switch to them; enables NX if the CPU has it. */
void vmm_init(const struct boot_info *info);

/* The kernel's own address space (physical address of its PML4). */
phys_addr_t vmm_kernel_space(void);

/* Map one 4 KiB page. Returns 0, -ENOMEM, -EEXIST (already mapped) or -EINVAL (unaligned). */
int vmm_map_page(phys_addr_t space, virt_addr_t virt, phys_addr_t phys, unsigned flags);
/*
 * Unmap one 4 KiB page; stores the frame it mapped in *phys (the frame itself is the caller's
 * to free). Page tables left empty are freed. Returns 0 or -ENOENT.
 */
int vmm_unmap_page(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys);
/*
 * Walk the tables for virt. Returns true when it is mapped, with the physical address in
 * *phys and the VM_* flags in *flags (either may be NULL). Understands 2 MiB / 1 GiB pages.
 */
bool vmm_translate(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys, unsigned *flags);

/* A new address space: empty user half, the kernel half shared. 0 when out of memory. */
phys_addr_t vmm_create_space(void);
/* Free the user half of an address space -- every mapped frame loses one reference
 * (pmm_put), every page table is freed -- and then the PML4 itself. */
void vmm_destroy_space(phys_addr_t space);
/* Change the VM_* flags of a mapped 4 KiB page, keeping its frame. Returns 0 or -ENOENT. */
int vmm_set_flags(phys_addr_t space, virt_addr_t virt, unsigned flags);

/* fork: copy the user mappings of [start, end); private ones become copy-on-write. */
int vmm_copy_user_range(phys_addr_t source, phys_addr_t destination, virt_addr_t start,
			virt_addr_t end, bool shared);

/* Map device memory (uncached, no execute) into the kernel virtual area. NULL on failure. */
void *vmm_ioremap(phys_addr_t phys, size_t size);

/* Does the CPU enforce no-execute (EFER.NXE on)? */
bool vmm_has_nx(void);

#endif
