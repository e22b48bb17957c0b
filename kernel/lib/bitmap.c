/*
 * Bitmap helpers (include/bitmap.h). Pure code: built into the kernel and into the host
 * unit tests. Runs are searched a word at a time where whole words are full.
 */
#include "bitmap.h"

void bitmap_set_range(uint64_t *map, size_t start, size_t count)
{
	for (size_t bit = start; bit < start + count; bit++) {
		if (bit % BITS_PER_WORD == 0 && start + count - bit >= BITS_PER_WORD) {
			map[bit / BITS_PER_WORD] = ~(uint64_t)0;
			bit += BITS_PER_WORD - 1;
			continue;
		}
		bitmap_set(map, bit);
	}
}

void bitmap_clear_range(uint64_t *map, size_t start, size_t count)
{
	for (size_t bit = start; bit < start + count; bit++) {
		if (bit % BITS_PER_WORD == 0 && start + count - bit >= BITS_PER_WORD) {
			map[bit / BITS_PER_WORD] = 0;
			bit += BITS_PER_WORD - 1;
			continue;
		}
		bitmap_clear(map, bit);
	}
}

size_t bitmap_find_clear_run(const uint64_t *map, size_t nbits, size_t start, size_t count)
{
	size_t run_start = start, run_length = 0;

	if (count == 0 || count > nbits)
		return nbits;
	for (size_t bit = start; bit < nbits;) {
		if (bit % BITS_PER_WORD == 0 && map[bit / BITS_PER_WORD] == ~(uint64_t)0) {
			bit += BITS_PER_WORD;
			run_length = 0;
			run_start = bit;
			continue;
		}
		if (bitmap_test(map, bit)) {
			run_length = 0;
			run_start = bit + 1;
		} else if (++run_length == count) {
			return run_start;
		}
		bit++;
	}
	return nbits;
}

size_t bitmap_count_set(const uint64_t *map, size_t nbits)
{
	size_t count = 0;
	for (size_t word = 0; word < nbits / BITS_PER_WORD; word++) {
		/* Clearing the lowest set bit until none is left counts them without libgcc. */
		for (uint64_t bits = map[word]; bits; bits &= bits - 1)
			count++;
	}
	for (size_t bit = nbits - nbits % BITS_PER_WORD; bit < nbits; bit++)
		count += bitmap_test(map, bit);
	return count;
}
