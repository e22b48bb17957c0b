/*
 * Tests for the allocator (man 3 malloc): alignment, zeroing, overflow, realloc keeping
 * contents, and a random stress of malloc/realloc/free over small, medium and mmap-sized
 * blocks, each block filled with its own pattern and verified before it is released.
 * malloc_check_heap() validates the heap's invariants along the way, and the block counters
 * must return to where they started (the leak check).
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static void test_alignment_and_sizes(void)
{
	size_t size;
	void *first, *second;

	for (size = 0; size < 300; size++) {
		unsigned char *block = malloc(size);

		TEST_CHECK(block != NULL);
		TEST_CHECK(((uintptr_t)block & 15) == 0);
		TEST_CHECK(malloc_usable_size(block) >= size);
		memset(block, 0x5a, size);
		free(block);
	}
	first = malloc(0);
	second = malloc(0);
	TEST_CHECK(first && second && first != second);
	free(first);
	free(second);
	free(NULL);
	TEST_CHECK_EQUAL(malloc_check_heap(), 0);
}

static void test_calloc(void)
{
	unsigned char *block;
	size_t index;

	/* Dirty some memory first so calloc has to clear reused blocks. */
	block = malloc(4096);
	memset(block, 0xff, 4096);
	free(block);
	block = calloc(512, 8);
	TEST_CHECK(block != NULL);
	for (index = 0; index < 4096; index++)
		TEST_CHECK_EQUAL(block[index], 0);
	free(block);
	block = calloc(1, 1 << 20); /* a mapped block */
	TEST_CHECK(block != NULL && block[0] == 0 && block[(1 << 20) - 1] == 0);
	free(block);
	errno = 0;
	TEST_CHECK(calloc(SIZE_MAX / 2, 3) == NULL);
	TEST_CHECK_EQUAL(errno, ENOMEM);
	errno = 0;
	TEST_CHECK(malloc(SIZE_MAX - 8) == NULL);
	TEST_CHECK_EQUAL(errno, ENOMEM);
}

static void test_realloc(void)
{
	unsigned char *block = realloc(NULL, 10);
	size_t size, index;

	TEST_CHECK(block != NULL);
	for (index = 0; index < 10; index++)
		block[index] = (unsigned char)index;
	/* Grow through heap sizes into mapped sizes and back down. */
	for (size = 16; size <= (1 << 21); size *= 3) {
		block = realloc(block, size);
		TEST_CHECK(block != NULL);
		for (index = 0; index < 10; index++)
			TEST_CHECK_EQUAL(block[index], index);
	}
	block = realloc(block, 5);
	for (index = 0; index < 5; index++)
		TEST_CHECK_EQUAL(block[index], index);
	block = realloc(block, 0);
	TEST_CHECK(block != NULL);
	free(block);
	TEST_CHECK_EQUAL(malloc_check_heap(), 0);
}

struct live_block {
	unsigned char *pointer;
	size_t size;
	unsigned char seed;
};

static void fill_block(struct live_block *block)
{
	size_t index;

	for (index = 0; index < block->size; index++)
		block->pointer[index] = (unsigned char)(block->seed + index * 13);
}

static void verify_block(const struct live_block *block, size_t size)
{
	size_t index;

	for (index = 0; index < size; index++) {
		if (block->pointer[index] != (unsigned char)(block->seed + index * 13))
			test_fail(__FILE__, __LINE__, "block %p byte %zu corrupted",
				  (void *)block->pointer, index);
	}
}

/* Mostly small blocks, some medium, a few big enough to be mapped. */
static size_t random_size(void)
{
	int kind = rand() % 100;

	if (kind < 70)
		return (size_t)(rand() % 256);
	if (kind < 95)
		return (size_t)(rand() % 16384);
	return (size_t)(128 * 1024 + rand() % (512 * 1024));
}

static void test_stress(void)
{
	static struct live_block blocks[512];
	struct malloc_statistics before, after;
	int step, slot;

	srand(2024);
	malloc_get_statistics(&before);
	for (step = 0; step < 20000; step++) {
		struct live_block *block = &blocks[rand() % 512];
		int action = rand() % 3;

		if (block->pointer && action == 0) {
			verify_block(block, block->size);
			free(block->pointer);
			block->pointer = NULL;
		} else if (block->pointer && action == 1) {
			size_t new_size = random_size();
			size_t kept = new_size < block->size ? new_size : block->size;

			block->pointer = realloc(block->pointer, new_size);
			TEST_CHECK(block->pointer != NULL);
			verify_block(block, kept);
			block->size = new_size;
			fill_block(block);
		} else if (!block->pointer) {
			block->size = random_size();
			block->seed = (unsigned char)rand();
			block->pointer = malloc(block->size);
			TEST_CHECK(block->pointer != NULL);
			TEST_CHECK(((uintptr_t)block->pointer & 15) == 0);
			fill_block(block);
		}
		if (step % 1000 == 0)
			TEST_CHECK_EQUAL(malloc_check_heap(), 0);
	}
	for (slot = 0; slot < 512; slot++) {
		if (blocks[slot].pointer) {
			verify_block(&blocks[slot], blocks[slot].size);
			free(blocks[slot].pointer);
		}
	}
	TEST_CHECK_EQUAL(malloc_check_heap(), 0);
	malloc_get_statistics(&after);
	TEST_CHECK_EQUAL(after.used_blocks, before.used_blocks);
	TEST_CHECK_EQUAL(after.mapped_blocks, before.mapped_blocks);
	TEST_CHECK_EQUAL(after.mapped_bytes, before.mapped_bytes);
	/* Everything freed coalesces: the heap is one free block again, or none if unused. */
	TEST_CHECK(after.free_blocks <= 1 + before.free_blocks);
}

static void test_coalescing(void)
{
	struct malloc_statistics before, after;
	void *blocks[8];
	int index;

	malloc_get_statistics(&before);
	for (index = 0; index < 8; index++)
		blocks[index] = malloc(1000);
	/* Free in an order that merges with the left, the right, and both neighbours. */
	free(blocks[1]);
	free(blocks[3]);
	free(blocks[2]);
	free(blocks[0]);
	free(blocks[5]);
	free(blocks[7]);
	free(blocks[6]);
	free(blocks[4]);
	TEST_CHECK_EQUAL(malloc_check_heap(), 0);
	malloc_get_statistics(&after);
	TEST_CHECK_EQUAL(after.used_blocks, before.used_blocks);
	/* The eight blocks merged back into the free space they came from. */
	TEST_CHECK_EQUAL(after.free_blocks, before.free_blocks ? before.free_blocks : 1);
	if (after.used_blocks == 0)
		TEST_CHECK_EQUAL(after.free_bytes + 8, after.heap_bytes);
}

static const struct libc_test tests[] = {
	{"alignment and usable size", test_alignment_and_sizes},
	{"calloc zeroes and checks overflow", test_calloc},
	{"realloc keeps contents across heap and mmap", test_realloc},
	{"random stress with pattern checks and leak count", test_stress},
	{"free coalesces neighbours", test_coalescing},
};

TEST_SUITE(malloc, tests);
