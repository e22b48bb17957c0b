/*
 * The frame allocator's logic (kernel/mm/frame_allocator.c) against a fake memory map:
 * holes and reserved ranges are never handed out, everything can be allocated and freed,
 * contiguous runs and limits are honoured, double frees are refused.
 */
#include <stdlib.h>
#include "bitmap.h"
#include "frame_allocator.h"
#include "harness.h"
#include "uapi/errno.h"

#define FRAMES 4096

static uint64_t bitmap[BITMAP_WORDS(FRAMES)];

/* RAM at frames [0,159) and [256, 4000), like a small PC; frames 256..511 hold "the kernel". */
static void fake_machine(struct frame_allocator *allocator)
{
	frame_allocator_init(allocator, bitmap, FRAMES);
	frame_allocator_add_free(allocator, 0, 159);
	frame_allocator_add_free(allocator, 256, 4000 - 256);
	frame_allocator_reserve(allocator, 0, 256);
	frame_allocator_reserve(allocator, 256, 256);
}

HOST_TEST(frame_allocator_everything_once)
{
	struct frame_allocator allocator;
	static bool seen[FRAMES];
	fake_machine(&allocator);
	size_t expected = 4000 - 512, count = 0, bad = 0, duplicates = 0;
	CHECK_EQ(allocator.free_count, expected);

	for (size_t frame; (frame = frame_allocator_alloc(&allocator, 1, FRAME_NONE)) != FRAME_NONE;
	     count++) {
		bad += frame < 512 || frame >= 4000;
		duplicates += seen[frame];
		seen[frame] = true;
	}
	CHECK_EQ(count, expected);
	CHECK_EQ(bad, 0);
	CHECK_EQ(duplicates, 0);
	CHECK_EQ(allocator.free_count, 0);
	for (size_t frame = 512; frame < 4000; frame++)
		CHECK_EQ(frame_allocator_free(&allocator, frame, 1), 0);
	CHECK_EQ(allocator.free_count, expected);
}

HOST_TEST(frame_allocator_contiguous_and_limits)
{
	struct frame_allocator allocator;
	fake_machine(&allocator);

	size_t run = frame_allocator_alloc(&allocator, 100, FRAME_NONE);
	CHECK(run != FRAME_NONE && run >= 512 && run + 100 <= 4000);
	CHECK_EQ(frame_allocator_alloc(&allocator, 4000, FRAME_NONE), FRAME_NONE);
	CHECK_EQ(frame_allocator_alloc(&allocator, 1, 512),
		 FRAME_NONE); /* nothing free below 512 */
	size_t low = frame_allocator_alloc(&allocator, 1, 1024);
	CHECK(low >= 512 && low < 1024);
	CHECK_EQ(frame_allocator_free(&allocator, run, 100), 0);
	CHECK_EQ(frame_allocator_free(&allocator, low, 1), 0);
	CHECK_EQ(allocator.free_count, 4000 - 512);
}

HOST_TEST(frame_allocator_refuses_bad_frees)
{
	struct frame_allocator allocator;
	fake_machine(&allocator);
	size_t frame = frame_allocator_alloc(&allocator, 1, FRAME_NONE);
	CHECK_EQ(frame_allocator_free(&allocator, frame, 1), 0);
	CHECK_EQ(frame_allocator_free(&allocator, frame, 1), -EINVAL);	    /* double free */
	CHECK_EQ(frame_allocator_free(&allocator, FRAMES + 5, 1), -EINVAL); /* past the end */
	CHECK_EQ(allocator.free_count, 4000 - 512);
}

HOST_TEST(frame_allocator_random_churn)
{
	struct frame_allocator allocator;
	fake_machine(&allocator);
	size_t held[64] = {0}, sizes[64] = {0};
	srand(11);
	for (int round = 0; round < 20000; round++) {
		int slot = rand() % 64;
		if (sizes[slot]) {
			CHECK_EQ(frame_allocator_free(&allocator, held[slot], sizes[slot]), 0);
			sizes[slot] = 0;
		} else {
			size_t count = 1 + (size_t)(rand() % 40);
			size_t first = frame_allocator_alloc(&allocator, count, FRAME_NONE);
			if (first != FRAME_NONE) {
				held[slot] = first;
				sizes[slot] = count;
			}
		}
	}
	for (int slot = 0; slot < 64; slot++) {
		if (sizes[slot])
			CHECK_EQ(frame_allocator_free(&allocator, held[slot], sizes[slot]), 0);
	}
	CHECK_EQ(allocator.free_count, 4000 - 512);
	CHECK_EQ(bitmap_count_set(bitmap, FRAMES), FRAMES - (4000 - 512));
}
