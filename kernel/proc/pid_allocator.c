/*
 * The cyclic pid allocator (include/pid.h). Pure code: the kernel wraps it with a lock in
 * pid.c, and tests/host/ checks the cyclic order, the wrap and the skipping of ids in use.
 */
#include "bitmap.h"
#include "pid.h"
#include "uapi/errno.h"

void pid_allocator_init(struct pid_allocator *allocator, uint64_t *bitmap, pid_t pid_max,
			pid_t wrap_start)
{
	allocator->bitmap = bitmap;
	allocator->pid_max = pid_max;
	allocator->last = 0;
	allocator->wrap_start = wrap_start < pid_max ? wrap_start : 1;
	allocator->in_use = 0;
	bitmap_clear_range(bitmap, 0, (size_t)pid_max);
	bitmap_set(bitmap, 0); /* pid 0 is the idle task's, forever */
}

static pid_t first_free(const struct pid_allocator *allocator, pid_t from, pid_t to)
{
	if (from >= to)
		return -1;
	size_t found = bitmap_find_clear_run(allocator->bitmap, (size_t)to, (size_t)from, 1);
	return found == (size_t)to ? -1 : (pid_t)found;
}

pid_t pid_allocator_alloc(struct pid_allocator *allocator)
{
	pid_t start = allocator->last + 1;
	if (start >= allocator->pid_max)
		start = allocator->wrap_start;
	pid_t pid = first_free(allocator, start, allocator->pid_max);
	if (pid < 0) /* wrapped: ids below wrap_start are never handed out again */
		pid = first_free(allocator, allocator->wrap_start, start);
	if (pid < 0)
		return -EAGAIN;
	bitmap_set(allocator->bitmap, (size_t)pid);
	allocator->last = pid;
	allocator->in_use++;
	return pid;
}

int pid_allocator_free(struct pid_allocator *allocator, pid_t pid)
{
	if (pid <= 0 || pid >= allocator->pid_max || !bitmap_test(allocator->bitmap, (size_t)pid))
		return -EINVAL;
	bitmap_clear(allocator->bitmap, (size_t)pid);
	allocator->in_use--;
	return 0;
}

bool pid_allocator_is_used(const struct pid_allocator *allocator, pid_t pid)
{
	return pid >= 0 && pid < allocator->pid_max && bitmap_test(allocator->bitmap, (size_t)pid);
}
