/*
 * Multiboot headers: how a boot loader recognises the kernel.
 *
 * Two headers sit at the very start of the image:
 *  - multiboot2 (spec 2.0, "Multiboot2 Specification" section 3.1): used by GRUB's
 *    `multiboot2` command on BIOS and UEFI. GRUB reads our ELF program headers to load us.
 *  - multiboot1 (spec 0.6.96 section 3.1) with the a.out kludge (flag bit 16): used by
 *    QEMU's `-kernel`, which refuses 64-bit ELF files but happily copies a flat image to the
 *    addresses the header names. This is how tests boot quickly with `-append` and `-initrd`.
 *
 * Both loaders enter boot_entry32 in 32-bit protected mode with paging off; EAX holds the
 * loader's magic number and EBX the physical address of its information structure.
 */
#include "memlayout.h"

#define MB1_MAGIC 0x1badb002
#define MB1_FLAGS ((1 << 0) | (1 << 1) | (1 << 16)) /* page-align modules, mem info, a.out kludge */
#define MB2_MAGIC 0xe85250d6

	.section .multiboot, "a"
	.align 8
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long 0x100000000 - (MB1_MAGIC + MB1_FLAGS)
	.long mb1_header			/* header_addr: .boot is linked at its physical address */
	.long kernel_phys_start			/* load_addr */
	.long kernel_bss_start - KERNEL_VMA	/* load_end_addr: end of the file-backed part */
	.long kernel_phys_end			/* bss_end_addr: loader zeroes up to here */
	.long boot_entry32			/* entry_addr */

	.align 8
mb2_header:
	.long MB2_MAGIC
	.long 0					/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MB2_MAGIC + (mb2_header_end - mb2_header))
	/* end tag */
	.align 8
	.short 0
	.short 0
	.long 8
mb2_header_end:
