/*
 * Frame allocator tests: everything can be allocated exactly once, nothing reserved is ever
 * handed out, and freeing returns every frame. Reference counts free a frame at zero.
 */
#include "ktest.h"
#include "pmm.h"

extern const char kernel_phys_start[], kernel_phys_end[];

/* Chains every free frame into a list threaded through the frames themselves. */
KTEST(pmm_alloc_everything_then_free_everything)
{
	size_t free_before = pmm_free_count();
	phys_addr_t head = 0;
	size_t count = 0, bad = 0;

	for (phys_addr_t frame; (frame = pmm_alloc_frame()) != 0; count++) {
		if (frame < 0x100000 ||
		    (frame >= (phys_addr_t)kernel_phys_start &&
		     frame < (phys_addr_t)kernel_phys_end) ||
		    frame % PAGE_SIZE != 0)
			bad++;
		*(phys_addr_t *)phys_to_virt(frame) = head;
		head = frame;
	}
	KTEST_EXPECT_EQ(t, count, free_before);
	KTEST_EXPECT_EQ(t, pmm_free_count(), 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, pmm_alloc_frame(), 0);

	size_t freed = 0;
	while (head) {
		phys_addr_t next = *(phys_addr_t *)phys_to_virt(head);
		pmm_free_frames(head, 1);
		head = next;
		freed++;
	}
	KTEST_EXPECT_EQ(t, freed, count);
	KTEST_EXPECT_EQ(t, pmm_free_count(), free_before);
}

KTEST(pmm_contiguous_frames)
{
	size_t free_before = pmm_free_count();
	phys_addr_t start = pmm_alloc_frames(16);

	KTEST_EXPECT(t, start != 0);
	KTEST_EXPECT_EQ(t, pmm_free_count(), free_before - 16);
	for (size_t i = 0; i < 16; i++)
		KTEST_EXPECT_EQ(t, pmm_refcount(start + i * PAGE_SIZE), 1);
	pmm_free_frames(start, 16);
	KTEST_EXPECT_EQ(t, pmm_free_count(), free_before);
	KTEST_EXPECT_EQ(t, pmm_refcount(start), 0);
}

KTEST(pmm_refcount_frees_at_zero)
{
	size_t free_before = pmm_free_count();
	phys_addr_t frame = pmm_alloc_frame();

	KTEST_EXPECT_EQ(t, pmm_refcount(frame), 1);
	pmm_get(frame);
	KTEST_EXPECT_EQ(t, pmm_refcount(frame), 2);
	pmm_put(frame);
	KTEST_EXPECT_EQ(t, pmm_refcount(frame), 1);
	KTEST_EXPECT_EQ(t, pmm_free_count(), free_before - 1);
	pmm_put(frame);
	KTEST_EXPECT_EQ(t, pmm_refcount(frame), 0);
	KTEST_EXPECT_EQ(t, pmm_free_count(), free_before);
}

KTEST(pmm_reserved_frames_are_marked)
{
	struct page *image = pmm_page((phys_addr_t)kernel_phys_start);
	KTEST_EXPECT(t, image != NULL);
	KTEST_EXPECT_EQ(t, image->kind, PAGE_KIND_RESERVED);
	KTEST_EXPECT_EQ(t, pmm_page(0)->kind, PAGE_KIND_RESERVED);
	KTEST_EXPECT(t, pmm_usable_count() >= pmm_free_count());
}
