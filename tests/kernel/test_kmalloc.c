/*
 * kmalloc tests: many sizes, contents kept apart, counters back to zero, poisoning of freed
 * objects, large allocations.
 */
#include "kmalloc.h"
#include "ktest.h"
#include "pmm.h"
#include "string.h"

#define OBJECTS 600

KTEST(kmalloc_many_sizes_counters_return)
{
	size_t live_before = kmalloc_live_objects();
	size_t frames_before = pmm_free_count();
	uint8_t **objects = kmalloc(OBJECTS * sizeof(*objects));
	size_t sizes[OBJECTS];

	KTEST_EXPECT(t, objects != NULL);
	for (size_t i = 0; i < OBJECTS; i++) {
		sizes[i] = 1 + (i * 37) % 5000;
		objects[i] = kmalloc(sizes[i]);
		KTEST_EXPECT(t, objects[i] != NULL);
		KTEST_EXPECT_EQ(t, (uintptr_t)objects[i] % 16, 0);
		memset(objects[i], (int)(i & 0xff), sizes[i]);
	}
	KTEST_EXPECT_EQ(t, kmalloc_live_objects(), live_before + OBJECTS + 1);
	for (size_t i = 0; i < OBJECTS; i++) {
		size_t wrong = 0;
		for (size_t j = 0; j < sizes[i]; j++)
			wrong += objects[i][j] != (uint8_t)(i & 0xff);
		KTEST_EXPECT_EQ(t, wrong, 0);
	}
	/* Free in an order unlike allocation order: odd ones, then even ones. */
	for (size_t i = 1; i < OBJECTS; i += 2)
		kfree(objects[i]);
	for (size_t i = 0; i < OBJECTS; i += 2)
		kfree(objects[i]);
	kfree(objects);
	KTEST_EXPECT_EQ(t, kmalloc_live_objects(), live_before);
	KTEST_EXPECT_EQ(t, pmm_free_count(), frames_before);
}

KTEST(kmalloc_cache_statistics)
{
	struct kmalloc_cache_stats before, during, after;
	size_t index = 2; /* kmalloc-64: room for the redzones of a 32-byte object */

	kmalloc_cache_stats(index, &before);
	void *object = kmalloc(before.object_size - KMALLOC_OVERHEAD);
	kmalloc_cache_stats(index, &during);
	kfree(object);
	kmalloc_cache_stats(index, &after);
	KTEST_EXPECT_EQ(t, during.live_objects, before.live_objects + 1);
	KTEST_EXPECT_EQ(t, during.total_allocations, before.total_allocations + 1);
	KTEST_EXPECT_EQ(t, after.live_objects, before.live_objects);
	KTEST_EXPECT_EQ(t, kmalloc(0), NULL);
	kfree(NULL);
}

KTEST(kmalloc_freed_memory_is_poisoned)
{
#ifdef CONFIG_DEBUG
	/* Two objects keep the slab alive after the first is freed. */
	uint8_t *first = kmalloc(64);
	uint8_t *second = kmalloc(64);
	memset(first, 0, 64);
	kfree(first);
	size_t poisoned = 0;
	for (size_t i = sizeof(void *); i < 64; i++)
		poisoned += first[i] == KMALLOC_POISON;
	KTEST_EXPECT_EQ(t, poisoned, 64 - sizeof(void *));
	kfree(second);
#endif
}

KTEST(kmalloc_large_and_zeroed)
{
	size_t frames_before = pmm_free_count();
	uint8_t *large = kmalloc(3 * PAGE_SIZE + 1);

	KTEST_EXPECT(t, large != NULL);
	KTEST_EXPECT_EQ(t, (uintptr_t)large % PAGE_SIZE, KMALLOC_OVERHEAD / 2);
	KTEST_EXPECT_EQ(t, pmm_free_count(), frames_before - 4);
	KTEST_EXPECT_EQ(t, pmm_page(virt_to_phys(large))->kind, PAGE_KIND_KMALLOC_LARGE);
	memset(large, 0xaa, 3 * PAGE_SIZE + 1);
	kfree(large);
	KTEST_EXPECT_EQ(t, pmm_free_count(), frames_before);

	uint8_t *zeroed = kzalloc(200);
	size_t nonzero = 0;
	for (size_t i = 0; i < 200; i++)
		nonzero += zeroed[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	kfree(zeroed);
}
