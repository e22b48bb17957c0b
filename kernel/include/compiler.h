/*
 * Compiler helpers: attributes, container_of, READ_ONCE/WRITE_ONCE, barriers.
 */
#ifndef SPINDLE_COMPILER_H
#define SPINDLE_COMPILER_H

#include "types.h"

#define ARRAY_SIZE(a)	   (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	   (((x) + ((a)-1)) & ~((typeof(x))(a)-1))
#define ALIGN_DOWN(x, a)   ((x) & ~((typeof(x))(a)-1))
#define IS_ALIGNED(x, a)   (((x) & ((typeof(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define MIN(a, b)	   ((a) < (b) ? (a) : (b))
#define MAX(a, b)	   ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define noreturn	  _Noreturn
#define noinline	  __attribute__((noinline))
#define printf_like(f, a) __attribute__((format(printf, f, a)))

#define barrier() __asm__ volatile("" ::: "memory")

#define READ_ONCE(x)	 (*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile typeof(x) *)&(x) = (v))

#endif
