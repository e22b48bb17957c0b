/*
 * The kernel's vsnprintf (kernel/lib/format.c) must print exactly what the host C library
 * prints for the conversions it supports. Compiled as kernel_snprintf for the host.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <string.h>
#include "harness.h"

int kernel_snprintf(char *buffer, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#define SAME(...)                                                                                  \
	do {                                                                                       \
		char ours[128], theirs[128];                                                       \
		int our_length = kernel_snprintf(ours, sizeof(ours), __VA_ARGS__);                 \
		int their_length = snprintf(theirs, sizeof(theirs), __VA_ARGS__);                  \
		if (our_length != their_length || strcmp(ours, theirs) != 0) {                     \
			printf("  %s:%d: kernel printed \"%s\" (%d), libc \"%s\" (%d)\n",          \
			       __FILE__, __LINE__, ours, our_length, theirs, their_length);        \
			t->failures++;                                                             \
		}                                                                                  \
	} while (0)

HOST_TEST(format_integers)
{
	SAME("%d %i %u", 0, -1, 4000000000u);
	SAME("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
	SAME("%x %X %#x %#X %o %#o", 0xbeef, 0xbeef, 0xbeef, 0, 8, 8);
	SAME("%ld %lu %lx %lld", -9000000000l, 18446744073709551615ul, 0xfffffffffful, -1ll);
	SAME("%zu %zd %td %jd", (size_t)12345, (ssize_t)-5, (ptrdiff_t)-7, (intmax_t)99);
	SAME("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	SAME("%.3d|%8.3d|%-8.3d|%.0d|", 5, -5, 5, 0);
	SAME("%*d|%-*d|%.*d", 6, 1, 6, 1, 4, 1);
	SAME("%d", -2147483647 - 1);
	SAME("%ld", (long)(-9223372036854775807l - 1));
}

HOST_TEST(format_strings_and_chars)
{
	SAME("%s|%10s|%-10s|%.2s|%c|%3c|%-3c|%%", "hello", "right", "left", "truncate", 'x', 'y',
	     'z');
	SAME("%5.1s|", "abc");
	SAME("plain text, no conversions");
}

HOST_TEST(format_pointer_and_truncation)
{
	char buffer[8];
	int length = kernel_snprintf(buffer, sizeof(buffer), "%p", (void *)0x1234);
	CHECK_EQ(length, 18);
	CHECK(strcmp(buffer, "0x00000") == 0);
	char full[32];
	kernel_snprintf(full, sizeof(full), "%p", (void *)0xffffffff80100000ul);
	CHECK(strcmp(full, "0xffffffff80100000") == 0);
	CHECK_EQ(kernel_snprintf(NULL, 0, "%d", 12345), 5);
	char one[1] = {'x'};
	CHECK_EQ(kernel_snprintf(one, 1, "abc"), 3);
	CHECK_EQ(one[0], '\0');
}
