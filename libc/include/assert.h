/*
 * assert() (man 3 assert; C11 §7.2). Define NDEBUG before including this to turn it off.
 * A failed assertion prints "file:line: function: Assertion `expression' failed." to stderr
 * and calls abort(). Unlike other headers, this one may be included again with a different
 * NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(expression) ((void)0)
#else
_Noreturn void libc_assert_fail(const char *expression, const char *file, int line,
				const char *function);
#define assert(expression)                                                                         \
	((expression) ? (void)0 : libc_assert_fail(#expression, __FILE__, __LINE__, __func__))
#endif

#ifndef SPINDLE_LIBC_ASSERT_H
#define SPINDLE_LIBC_ASSERT_H
#if !defined(__cplusplus)
#define static_assert _Static_assert
#endif
#endif
