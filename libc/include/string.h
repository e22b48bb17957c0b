/*
 * String and memory functions (man 3 string, man 3 memcpy, man 3 strerror, ...; C11 §7.24).
 * Byte strings only, in the "C" locale.
 */
#ifndef SPINDLE_LIBC_STRING_H
#define SPINDLE_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict destination, const void *restrict source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
void *memset(void *destination, int byte, size_t length);
int memcmp(const void *left, const void *right, size_t length);
void *memchr(const void *memory, int byte, size_t length);
void *memrchr(const void *memory, int byte, size_t length);
void *mempcpy(void *restrict destination, const void *restrict source, size_t length);

size_t strlen(const char *string);
size_t strnlen(const char *string, size_t max_length);
char *strcpy(char *restrict destination, const char *restrict source);
char *strncpy(char *restrict destination, const char *restrict source, size_t length);
char *stpcpy(char *restrict destination, const char *restrict source);
size_t strlcpy(char *restrict destination, const char *restrict source, size_t size);
char *strcat(char *restrict destination, const char *restrict source);
char *strncat(char *restrict destination, const char *restrict source, size_t length);
int strcmp(const char *left, const char *right);
int strncmp(const char *left, const char *right, size_t length);
int strcoll(const char *left, const char *right);
char *strchr(const char *string, int character);
char *strrchr(const char *string, int character);
char *strchrnul(const char *string, int character);
char *strstr(const char *haystack, const char *needle);
char *strdup(const char *string);
char *strndup(const char *string, size_t max_length);
size_t strspn(const char *string, const char *accept);
size_t strcspn(const char *string, const char *reject);
char *strpbrk(const char *string, const char *accept);
char *strtok(char *restrict string, const char *restrict delimiters);
char *strtok_r(char *restrict string, const char *restrict delimiters, char **restrict saved);
char *strsep(char **string_pointer, const char *delimiters);

/* Messages for every Linux errno; "Unknown error N" (in a static buffer) otherwise. */
char *strerror(int error_number);
/* POSIX strerror_r: fills buffer, returns 0 or ERANGE (EINVAL for an unknown number). */
int strerror_r(int error_number, char *buffer, size_t size);
/* Message for a signal number, such as "Killed" for SIGKILL. */
char *strsignal(int signal_number);

#endif
