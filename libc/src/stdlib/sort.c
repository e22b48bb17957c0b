/*
 * Sorting and searching arrays (man 3 qsort, man 3 bsearch; C11 §7.22.5). qsort is a
 * heapsort: O(n log n) in the worst case, no recursion, no allocation, not stable (the
 * standard does not ask for stability).
 */
#include <stdlib.h>

typedef int (*compare_function)(const void *left, const void *right);

static void swap_elements(unsigned char *left, unsigned char *right, size_t size)
{
	while (size-- > 0) {
		unsigned char byte = *left;

		*left++ = *right;
		*right++ = byte;
	}
}

/* Moves element root down until the heap property holds for the first count elements. */
static void sift_down(unsigned char *base, size_t root, size_t count, size_t size,
		      compare_function compare)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= count)
			return;
		if (child + 1 < count &&
		    compare(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compare(base + root * size, base + child * size) >= 0)
			return;
		swap_elements(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *base, size_t count, size_t size, compare_function compare)
{
	unsigned char *bytes = base;
	size_t index;

	if (count < 2 || size == 0)
		return;
	for (index = count / 2; index-- > 0;)
		sift_down(bytes, index, count, size, compare);
	for (index = count - 1; index > 0; index--) {
		swap_elements(bytes, bytes + index * size, size);
		sift_down(bytes, 0, index, size, compare);
	}
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
	      int (*compare)(const void *key, const void *element))
{
	const unsigned char *bytes = base;
	size_t low = 0, high = count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int order = compare(key, bytes + middle * size);

		if (order == 0)
			return (void *)(bytes + middle * size);
		if (order < 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}
