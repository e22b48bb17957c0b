/* Bitmap helpers (kernel/lib/bitmap.c) against a simple bool-array model. */
#include <stdbool.h>
#include <stdlib.h>
#include "bitmap.h"
#include "harness.h"

#define BITS 1000

HOST_TEST(bitmap_matches_model)
{
	uint64_t map[BITMAP_WORDS(BITS)] = {0};
	bool model[BITS] = {false};
	srand(7);
	for (int round = 0; round < 2000; round++) {
		size_t start = (size_t)rand() % BITS;
		size_t count = (size_t)rand() % (BITS - start + 1);
		bool set = rand() & 1;
		if (set)
			bitmap_set_range(map, start, count);
		else
			bitmap_clear_range(map, start, count);
		for (size_t i = start; i < start + count; i++)
			model[i] = set;
	}
	size_t mismatches = 0, model_count = 0;
	for (size_t i = 0; i < BITS; i++) {
		mismatches += bitmap_test(map, i) != model[i];
		model_count += model[i];
	}
	CHECK_EQ(mismatches, 0);
	CHECK_EQ(bitmap_count_set(map, BITS), model_count);
}

HOST_TEST(bitmap_find_clear_run)
{
	uint64_t map[BITMAP_WORDS(300)] = {0};
	bitmap_set_range(map, 0, 300);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 1), 300);
	bitmap_clear_range(map, 70, 5);
	bitmap_clear_range(map, 130, 64);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 1), 70);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 5), 70);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 6), 130);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 71, 5), 130);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 64), 130);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 65), 300);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 0), 300);
	CHECK_EQ(bitmap_find_clear_run(map, 300, 0, 301), 300);
}
