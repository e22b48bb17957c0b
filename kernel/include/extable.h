/*
 * The exception-fixup table (kernel/lib/extable.c, entries made in assembly).
 *
 * Some kernel instructions are allowed to fault: those that touch memory which may be
 * unmapped or protected (user copies, the probes used by tests and backtraces). Each one has
 * an entry {instruction address, fixup address} in the .extable section. When such an
 * instruction faults, the trap handler finds its entry and resumes at the fixup, which
 * returns an error, instead of treating the fault as a kernel bug.
 */
#ifndef SPINDLE_EXTABLE_H
#define SPINDLE_EXTABLE_H

#include "types.h"

struct extable_entry {
	virt_addr_t instruction;
	virt_addr_t fixup;
};

/* Fixup address for a faulting instruction, or 0 when it has none. */
virt_addr_t extable_find_fixup(virt_addr_t instruction);

/*
 * Probes: touch one kernel address and report instead of crashing.
 * Return 0, or -EFAULT when the access faulted.
 */
int probe_read_u64(const void *address, uint64_t *value);
int probe_write_u8(void *address, uint8_t value);

#endif
