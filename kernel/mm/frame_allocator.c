/*
 * Physical frame bookkeeping (include/frame_allocator.h): a bitmap searched next-fit.
 * Next-fit spreads allocations through memory and makes the common single-frame case fast
 * (the hint usually points at a free frame); contiguous runs are searched the same way.
 */
#include "frame_allocator.h"
#include "bitmap.h"
#include "uapi/errno.h"

void frame_allocator_init(struct frame_allocator *allocator, uint64_t *bitmap, size_t frame_count)
{
	allocator->bitmap = bitmap;
	allocator->frame_count = frame_count;
	allocator->free_count = 0;
	allocator->next_hint = 0;
	bitmap_set_range(bitmap, 0, BITMAP_WORDS(frame_count) * BITS_PER_WORD);
}

static size_t clamp_count(const struct frame_allocator *allocator, size_t first, size_t count)
{
	if (first >= allocator->frame_count)
		return 0;
	return count < allocator->frame_count - first ? count : allocator->frame_count - first;
}

void frame_allocator_add_free(struct frame_allocator *allocator, size_t first, size_t count)
{
	count = clamp_count(allocator, first, count);
	for (size_t frame = first; frame < first + count; frame++) {
		if (bitmap_test(allocator->bitmap, frame)) {
			bitmap_clear(allocator->bitmap, frame);
			allocator->free_count++;
		}
	}
}

void frame_allocator_reserve(struct frame_allocator *allocator, size_t first, size_t count)
{
	count = clamp_count(allocator, first, count);
	for (size_t frame = first; frame < first + count; frame++) {
		if (!bitmap_test(allocator->bitmap, frame)) {
			bitmap_set(allocator->bitmap, frame);
			allocator->free_count--;
		}
	}
}

static size_t search(struct frame_allocator *allocator, size_t start, size_t count, size_t limit)
{
	size_t found = bitmap_find_clear_run(allocator->bitmap, limit, start, count);
	return found == limit ? FRAME_NONE : found;
}

size_t frame_allocator_alloc(struct frame_allocator *allocator, size_t count, size_t limit)
{
	if (limit > allocator->frame_count)
		limit = allocator->frame_count;
	if (count == 0 || count > allocator->free_count)
		return FRAME_NONE;

	size_t start = allocator->next_hint < limit ? allocator->next_hint : 0;
	size_t found = search(allocator, start, count, limit);
	if (found == FRAME_NONE && start != 0)
		found = search(allocator, 0, count, limit);
	if (found == FRAME_NONE)
		return FRAME_NONE;

	bitmap_set_range(allocator->bitmap, found, count);
	allocator->free_count -= count;
	allocator->next_hint = found + count;
	return found;
}

int frame_allocator_free(struct frame_allocator *allocator, size_t first, size_t count)
{
	if (first >= allocator->frame_count || count > allocator->frame_count - first)
		return -EINVAL;
	for (size_t frame = first; frame < first + count; frame++) {
		if (!bitmap_test(allocator->bitmap, frame))
			return -EINVAL;
	}
	bitmap_clear_range(allocator->bitmap, first, count);
	allocator->free_count += count;
	return 0;
}

bool frame_allocator_is_free(const struct frame_allocator *allocator, size_t frame)
{
	return frame < allocator->frame_count && !bitmap_test(allocator->bitmap, frame);
}
