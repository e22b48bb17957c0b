/*
 * From the boot loader to kmain(): 32-bit protected mode -> long mode -> higher half.
 *
 * Entered by both multiboot loaders with paging off, EAX = loader magic, EBX = physical
 * address of the boot information (see boot/multiboot.S). Steps, as docs/boot.md explains:
 *  1. A stack, then CPUID: no CPUID or no long mode prints a clear message and halts
 *     instead of triple-faulting (Intel SDM Vol. 3A 9.8.5 "Initializing IA-32e Mode").
 *  2. Boot page tables with 2 MiB pages: the first 4 GiB identity mapped (so the next
 *     instruction after enabling paging still exists) and again at DIRECT_MAP_BASE (so kmain
 *     can read the boot info), and the first 1 GiB at -2 GiB for the kernel image.
 *  3. CR4.PAE, CR3, EFER.LME, CR0.PG: the CPU is now in IA-32e compatibility mode; a far jump
 *     through a 64-bit code segment enters 64-bit mode.
 *  4. An absolute jump to the higher half, the real boot stack, kmain(magic, info_phys).
 * vmm_init() later replaces these tables with the final ones and drops the identity map.
 */
#include "memlayout.h"

#define PHYS(sym) ((sym) - KERNEL_VMA)

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)

#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2
#define PTE_HUGE 0x80

	.section .boot.text, "ax"
	.code32
	.global boot_entry32
boot_entry32:
	cli
	cld
	movl $PHYS(boot_stack_top), %esp
	movl %eax, boot_saved_magic		/* kmain's first argument */
	movl %ebx, boot_saved_info		/* boot info (physical): the second */

	/* CPUID exists if EFLAGS.ID (bit 21) can be flipped. */
	pushfl
	popl %eax
	movl %eax, %ecx
	xorl $(1 << 21), %eax
	pushl %eax
	popfl
	pushfl
	popl %eax
	pushl %ecx
	popfl
	cmpl %eax, %ecx
	je no_long_mode

	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx			/* LM: long mode */
	jz no_long_mode

	/* Four page directories of 2 MiB pages: 2048 entries map 4 GiB. */
	movl $PHYS(boot_pd), %edi
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
	movl %eax, (%edi, %ecx, 8)
	movl $0, 4(%edi, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 1b

	/* One PDPT for the low 4 GiB, shared by the identity map and the direct map. */
	movl $PHYS(boot_pdpt_low), %edi
	movl $PHYS(boot_pd), %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl %eax, 0(%edi)
	addl $4096, %eax
	movl %eax, 8(%edi)
	addl $4096, %eax
	movl %eax, 16(%edi)
	addl $4096, %eax
	movl %eax, 24(%edi)

	/* The kernel PDPT: entry 510 (-2 GiB) -> the first GiB. */
	movl $PHYS(boot_pdpt_kernel), %edi
	movl $PHYS(boot_pd), %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl %eax, (510 * 8)(%edi)

	movl $PHYS(boot_pml4), %edi
	movl $PHYS(boot_pdpt_low), %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl %eax, 0(%edi)				/* identity */
	movl %eax, (((DIRECT_MAP_BASE >> 39) & 511) * 8)(%edi)	/* direct map */
	movl $PHYS(boot_pdpt_kernel), %eax
	orl $(PTE_PRESENT | PTE_WRITE), %eax
	movl %eax, (511 * 8)(%edi)			/* kernel image */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0

	movl boot_saved_magic, %edi
	movl boot_saved_info, %esi
	lgdt boot_gdt_pointer
	ljmp $0x08, $long_mode_entry

no_long_mode:
	movl $no_long_mode_message, %esi
	movl $0xb8000, %edi
2:	movb (%esi), %al
	testb %al, %al
	jz 4f
	movb %al, (%edi)			/* VGA text cell: character, then attribute */
	movb $0x4f, 1(%edi)			/* white on red */
	addl $2, %edi
	movw $0x3fd, %dx			/* COM1 line status: wait for an empty transmitter */
3:	inb %dx, %al
	testb $0x20, %al
	jz 3b
	movw $0x3f8, %dx
	movb (%esi), %al
	outb %al, %dx
	incl %esi
	jmp 2b
4:	cli
	hlt
	jmp 4b

	.code64
long_mode_entry:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $higher_half_entry, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff		/* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff		/* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_pointer:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
boot_saved_magic:
	.long 0
boot_saved_info:
	.long 0
no_long_mode_message:
	.asciz "Spindle: this CPU has no 64-bit long mode; Spindle needs an x86_64 CPU. Halted.\r\n"

	.section .text.entry, "ax"
	.code64
	/* The outermost frame: the CFI note tells gdb there is no caller to unwind to. */
	.cfi_sections .debug_frame
	.global higher_half_entry
	.type higher_half_entry, @function
higher_half_entry:
	.cfi_startproc
	.cfi_undefined rip
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	/* EDI = magic, ESI = boot info (zero-extended by the 32-bit moves above). */
	call kmain
5:	cli
	hlt
	jmp 5b
	.cfi_endproc
	.size higher_half_entry, . - higher_half_entry

	.section .bss
	.align 4096
	.global boot_pml4
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_kernel:
	.skip 4096
boot_pd:
	.skip 4 * 4096
	/* Left unmapped by vmm_init(): running off the end of the boot stack faults. */
	.global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack_bottom:
	.skip BOOT_STACK_SIZE
boot_stack_top:
