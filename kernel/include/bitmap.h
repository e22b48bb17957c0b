/*
 * Bitmaps of arbitrary length stored in 64-bit words. Pure code, tested on the host.
 * No locking: the owner of the bitmap serialises access.
 */
#ifndef SPINDLE_BITMAP_H
#define SPINDLE_BITMAP_H

#include "types.h"

#define BITS_PER_WORD	    64
#define BITMAP_WORDS(nbits) (((nbits) + BITS_PER_WORD - 1) / BITS_PER_WORD)

static inline bool bitmap_test(const uint64_t *map, size_t bit)
{
	return (map[bit / BITS_PER_WORD] >> (bit % BITS_PER_WORD)) & 1;
}

static inline void bitmap_set(uint64_t *map, size_t bit)
{
	map[bit / BITS_PER_WORD] |= (uint64_t)1 << (bit % BITS_PER_WORD);
}

static inline void bitmap_clear(uint64_t *map, size_t bit)
{
	map[bit / BITS_PER_WORD] &= ~((uint64_t)1 << (bit % BITS_PER_WORD));
}

/* Set or clear bits [start, start + count). */
void bitmap_set_range(uint64_t *map, size_t start, size_t count);
void bitmap_clear_range(uint64_t *map, size_t start, size_t count);

/*
 * Find the first run of `count` clear bits at or after `start` and below `nbits`.
 * Returns the index of the run's first bit, or nbits when there is none.
 */
size_t bitmap_find_clear_run(const uint64_t *map, size_t nbits, size_t start, size_t count);

/* Number of set bits among the first nbits. */
size_t bitmap_count_set(const uint64_t *map, size_t nbits);

#endif
