/*
 * The stack protector (kernel/lib/stack_protector.c): a random canary checked on every
 * return from a function with local buffers. The build uses -fstack-protector-strong with
 * one global guard (-mstack-protector-guard=global), not the %fs-relative one user space uses.
 */
#ifndef SPINDLE_STACK_PROTECTOR_H
#define SPINDLE_STACK_PROTECTOR_H

#include "compiler.h"
#include "types.h"

extern uint64_t __stack_chk_guard;

/* Pick a random canary. Call once, from kmain, before anything that returns to it runs. */
void stack_protector_init(void);

/* Called by compiled code when a canary does not match: panics, naming the function. */
noreturn void __stack_chk_fail(void);

#endif
