/*
 * Case-insensitive comparison in the "C" locale (man 3 strcasecmp).
 */
#ifndef SPINDLE_LIBC_STRINGS_H
#define SPINDLE_LIBC_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *left, const char *right);
int strncasecmp(const char *left, const char *right, size_t length);

#endif
