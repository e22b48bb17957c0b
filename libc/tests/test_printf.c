/*
 * Tests for the printf family (man 3 printf): conversions, flags, width and precision
 * (including '*'), length modifiers, exact floating-point output (the expected strings are
 * what glibc prints), snprintf truncation, asprintf, and EINVAL for unsupported conversions.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

/* Formats into a buffer and compares the text and the returned length. */
#define CHECK_FORMAT(expected, ...)                                                                \
	do {                                                                                       \
		char buffer[512];                                                                  \
		int length = snprintf(buffer, sizeof(buffer), __VA_ARGS__);                        \
		if (strcmp(buffer, expected) != 0 || length != (int)strlen(expected))              \
			test_fail(__FILE__, __LINE__, "%s gave \"%s\" (%d), expected \"%s\"",      \
				  #__VA_ARGS__, buffer, length, expected);                         \
	} while (0)

static void test_integers(void)
{
	CHECK_FORMAT("0", "%d", 0);
	CHECK_FORMAT("-42 42", "%d %i", -42, 42);
	CHECK_FORMAT("2147483647 -2147483648", "%d %d", INT_MAX, INT_MIN);
	CHECK_FORMAT("4294967295", "%u", UINT_MAX);
	CHECK_FORMAT("ff FF 377", "%x %X %o", 255, 255, 255);
	CHECK_FORMAT("0xff 0XFF 0377 0", "%#x %#X %#o %#x", 255, 255, 255, 0);
	CHECK_FORMAT("9223372036854775807", "%ld", LONG_MAX);
	CHECK_FORMAT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FORMAT("18446744073709551615", "%lu", ULONG_MAX);
	CHECK_FORMAT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FORMAT("123456789012", "%zu", (size_t)123456789012ULL);
	CHECK_FORMAT("-5", "%zd", (ssize_t)-5);
	CHECK_FORMAT("-1 255", "%hhd %hhu", 255, 255);
	CHECK_FORMAT("-1 65535", "%hd %hu", 65535, 65535);
	CHECK_FORMAT("7 8", "%jd %td", (intmax_t)7, (ptrdiff_t)8);
}

static void test_integer_flags(void)
{
	CHECK_FORMAT("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	CHECK_FORMAT("+42 -42  42", "%+d %+d % d", 42, -42, 42);
	CHECK_FORMAT("-0042", "%05d", -42);
	CHECK_FORMAT("  00042", "%7.5d", 42);
	CHECK_FORMAT("|", "%.0d|", 0);
	CHECK_FORMAT("    |", "%4.0d|", 0);
	CHECK_FORMAT("0", "%#.0o", 0);
	CHECK_FORMAT("0x000ff", "%#.5x", 255);
	CHECK_FORMAT("0x00ff", "%#06x", 255);
	CHECK_FORMAT("   42", "%*d", 5, 42);
	CHECK_FORMAT("42   |", "%*d|", -5, 42);
	CHECK_FORMAT("00042", "%.*d", 5, 42);
	CHECK_FORMAT("42", "%.*d", -3, 42); /* a negative precision is no precision */
	CHECK_FORMAT("+0", "%+d", 0);
}

static void test_characters_and_strings(void)
{
	CHECK_FORMAT("a", "%c", 'a');
	CHECK_FORMAT("  x|y  ", "%3c|%-3c", 'x', 'y');
	CHECK_FORMAT("hello", "%s", "hello");
	CHECK_FORMAT("hel", "%.3s", "hello");
	CHECK_FORMAT("   hi|hi   ", "%5s|%-5s", "hi", "hi");
	CHECK_FORMAT("  hel", "%5.3s", "hello");
	CHECK_FORMAT("100%", "%d%%", 100);
	CHECK_FORMAT("", "%s", "");
	CHECK_FORMAT("ab", "%.*s", 2, "abc");
}

static void test_pointers(void)
{
	CHECK_FORMAT("0x1234", "%p", (void *)0x1234);
	CHECK_FORMAT("0xdeadbeefcafe", "%p", (void *)0xdeadbeefcafeULL);
	CHECK_FORMAT("(nil)", "%p", NULL);
	CHECK_FORMAT("  0x10", "%6p", (void *)0x10);
	CHECK_FORMAT("0x10  |", "%-6p|", (void *)0x10);
}

static void test_fixed_point(void)
{
	CHECK_FORMAT("3.141593", "%f", 3.14159265358979);
	CHECK_FORMAT("3.14", "%.2f", 3.14159);
	CHECK_FORMAT("3", "%.0f", 3.14159);
	CHECK_FORMAT("3.", "%#.0f", 3.0);
	CHECK_FORMAT("0.000000", "%f", 0.0);
	CHECK_FORMAT("-0.000000", "%f", -0.0);
	CHECK_FORMAT("2.67", "%.2f", 2.675); /* 2.675 is really 2.67499999... */
	CHECK_FORMAT("0 2 2 -2", "%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -2.5); /* ties to even */
	CHECK_FORMAT("0.9", "%.1f", 0.95); /* 0.95 is really 0.94999... */
	CHECK_FORMAT("10.00", "%.2f", 9.999);
	CHECK_FORMAT("100000000000000000000.000000", "%f", 1e20);
	CHECK_FORMAT("0.000010", "%f", 1e-5);
	CHECK_FORMAT("0.1000000000000000055511151231257827", "%.34f", 0.1);
	CHECK_FORMAT("  -1.50|+1.50  |001.50| 1.50", "%7.2f|%-+7.2f|%06.2f|% .2f", -1.5, 1.5, 1.5,
		     1.5);
	CHECK_FORMAT("179769313486231570814527423731704356798070567525844996598917476803157260780"
		     "028538760589558632766878171540458953514382464234321326889464182768467546703"
		     "537516986049910576551282076245490090389328944075868508455133942304583236903"
		     "222948165808559332123348274797826204144723168738177180919299881250404026184"
		     "124858368.000000",
		     "%f", 1.7976931348623157e308);
}

static void test_exponent_and_general(void)
{
	CHECK_FORMAT("1.234568e+04", "%e", 12345.678);
	CHECK_FORMAT("1.2E+04", "%.1E", 12345.678);
	CHECK_FORMAT("0.000000e+00", "%e", 0.0);
	CHECK_FORMAT("1e+100", "%.0e", 1e100);
	CHECK_FORMAT("4.940656e-324", "%e", 4.9e-324);
	CHECK_FORMAT("1.000000e-300", "%e", 1e-300);
	CHECK_FORMAT("1.00e+03", "%.2e", 999.9999);
	CHECK_FORMAT("100000 1e+06 0.0001 1e-05", "%g %g %g %g", 100000.0, 1e6, 0.0001, 0.00001);
	CHECK_FORMAT("3.14159 0 1.5 123457", "%g %g %g %g", 3.14159265, 0.0, 1.5, 123456.7);
	CHECK_FORMAT("1.50000", "%#g", 1.5);
	CHECK_FORMAT("1E+10", "%G", 1e10);
	CHECK_FORMAT("0.1", "%.3g", 0.1);
	CHECK_FORMAT("1e+01", "%.0g", 9.5);
	CHECK_FORMAT("inf -inf nan -NAN", "%f %e %g %F", 1.0 / 0.0, -1.0 / 0.0, __builtin_nan(""),
		     -__builtin_nan(""));
	CHECK_FORMAT("  inf", "%05f", 1.0 / 0.0); /* no zero padding for inf */
	CHECK_FORMAT("2.5", "%Lg", (long double)2.5);
}

static void test_snprintf_truncation(void)
{
	char buffer[8];

	memset(buffer, 'x', sizeof(buffer));
	TEST_CHECK_EQUAL(snprintf(buffer, 5, "%s", "abcdefgh"), 8);
	TEST_CHECK_STRING(buffer, "abcd");
	TEST_CHECK_EQUAL(buffer[5], 'x');
	TEST_CHECK_EQUAL(snprintf(NULL, 0, "%d", 12345), 5);
	TEST_CHECK_EQUAL(snprintf(buffer, 1, "abc"), 3);
	TEST_CHECK_EQUAL(buffer[0], '\0');
	TEST_CHECK_EQUAL(sprintf(buffer, "%03d", 7), 3);
	TEST_CHECK_STRING(buffer, "007");
}

static void test_asprintf(void)
{
	char *result = NULL;
	char *empty = NULL;

	TEST_CHECK_EQUAL(asprintf(&result, "%s-%d-%0300d", "long", 1, 2), 307);
	TEST_CHECK(strncmp(result, "long-1-000", 10) == 0);
	TEST_CHECK_EQUAL(result[306], '2');
	TEST_CHECK_EQUAL(result[307], '\0');
	free(result);
	TEST_CHECK_EQUAL(asprintf(&empty, "%s", ""), 0);
	TEST_CHECK_STRING(empty, "");
	free(empty);
}

/* Builds the format at run time so the compiler's format checks do not reject it. */
static int format_at_run_time(char *buffer, size_t size, const char *format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vsnprintf(buffer, size, format, arguments);
	va_end(arguments);
	return result;
}

/* Cases the compiler's format checker rejects, but which printf must handle. */
static void test_unusual_but_valid(void)
{
	char buffer[32];
	char format[8];
	const char *null_string = NULL;

	strcpy(format, "%05.3d");
	TEST_CHECK_EQUAL(format_at_run_time(buffer, sizeof(buffer), format, 42), 5);
	TEST_CHECK_STRING(buffer, "  042"); /* a precision turns '0' off */
	strcpy(format, "%s");
	TEST_CHECK_EQUAL(format_at_run_time(buffer, sizeof(buffer), format, null_string), 6);
	TEST_CHECK_STRING(buffer, "(null)");
}

static void test_unsupported_conversions(void)
{
	char buffer[32];
	char format[8];
	int count = 0;

	strcpy(format, "a%nb");
	errno = 0;
	TEST_CHECK_EQUAL(format_at_run_time(buffer, sizeof(buffer), format, &count), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(count, 0);
	strcpy(format, "%k");
	TEST_CHECK_EQUAL(format_at_run_time(buffer, sizeof(buffer), format, 1), -1);
	strcpy(format, "%");
	TEST_CHECK_EQUAL(format_at_run_time(buffer, sizeof(buffer), format), -1);
}

static const struct libc_test tests[] = {
	{"integer conversions and lengths", test_integers},
	{"integer flags width precision", test_integer_flags},
	{"%c %s %%", test_characters_and_strings},
	{"%p", test_pointers},
	{"%f exact and rounded", test_fixed_point},
	{"%e %g", test_exponent_and_general},
	{"snprintf truncation", test_snprintf_truncation},
	{"asprintf", test_asprintf},
	{"zero flag with precision, NULL %s", test_unusual_but_valid},
	{"%n and unknown conversions fail", test_unsupported_conversions},
};

TEST_SUITE(printf, tests);
