/*
 * Memory mappings (man 2 mmap, man 2 mprotect). Flags are Linux's, from uapi/mman.h.
 * mmap returns MAP_FAILED and sets errno on failure.
 */
#ifndef SPINDLE_LIBC_SYS_MMAN_H
#define SPINDLE_LIBC_SYS_MMAN_H

#include <sys/types.h>
#include "uapi/mman.h"

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset);
int munmap(void *address, size_t length);
int mprotect(void *address, size_t length, int protection);
int msync(void *address, size_t length, int flags);
int madvise(void *address, size_t length, int advice);
void *mremap(void *old_address, size_t old_length, size_t new_length, int flags, ...);

#endif
