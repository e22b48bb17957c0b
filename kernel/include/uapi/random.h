/*
 * getrandom(2) flags of the Linux x86_64 ABI (man 2 getrandom; Linux's
 * include/uapi/linux/random.h). Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_RANDOM_H
#define SPINDLE_UAPI_RANDOM_H

#define GRND_NONBLOCK 0x0001 /* fail with EAGAIN instead of blocking for entropy */
#define GRND_RANDOM   0x0002 /* draw from the blocking pool (a no-op on modern Linux) */
#define GRND_INSECURE 0x0004 /* never block, even before the pool is seeded */

#endif
