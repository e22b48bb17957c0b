/*
 * Tests for the strtol family and atoi (man 3 strtol, man 3 strtoul): bases, prefixes,
 * signs, where parsing stops, saturation with ERANGE, and EINVAL for a bad base.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

/* Parses with strtol and checks the value, the stop offset and errno (0 when unchanged). */
static void check_strtol(const char *text, int base, long value, size_t stop, int error)
{
	char *end = NULL;
	long result;

	errno = 0;
	result = strtol(text, &end, base);
	if (result != value || (size_t)(end - text) != stop || errno != error)
		test_fail(__FILE__, __LINE__,
			  "strtol(\"%s\", %d) = %ld stop %zu errno %d; expected %ld stop %zu errno "
			  "%d",
			  text, base, result, (size_t)(end - text), errno, value, stop, error);
}

static void test_strtol_bases(void)
{
	check_strtol("0", 10, 0, 1, 0);
	check_strtol("12345", 10, 12345, 5, 0);
	check_strtol("  \t\n-42xyz", 10, -42, 7, 0);
	check_strtol("+7", 10, 7, 2, 0);
	check_strtol("0x1f", 16, 31, 4, 0);
	check_strtol("0X1F", 0, 31, 4, 0);
	check_strtol("1f", 16, 31, 2, 0);
	check_strtol("017", 0, 15, 3, 0);
	check_strtol("019", 0, 1, 2, 0);
	check_strtol("19", 8, 1, 1, 0);
	check_strtol("101", 2, 5, 3, 0);
	check_strtol("zz", 36, 35 * 36 + 35, 2, 0);
	check_strtol("-0x10", 0, -16, 5, 0);
}

static void test_strtol_no_digits(void)
{
	/* "0x" without a hex digit: the number is "0" and parsing stops at the 'x'. */
	check_strtol("0x", 16, 0, 1, 0);
	check_strtol("0xg", 0, 0, 1, 0);
	check_strtol("", 10, 0, 0, 0);
	check_strtol("   ", 10, 0, 0, 0);
	check_strtol("-", 10, 0, 0, 0);
	check_strtol("+x", 10, 0, 0, 0);
	check_strtol("abc", 10, 0, 0, 0);
}

static void test_strtol_overflow(void)
{
	check_strtol("9223372036854775807", 10, LONG_MAX, 19, 0);
	check_strtol("-9223372036854775808", 10, LONG_MIN, 20, 0);
	check_strtol("9223372036854775808", 10, LONG_MAX, 19, ERANGE);
	check_strtol("-9223372036854775809", 10, LONG_MIN, 20, ERANGE);
	check_strtol("99999999999999999999999999", 10, LONG_MAX, 26, ERANGE);
	check_strtol("0x8000000000000000", 0, LONG_MAX, 18, ERANGE);
	check_strtol("12", 1, 0, 0, EINVAL);
	check_strtol("12", 37, 0, 0, EINVAL);
	check_strtol("12", -1, 0, 0, EINVAL);
}

static void test_strtoul(void)
{
	char *end;

	errno = 0;
	TEST_CHECK(strtoul("18446744073709551615", &end, 10) == ULONG_MAX);
	TEST_CHECK_EQUAL(errno, 0);
	TEST_CHECK(strtoul("18446744073709551616", &end, 10) == ULONG_MAX);
	TEST_CHECK_EQUAL(errno, ERANGE);
	errno = 0;
	/* A minus sign negates in the unsigned type. */
	TEST_CHECK(strtoul("-1", &end, 10) == ULONG_MAX);
	TEST_CHECK(strtoul("-2", &end, 10) == ULONG_MAX - 1);
	TEST_CHECK(strtoul("-0", &end, 10) == 0);
	TEST_CHECK_EQUAL(errno, 0);
	TEST_CHECK(strtoull("0xffffffffffffffff", &end, 0) == ULLONG_MAX);
	TEST_CHECK(*end == '\0');
	TEST_CHECK(strtoull("777", NULL, 8) == 511);
	TEST_CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN);
}

static void test_atoi(void)
{
	TEST_CHECK_EQUAL(atoi("  123abc"), 123);
	TEST_CHECK_EQUAL(atoi("-2147483648"), INT_MIN);
	TEST_CHECK_EQUAL(atoi("junk"), 0);
	TEST_CHECK_EQUAL(atol("-99"), -99);
	TEST_CHECK_EQUAL(atoll("1099511627776"), 1099511627776LL);
}

static const struct libc_test tests[] = {
	{"strtol bases and prefixes", test_strtol_bases},
	{"strtol with no digits", test_strtol_no_digits},
	{"strtol overflow and bad base", test_strtol_overflow},
	{"strtoul strtoull strtoll", test_strtoul},
	{"atoi atol atoll", test_atoi},
};

TEST_SUITE(strtol, tests);
