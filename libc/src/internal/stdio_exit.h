/*
 * The hook exit() uses to flush stdio (stdio/file.c). It is a weak reference, so a program
 * that never touches stdio does not link it in.
 */
#ifndef SPINDLE_LIBC_INTERNAL_STDIO_EXIT_H
#define SPINDLE_LIBC_INTERNAL_STDIO_EXIT_H

/* Flushes every open stream. */
void libc_stdio_flush_all(void) __attribute__((weak));

#endif
