/*
 * The kernel's formatted printing (kernel/lib/format.c): C's snprintf without floating point.
 */
#ifndef SPINDLE_FORMAT_H
#define SPINDLE_FORMAT_H

#include <stdarg.h>
#include "compiler.h"

int vsnprintf(char *buffer, size_t size, const char *format, va_list args);
int snprintf(char *buffer, size_t size, const char *format, ...) printf_like(3, 4);

#endif
