/*
 * The frame allocator's bookkeeping (kernel/mm/frame_allocator.c): one bit per physical
 * frame, set when the frame is in use or not RAM at all. Pure code, no locking, no hardware:
 * pmm.c wraps it with a lock and the boot memory map; tests/host/ drives it with a fake map.
 */
#ifndef SPINDLE_FRAME_ALLOCATOR_H
#define SPINDLE_FRAME_ALLOCATOR_H

#include "types.h"

#define FRAME_NONE ((size_t)-1)

struct frame_allocator {
	uint64_t *bitmap;   /* frame_count bits; 1 = unavailable */
	size_t frame_count; /* frames covered, from frame 0 */
	size_t free_count;  /* clear bits */
	size_t next_hint;   /* where the next search starts (next-fit) */
};

/* Start with every frame unavailable. bitmap holds BITMAP_WORDS(frame_count) words. */
void frame_allocator_init(struct frame_allocator *allocator, uint64_t *bitmap, size_t frame_count);
/* Make [first, first + count) available (RAM from the memory map). Frames past the end are ignored.
 */
void frame_allocator_add_free(struct frame_allocator *allocator, size_t first, size_t count);
/* Take [first, first + count) out of use for good (kernel image, modules...). */
void frame_allocator_reserve(struct frame_allocator *allocator, size_t first, size_t count);
/*
 * Allocate `count` contiguous frames, all below frame `limit` (FRAME_NONE: no limit).
 * Returns the first frame, or FRAME_NONE when no such run is free.
 */
size_t frame_allocator_alloc(struct frame_allocator *allocator, size_t count, size_t limit);
/* Free frames from an earlier allocation. Returns 0, or -EINVAL if any is already free. */
int frame_allocator_free(struct frame_allocator *allocator, size_t first, size_t count);
bool frame_allocator_is_free(const struct frame_allocator *allocator, size_t frame);

#endif
