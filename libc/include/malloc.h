/*
 * Allocator introspection, a Spindle extension next to malloc(3) (malloc_usable_size(3) is
 * as in glibc). Tests use malloc_get_statistics() as a leak counter and malloc_check_heap()
 * to verify the allocator's invariants.
 */
#ifndef SPINDLE_LIBC_MALLOC_H
#define SPINDLE_LIBC_MALLOC_H

#include <stddef.h>
#include <stdlib.h>

struct malloc_statistics {
	size_t heap_bytes;    /* bytes obtained with brk */
	size_t free_bytes;    /* bytes in free heap blocks, headers included */
	size_t used_blocks;   /* live blocks in the brk heap */
	size_t free_blocks;   /* blocks on the free list */
	size_t mapped_blocks; /* live blocks that have their own mmap */
	size_t mapped_bytes;  /* bytes in those mappings */
};

/* Bytes usable at pointer, at least what was asked for. pointer must be live. */
size_t malloc_usable_size(void *pointer);
void malloc_get_statistics(struct malloc_statistics *statistics);
/* Walks the heap and the free list. Returns 0 when consistent, -1 (and says why on stderr). */
int malloc_check_heap(void);

#endif
