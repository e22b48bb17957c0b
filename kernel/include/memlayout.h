/*
 * Spindle's virtual memory layout (x86_64, 4-level paging, 48-bit addresses).
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (per process: include/mm.h)
 *   0xffff888000000000 .. +RAM size            direct map of all physical RAM (as Linux)
 *   0xffffc90000000000 .. +1 TiB               kernel virtual area: stacks with guard pages,
 *                                              MMIO (vmm_map_kernel_range, vmm_ioremap)
 *   0xffffffff80000000 .. +kernel image        the kernel image (text, rodata, data, bss),
 *                                              loaded at physical 1 MiB
 *
 * This header is included from assembly too, so it holds only #defines.
 */
#ifndef SPINDLE_MEMLAYOUT_H
#define SPINDLE_MEMLAYOUT_H

#define KERNEL_PHYS	  0x100000
#define KERNEL_VMA	  0xffffffff80000000
#define DIRECT_MAP_BASE	  0xffff888000000000
#define KERNEL_VAREA_BASE 0xffffc90000000000
#define KERNEL_VAREA_SIZE 0x10000000000
#define USER_SPACE_END	  0x0000800000000000

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096

/* How much the boot page tables map, identity and in the direct map: the first 4 GiB. */
#define BOOT_MAPPED_BYTES 0x100000000

#define BOOT_STACK_SIZE 16384

#endif
