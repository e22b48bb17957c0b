/*
 * Freestanding string and memory functions for the kernel (kernel/lib/string.c).
 * gcc may also emit calls to memcpy/memset/memmove/memcmp on its own, so these four exist
 * under exactly those names.
 */
#ifndef SPINDLE_STRING_H
#define SPINDLE_STRING_H

#include "types.h"

void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
void *memset(void *destination, int value, size_t length);
int memcmp(const void *a, const void *b, size_t length);
size_t strlen(const char *string);
size_t strnlen(const char *string, size_t max_length);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t length);
char *strchr(const char *string, int character);
/* Copies at most size-1 characters and always terminates; returns strlen(source). */
size_t strlcpy(char *destination, const char *source, size_t size);

#endif
