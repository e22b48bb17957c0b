/*
 * Basic types. The fixed-width integers come from the compiler's freestanding headers, so
 * this header works both in the kernel and in host unit tests (tests/host/).
 * Physical and virtual addresses are distinct types so one is never passed for the other.
 */
#ifndef SPINDLE_TYPES_H
#define SPINDLE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t phys_addr_t; /* a physical address */
typedef uint64_t virt_addr_t; /* a kernel or user virtual address, as an integer */
typedef uint64_t pte_t;	      /* one page-table entry, any level */
typedef int64_t ssize_t;

#endif
