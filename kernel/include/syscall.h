/*
 * System calls (kernel/syscall/): the table that maps Linux x86_64 numbers to handlers,
 * and the handlers' prototypes. Handlers take their arguments as the registers carried
 * them (rdi, rsi, rdx, r10, r8, r9) and return a value or -errno, which becomes rax.
 * Every pointer argument is a user address and is only touched through uaccess.h.
 */
#ifndef SPINDLE_SYSCALL_H
#define SPINDLE_SYSCALL_H

#include "arch/trap.h"

#define SYSCALL_VECTOR 256 /* trap_frame.vector of a frame built by the syscall entry */

/* Program the syscall MSRs on this CPU (arch/x86_64/syscall_setup.c). */
void syscall_init(void);
/* Called from syscall.S with the user's registers. */
void syscall_dispatch(struct trap_frame *frame);
/* Number of system calls made since boot, for statistics. */
uint64_t syscall_count(void);

#endif
