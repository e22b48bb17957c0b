/*
 * Freestanding string and memory functions (see include/string.h). Plain C: clarity first;
 * memcpy and memset use `rep movsb`/`rep stosb`, which modern CPUs run fast (ERMS).
 */
#include "string.h"

void *memcpy(void *destination, const void *source, size_t length)
{
	void *result = destination;
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
