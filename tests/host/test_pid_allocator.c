/* The cyclic pid allocator (kernel/proc/pid_allocator.c). */
#include "bitmap.h"
#include "harness.h"
#include "pid.h"
#include "uapi/errno.h"

HOST_TEST(pid_allocator_cyclic_order)
{
	uint64_t bitmap[BITMAP_WORDS(64)];
	struct pid_allocator allocator;
	pid_allocator_init(&allocator, bitmap, 64, 10);
	CHECK(pid_allocator_is_used(&allocator, 0)); /* the idle task's */
	CHECK_EQ(pid_allocator_alloc(&allocator), 1);
	CHECK_EQ(pid_allocator_alloc(&allocator), 2);
	CHECK_EQ(pid_allocator_free(&allocator, 1), 0);
	CHECK_EQ(pid_allocator_alloc(&allocator), 3); /* 1 is free but not reused yet */
	CHECK_EQ(pid_allocator_free(&allocator, 1), -EINVAL);
	CHECK_EQ(pid_allocator_free(&allocator, 0), -EINVAL);
	CHECK_EQ(pid_allocator_free(&allocator, 64), -EINVAL);
	CHECK_EQ(allocator.in_use, 2);
}

HOST_TEST(pid_allocator_wraps_and_skips)
{
	uint64_t bitmap[BITMAP_WORDS(20)];
	struct pid_allocator allocator;
	pid_allocator_init(&allocator, bitmap, 20, 10);
	for (pid_t expected = 1; expected < 20; expected++)
		CHECK_EQ(pid_allocator_alloc(&allocator), expected);
	CHECK_EQ(pid_allocator_alloc(&allocator), (unsigned long long)-EAGAIN);
	pid_allocator_free(&allocator, 3); /* below the wrap start: never reused */
	pid_allocator_free(&allocator, 12);
	pid_allocator_free(&allocator, 15);
	CHECK_EQ(pid_allocator_alloc(&allocator), 12); /* wrapped to 10, skipped 10 and 11 */
	CHECK_EQ(pid_allocator_alloc(&allocator), 15);
	CHECK_EQ(pid_allocator_alloc(&allocator), (unsigned long long)-EAGAIN);
	pid_allocator_free(&allocator, 19);
	CHECK_EQ(pid_allocator_alloc(&allocator), 19);
}
