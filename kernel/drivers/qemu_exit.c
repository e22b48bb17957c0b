/*
 * isa-debug-exit (include/qemu.h). On a real machine port 0xf4 is unused and the write does
 * nothing, so callers fall through to halting.
 */
#include "qemu.h"
#include "arch/cpu.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4

void qemu_exit(enum qemu_exit_code code)
{
	outl(QEMU_DEBUG_EXIT_PORT, code);
}
