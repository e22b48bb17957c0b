/*
 * Limits of the integer types and of the system (man 0p limits.h). The integer limits come
 * from the compiler's predefined macros; the system limits are Linux's (PATH_MAX 4096,
 * NAME_MAX 255), which Spindle shares. This header replaces the compiler's limits.h, which
 * cannot be used with -nostdinc because it chains to a C library's.
 */
#ifndef SPINDLE_LIBC_LIMITS_H
#define SPINDLE_LIBC_LIMITS_H

#define CHAR_BIT  __CHAR_BIT__
#define SCHAR_MAX __SCHAR_MAX__
#define SCHAR_MIN (-SCHAR_MAX - 1)
#define UCHAR_MAX (SCHAR_MAX * 2 + 1)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif
#define SHRT_MAX   __SHRT_MAX__
#define SHRT_MIN   (-SHRT_MAX - 1)
#define USHRT_MAX  (SHRT_MAX * 2 + 1)
#define INT_MAX	   __INT_MAX__
#define INT_MIN	   (-INT_MAX - 1)
#define UINT_MAX   (INT_MAX * 2U + 1U)
#define LONG_MAX   __LONG_MAX__
#define LONG_MIN   (-LONG_MAX - 1L)
#define ULONG_MAX  (LONG_MAX * 2UL + 1UL)
#define LLONG_MAX  __LONG_LONG_MAX__
#define LLONG_MIN  (-LLONG_MAX - 1LL)
#define ULLONG_MAX (LLONG_MAX * 2ULL + 1ULL)
#define SSIZE_MAX  LONG_MAX
#define MB_LEN_MAX 1

/* System limits, as on Linux. */
#define PATH_MAX      4096 /* bytes in a path, including the NUL */
#define NAME_MAX      255  /* bytes in one file-name component */
#define PIPE_BUF      4096 /* writes up to this size to a pipe are atomic */
#define IOV_MAX	      1024 /* iovecs in one readv/writev */
#define ARG_MAX	      131072
#define HOST_NAME_MAX 64
#define ATEXIT_MAX    32 /* atexit(3) handlers guaranteed */

/* Thread limits (man 0p limits.h, "Runtime Invariant Values"). */
#define PTHREAD_KEYS_MAX	      128   /* keys a process may create */
#define PTHREAD_DESTRUCTOR_ITERATIONS 4	    /* rounds of key destructors at thread exit */
#define PTHREAD_STACK_MIN	      16384 /* smallest stack pthread_attr_setstacksize takes */

#endif
