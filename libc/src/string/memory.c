/*
 * Memory-block functions (man 3 memcpy, man 3 memmove, man 3 memset, man 3 memcmp,
 * man 3 memchr; C11 §7.24.2-7.24.6). Copies move eight bytes at a time once both pointers
 * are word-aligned, bytes otherwise. libc is built with -fno-tree-loop-distribute-patterns
 * so the compiler does not turn these loops back into calls to themselves.
 */
#include <stdint.h>
#include <string.h>

/* A word that may alias any object, so the word loops are valid under strict aliasing. */
typedef uint64_t __attribute__((may_alias)) memory_word;

#define WORD_SIZE sizeof(memory_word)

static int is_word_aligned(const void *left, const void *right)
{
	return (((uintptr_t)left | (uintptr_t)right) & (WORD_SIZE - 1)) == 0;
}

void *memcpy(void *restrict destination, const void *restrict source, size_t length)
{
	unsigned char *to = destination;
	const unsigned char *from = source;

	while (length > 0 && !is_word_aligned(to, from) &&
	       (((uintptr_t)to ^ (uintptr_t)from) & (WORD_SIZE - 1)) == 0) {
		*to++ = *from++;
		length--;
	}
	if (is_word_aligned(to, from)) {
		for (; length >= WORD_SIZE; length -= WORD_SIZE) {
			*(memory_word *)to = *(const memory_word *)from;
			to += WORD_SIZE;
			from += WORD_SIZE;
		}
	}
	while (length-- > 0)
		*to++ = *from++;
	return destination;
}

void *mempcpy(void *restrict destination, const void *restrict source, size_t length)
{
	return (unsigned char *)memcpy(destination, source, length) + length;
}

/* Copies forwards when the destination is below the source, backwards otherwise. */
void *memmove(void *destination, const void *source, size_t length)
{
	unsigned char *to = destination;
	const unsigned char *from = source;

	if (to == from || length == 0)
		return destination;
	if ((uintptr_t)to < (uintptr_t)from || (uintptr_t)to >= (uintptr_t)from + length)
		return memcpy(destination, source, length);
	to += length;
	from += length;
	while (length-- > 0)
		*--to = *--from;
	return destination;
}

void *memset(void *destination, int byte, size_t length)
{
	unsigned char *to = destination;
	memory_word pattern = (unsigned char)byte * (memory_word)0x0101010101010101ULL;

	while (length > 0 && ((uintptr_t)to & (WORD_SIZE - 1))) {
		*to++ = (unsigned char)byte;
		length--;
	}
	for (; length >= WORD_SIZE; length -= WORD_SIZE) {
		*(memory_word *)to = pattern;
		to += WORD_SIZE;
	}
	while (length-- > 0)
		*to++ = (unsigned char)byte;
	return destination;
}

int memcmp(const void *left, const void *right, size_t length)
{
	const unsigned char *a = left, *b = right;

	for (; length > 0; length--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *memory, int byte, size_t length)
{
	const unsigned char *cursor = memory;

	for (; length > 0; length--, cursor++) {
		if (*cursor == (unsigned char)byte)
			return (void *)cursor;
	}
	return NULL;
}

void *memrchr(const void *memory, int byte, size_t length)
{
	const unsigned char *cursor = (const unsigned char *)memory + length;

	while (length-- > 0) {
		if (*--cursor == (unsigned char)byte)
			return (void *)cursor;
	}
	return NULL;
}
