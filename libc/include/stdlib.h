/*
 * General utilities (man 3 malloc, man 3 strtol, man 3 qsort, man 3 getenv, man 3 exit, ...;
 * C11 §7.22). malloc and the environment functions are not thread-safe yet.
 */
#ifndef SPINDLE_LIBC_STDLIB_H
#define SPINDLE_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     2147483647
#define MB_CUR_MAX   1

typedef struct {
	int quot;
	int rem;
} div_t;

typedef struct {
	long quot;
	long rem;
} ldiv_t;

typedef struct {
	long long quot;
	long long rem;
} lldiv_t;

/* Memory. Blocks are 16-byte aligned; big ones come from mmap and go back on free. */
void *malloc(size_t size);
void free(void *pointer);
void *calloc(size_t count, size_t size);
void *realloc(void *pointer, size_t size);
void *reallocarray(void *pointer, size_t count, size_t size);

/* Numbers from strings: base 0 or 2..36; ERANGE on overflow, EINVAL on a bad base. */
long strtol(const char *restrict string, char **restrict end, int base);
unsigned long strtoul(const char *restrict string, char **restrict end, int base);
long long strtoll(const char *restrict string, char **restrict end, int base);
unsigned long long strtoull(const char *restrict string, char **restrict end, int base);
int atoi(const char *string);
long atol(const char *string);
long long atoll(const char *string);

int abs(int value);
long labs(long value);
long long llabs(long long value);
div_t div(int numerator, int denominator);
ldiv_t ldiv(long numerator, long denominator);
lldiv_t lldiv(long long numerator, long long denominator);

void qsort(void *base, size_t count, size_t size,
	   int (*compare)(const void *left, const void *right));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
	      int (*compare)(const void *key, const void *element));

/* Pseudo-random numbers, 0..RAND_MAX; the same seed gives the same sequence. */
int rand(void);
int rand_r(unsigned int *seed);
void srand(unsigned int seed);

/* The environment, "NAME=value" strings in the environ array (unistd.h). */
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);
int clearenv(void);

/* Process termination. exit runs atexit handlers (last registered first), flushes stdio. */
_Noreturn void exit(int status);
_Noreturn void _Exit(int status);
_Noreturn void abort(void);
int atexit(void (*function)(void));

#endif
