/*
 * What fork() does around the system call (unistd/process.c; POSIX.1-2017 "fork": a child
 * of a threaded process has one thread, and locks other threads held stay held). fork()
 * holds the malloc lock across the call, so that it is free in the child and malloc works
 * there. The hooks are weak references, so a program that never allocates does not link the
 * allocator.
 */
#ifndef SPINDLE_LIBC_INTERNAL_FORK_H
#define SPINDLE_LIBC_INTERNAL_FORK_H

/* Takes and releases the allocator's lock (stdlib/malloc.c). */
void libc_malloc_fork_lock(void) __attribute__((weak));
void libc_malloc_fork_unlock(void) __attribute__((weak));

#endif
