/*
 * kmalloc/kfree: the kernel's general-purpose allocator (kernel/mm/kmalloc.c).
 *
 * Requests up to 2048 bytes come from size-class caches (16, 32, 64, 96, 128, 192, 256, 512,
 * 1024, 2048 bytes); each cache carves 4 KiB slabs into equal objects and keeps freed ones on
 * a per-slab free list. Larger requests take whole contiguous frames. Every cache counts its
 * live objects, so tests can check that everything allocated was freed.
 * In debug builds freed objects are filled with 0x6b; an allocation that finds the pattern
 * disturbed reports a use-after-free. SANITIZE=1 builds put redzones around every object
 * and check them at kfree (an overrun or a bad free panics); objects are then 16-byte
 * aligned, never page aligned.
 * Safe from any context (the cache lock disables interrupts). Memory is 16-byte aligned.
 */
#ifndef SPINDLE_KMALLOC_H
#define SPINDLE_KMALLOC_H

#include "types.h"

#define KMALLOC_MAX_CACHED 2048
#define KMALLOC_POISON	   0x6b
/* Bytes each object costs beyond its size: the redzones of a SANITIZE=1 build. */
#ifdef CONFIG_KMALLOC_REDZONE
#define KMALLOC_OVERHEAD 32
#else
#define KMALLOC_OVERHEAD 0
#endif

/* Set up the caches; called once at boot after pmm_init(). */
void kmalloc_init(void);

/* NULL when memory is exhausted or size is 0. */
void *kmalloc(size_t size);
/* kmalloc, zero-filled. */
void *kzalloc(size_t size);
/* Free a kmalloc'd object; NULL is ignored. A pointer kmalloc never returned is a BUG. */
void kfree(const void *object);

struct kmalloc_cache_stats {
	const char *name;
	size_t object_size;
	size_t live_objects; /* allocated and not yet freed */
	size_t slabs;	     /* 4 KiB pages the cache holds */
	size_t total_allocations;
};

/* Statistics of cache index (0 .. kmalloc_cache_count()-1); index == count is the large pool. */
size_t kmalloc_cache_count(void);
void kmalloc_cache_stats(size_t index, struct kmalloc_cache_stats *stats);
/* Live objects in all caches plus live large allocations. */
size_t kmalloc_live_objects(void);

#endif
