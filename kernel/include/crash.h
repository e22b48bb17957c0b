/*
 * Deliberate kernel crashes (kernel/lib/crash.c), to show -- and test -- what a kernel bug
 * looks like: boot with `crash=KIND` and the kernel commits that bug right after start-up.
 * KIND is one of: null (write through a NULL pointer), ud2 (invalid opcode), divide (divide
 * by zero), text (write to kernel text), panic, bug (a failed BUG_ON), overflow (unbounded
 * recursion on the kernel stack), canary (overrun a local buffer: the stack protector),
 * spinlock (take a spinlock twice), unlock (release a spinlock nobody holds) -- the last
 * two are caught by the debug checks in DEBUG builds.
 */
#ifndef SPINDLE_CRASH_H
#define SPINDLE_CRASH_H

/* Commit the named crash. Returns only for an unknown kind. */
void crash_trigger(const char *kind);

#endif
