/*
 * Freestanding string and memory functions (see include/string.h). Plain C: clarity first;
 * memcpy and memset use the string instructions: `rep movsq`/`rep stosq` when pointers and
 * length are multiples of 8 (whole pages, page tables, most structures), else the byte forms.
 * Modern CPUs run both about as fast (ERMS), but an emulator steps a `rep` one iteration at a
 * time, so the quadword form is 8x fewer steps under QEMU's TCG (docs/performance.md).
 */
#include "string.h"

static bool is_quadword_aligned(const void *a, const void *b, size_t length)
{
	return (((uintptr_t)a | (uintptr_t)b | length) & 7) == 0;
}

void *memcpy(void *destination, const void *source, size_t length)
{
	void *result = destination;
	if (is_quadword_aligned(destination, source, length)) {
		size_t quadwords = length / 8;
		__asm__ volatile("rep movsq"
				 : "+D"(destination), "+S"(source), "+c"(quadwords)
				 :
				 : "memory");
		return result;
	}
	__asm__ volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(length) : : "memory");
	return result;
}

void *memmove(void *destination, const void *source, size_t length)
{
	unsigned char *to = destination;
	const unsigned char *from = source;
	if (to == from || length == 0)
		return destination;
	if (to < from || to >= from + length)
		return memcpy(destination, source, length);
	while (length--)
		to[length] = from[length];
	return destination;
}

void *memset(void *destination, int value, size_t length)
{
	void *result = destination;
	if (is_quadword_aligned(destination, NULL, length)) {
		uint64_t pattern = 0x0101010101010101ull * (unsigned char)value;
		size_t quadwords = length / 8;
		__asm__ volatile("rep stosq"
				 : "+D"(destination), "+c"(quadwords)
				 : "a"(pattern)
				 : "memory");
		return result;
	}
	__asm__ volatile("rep stosb" : "+D"(destination), "+c"(length) : "a"(value) : "memory");
	return result;
}

int memcmp(const void *a, const void *b, size_t length)
{
	const unsigned char *left = a, *right = b;
	for (size_t i = 0; i < length; i++) {
		if (left[i] != right[i])
			return left[i] < right[i] ? -1 : 1;
	}
	return 0;
}

size_t strlen(const char *string)
{
	size_t length = 0;
	while (string[length])
		length++;
	return length;
}

size_t strnlen(const char *string, size_t max_length)
{
	size_t length = 0;
	while (length < max_length && string[length])
		length++;
	return length;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (a[i] != b[i] || !a[i])
			return (unsigned char)a[i] - (unsigned char)b[i];
	}
	return 0;
}

char *strchr(const char *string, int character)
{
	for (;; string++) {
		if (*string == (char)character)
			return (char *)string;
		if (!*string)
			return NULL;
	}
}

size_t strlcpy(char *destination, const char *source, size_t size)
{
	size_t length = strlen(source);
	if (size) {
		size_t copy = length < size - 1 ? length : size - 1;
		memcpy(destination, source, copy);
		destination[copy] = '\0';
	}
	return length;
}
