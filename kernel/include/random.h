/*
 * Kernel random numbers (kernel/lib/random.c): a xorshift128+ generator seeded from the
 * TSC at boot and stirred with it on each use. Good enough for AT_RANDOM and getrandom(2)
 * in a teaching kernel; NOT cryptographically strong (docs say so).
 */
#ifndef SPINDLE_RANDOM_H
#define SPINDLE_RANDOM_H

#include "types.h"

uint64_t random_u64(void);
void random_fill(void *buffer, size_t length);

#endif
