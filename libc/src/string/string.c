/*
 * NUL-terminated string functions (man 3 strlen, man 3 strcpy, man 3 strcat, man 3 strcmp,
 * man 3 strchr, man 3 strdup, man 3 strcasecmp, man 3 strlcpy; C11 §7.24). Comparisons treat
 * characters as unsigned char, as C requires.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t strlen(const char *string)
{
	const char *end = string;

	while (*end)
		end++;
	return (size_t)(end - string);
}

size_t strnlen(const char *string, size_t max_length)
{
	size_t length = 0;

	while (length < max_length && string[length])
		length++;
	return length;
}

char *strcpy(char *restrict destination, const char *restrict source)
{
	stpcpy(destination, source);
	return destination;
}

char *stpcpy(char *restrict destination, const char *restrict source)
{
	while ((*destination = *source++))
		destination++;
	return destination;
}

/* Copies at most length bytes and pads with NULs; no terminator if source is too long. */
char *strncpy(char *restrict destination, const char *restrict source, size_t length)
{
	size_t index = 0;

	for (; index < length && source[index]; index++)
		destination[index] = source[index];
	for (; index < length; index++)
		destination[index] = '\0';
	return destination;
}

/* Copies what fits into size bytes, always terminated; returns strlen(source). */
size_t strlcpy(char *restrict destination, const char *restrict source, size_t size)
{
	size_t length = strlen(source);

	if (size > 0) {
		size_t copy = length < size - 1 ? length : size - 1;

		memcpy(destination, source, copy);
		destination[copy] = '\0';
	}
	return length;
}

char *strcat(char *restrict destination, const char *restrict source)
{
	strcpy(destination + strlen(destination), source);
	return destination;
}

/* Appends at most length bytes of source, then a NUL. */
char *strncat(char *restrict destination, const char *restrict source, size_t length)
{
	char *end = destination + strlen(destination);
	size_t copy = strnlen(source, length);

	memcpy(end, source, copy);
	end[copy] = '\0';
	return destination;
}

int strcmp(const char *left, const char *right)
{
	const unsigned char *a = (const unsigned char *)left;
	const unsigned char *b = (const unsigned char *)right;

	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (*a > *b) - (*a < *b);
}

int strncmp(const char *left, const char *right, size_t length)
{
	const unsigned char *a = (const unsigned char *)left;
	const unsigned char *b = (const unsigned char *)right;

	if (length == 0)
		return 0;
	while (--length > 0 && *a && *a == *b) {
		a++;
		b++;
	}
	return (*a > *b) - (*a < *b);
}

/* Only the "C" locale exists, where collation is byte order. */
int strcoll(const char *left, const char *right)
{
	return strcmp(left, right);
}

int strcasecmp(const char *left, const char *right)
{
	const unsigned char *a = (const unsigned char *)left;
	const unsigned char *b = (const unsigned char *)right;

	while (*a && tolower(*a) == tolower(*b)) {
		a++;
		b++;
	}
	return tolower(*a) - tolower(*b);
}

int strncasecmp(const char *left, const char *right, size_t length)
{
	const unsigned char *a = (const unsigned char *)left;
	const unsigned char *b = (const unsigned char *)right;

	if (length == 0)
		return 0;
	while (--length > 0 && *a && tolower(*a) == tolower(*b)) {
		a++;
		b++;
	}
	return tolower(*a) - tolower(*b);
}

char *strchrnul(const char *string, int character)
{
	while (*string && *string != (char)character)
		string++;
	return (char *)string;
}

/* Searching for '\0' finds the terminator. */
char *strchr(const char *string, int character)
{
	char *found = strchrnul(string, character);

	return *found == (char)character ? found : NULL;
}

char *strrchr(const char *string, int character)
{
	const char *last = NULL;

	do {
		if (*string == (char)character)
			last = string;
	} while (*string++);
	return (char *)last;
}

char *strdup(const char *string)
{
	size_t size = strlen(string) + 1;
	char *copy = malloc(size);

	if (copy)
		memcpy(copy, string, size);
	return copy;
}

char *strndup(const char *string, size_t max_length)
{
	size_t length = strnlen(string, max_length);
	char *copy = malloc(length + 1);

	if (copy) {
		memcpy(copy, string, length);
		copy[length] = '\0';
	}
	return copy;
}
