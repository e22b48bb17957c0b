/*
 * The register frame saved on every interrupt, exception and system call.
 * Built by kernel/arch/x86_64/isr.S: the general registers pushed by the stub, then the
 * vector and error code, then what the CPU pushed (Intel SDM Vol. 3A 6.14.2).
 * The field order must match isr.S.
 */
#ifndef SPINDLE_ARCH_TRAP_H
#define SPINDLE_ARCH_TRAP_H

#include "compiler.h"

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code; /* 0 for vectors without one */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define VECTOR_DIVIDE_ERROR   0
#define VECTOR_DEBUG	      1
#define VECTOR_NMI	      2
#define VECTOR_BREAKPOINT     3
#define VECTOR_INVALID_OPCODE 6
#define VECTOR_DOUBLE_FAULT   8
#define VECTOR_GP_FAULT	      13
#define VECTOR_PAGE_FAULT     14
#define VECTOR_IRQ_BASE	      32 /* legacy PIC IRQ 0..15 -> vectors 32..47 */
#define VECTOR_LAPIC_TIMER    48
#define VECTOR_SPURIOUS	      255
#define VECTOR_COUNT	      256

#endif
