/*
 * Leaving QEMU from inside the kernel, for automated runs (kernel/drivers/qemu_exit.c).
 * QEMU started with `-device isa-debug-exit,iobase=0xf4,iosize=0x04` exits with status
 * (value << 1) | 1 when the kernel writes value to port 0xf4; the runner
 * (scripts/run-qemu.sh) maps those statuses back to pass/fail/panic.
 */
#ifndef SPINDLE_QEMU_H
#define SPINDLE_QEMU_H

#include "compiler.h"

enum qemu_exit_code {
	QEMU_EXIT_PASS = 0x10,	/* QEMU exits 33 */
	QEMU_EXIT_FAIL = 0x11,	/* QEMU exits 35 */
	QEMU_EXIT_PANIC = 0x12, /* QEMU exits 37 */
};

/* Exit QEMU; returns only when the debug-exit device is absent (then the caller halts). */
void qemu_exit(enum qemu_exit_code code);

#endif
