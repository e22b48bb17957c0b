/*
 * The kernel's own symbol table, for symbolised backtraces (kernel/lib/ksyms.c).
 * The build links the kernel twice: the second link embeds the function names and addresses
 * found in the first (scripts/gen-ksyms.sh), in the .ksyms section at the end of .rodata.
 */
#ifndef SPINDLE_KSYMS_H
#define SPINDLE_KSYMS_H

#include "types.h"

/*
 * Find the function containing address. Returns its name and sets *offset to
 * address - start of the function, or returns NULL when the address is in no known function.
 */
const char *ksyms_lookup(virt_addr_t address, uint64_t *offset);

/* Start address of the named function, or 0. */
virt_addr_t ksyms_address_of(const char *name);

/* Format "name+0xoff" (or the bare hex address) into buffer; returns buffer. */
char *ksyms_format(virt_addr_t address, char *buffer, size_t size);

#endif
