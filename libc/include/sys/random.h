/*
 * Random bytes from the kernel (man 2 getrandom). Flags are from uapi/random.h.
 */
#ifndef SPINDLE_LIBC_SYS_RANDOM_H
#define SPINDLE_LIBC_SYS_RANDOM_H

#include <sys/types.h>
#include "uapi/random.h"

ssize_t getrandom(void *buffer, size_t length, unsigned int flags);
/* Fills all length bytes (at most 256), or fails with -1 and errno. */
int getentropy(void *buffer, size_t length);

#endif
