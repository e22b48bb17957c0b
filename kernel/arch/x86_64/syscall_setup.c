/*
 * The MSRs behind the syscall instruction (Intel SDM Vol. 3A 5.8.8, "Fast System Calls in
 * 64-Bit Mode"): EFER.SCE enables it; STAR gives the kernel selectors for syscall and the
 * user selector base for sysret; LSTAR the entry point; SFMASK the RFLAGS bits cleared on
 * entry (interrupts, trap, direction, alignment-check, nested-task, IOPL), as Linux does.
 */
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "syscall.h"

#define MSR_STAR	     0xc0000081
#define MSR_LSTAR	     0xc0000082
#define MSR_SFMASK	     0xc0000084
#define EFER_SCE	     (1u << 0)
#define SYSCALL_MASKED_FLAGS 0x47700 /* TF IF DF IOPL NT AC */

void syscall_entry(void);

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* sysret: CS = USER32_CS + 16 = 0x33, SS = USER32_CS + 8 = 0x2b; syscall: CS 0x10, SS 0x18
	 */
	wrmsr(MSR_STAR, ((uint64_t)USER32_CS << 48) | ((uint64_t)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_SFMASK, SYSCALL_MASKED_FLAGS);
}
