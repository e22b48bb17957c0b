/*
 * Kernel stacks (kernel/mm/kstack.c): KSTACK_SIZE bytes in the kernel virtual area, each
 * with an unmapped guard page right below it. A kernel stack overflow touches the guard,
 * faults, and -- since the fault cannot push its frame on the broken stack -- becomes a
 * double fault on its own IST stack, which reports the overflow instead of letting it
 * silently corrupt whatever memory came next.
 */
#ifndef SPINDLE_KSTACK_H
#define SPINDLE_KSTACK_H

#include "memlayout.h"
#include "types.h"

#define KSTACK_PAGES 4
#define KSTACK_SIZE  (KSTACK_PAGES * PAGE_SIZE)

/* A new stack (its lowest address), or NULL when out of memory or stack slots. */
void *kstack_alloc(void);
void kstack_free(void *stack);
size_t kstack_live_count(void);
/* Is address inside the guard page of some kernel stack (or of the boot stack)? */
bool kstack_is_guard_address(virt_addr_t address);

#endif
