/*
 * Tests for string.h and strings.h (man 3 string): every function against hand-computed
 * results, the word-sized copy paths against a byte-by-byte reference at every alignment,
 * and strerror for every Linux errno.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include "test.h"

/* Fills buffer with a pattern that differs at every offset. */
static void fill_pattern(unsigned char *buffer, size_t length, unsigned int seed)
{
	size_t index;

	for (index = 0; index < length; index++)
		buffer[index] = (unsigned char)(index * 7 + seed);
}

static void test_memcpy_alignments(void)
{
	unsigned char source[96], destination[96], expected[96];
	size_t from, to, length, index;

	for (from = 0; from < 9; from++) {
		for (to = 0; to < 9; to++) {
			for (length = 0; length < 70; length += 3) {
				fill_pattern(source, sizeof(source), 1);
				memset(destination, 0xee, sizeof(destination));
				memset(expected, 0xee, sizeof(expected));
				for (index = 0; index < length; index++)
					expected[to + index] = source[from + index];
				TEST_CHECK(memcpy(destination + to, source + from, length) ==
					   destination + to);
				TEST_CHECK(memcmp(destination, expected, sizeof(expected)) == 0);
			}
		}
	}
}

static void test_memmove_overlap(void)
{
	unsigned char buffer[64], expected[64];
	size_t shift, length = 40, index;

	for (shift = 0; shift < 12; shift++) {
		fill_pattern(buffer, sizeof(buffer), 3);
		fill_pattern(expected, sizeof(expected), 3);
		for (index = length; index-- > 0;)
			expected[shift + index] = expected[index];
		memmove(buffer + shift, buffer, length);
		TEST_CHECK(memcmp(buffer, expected, sizeof(buffer)) == 0);

		fill_pattern(buffer, sizeof(buffer), 3);
		fill_pattern(expected, sizeof(expected), 3);
		for (index = 0; index < length; index++)
			expected[index] = expected[index + shift];
		memmove(buffer, buffer + shift, length);
		TEST_CHECK(memcmp(buffer, expected, sizeof(buffer)) == 0);
	}
}

static void test_memset_memcmp_memchr(void)
{
	static const char hello[] = "hello", with_nul[] = "hel\0lo", repeated[] = "abcabc";
	unsigned char buffer[50];
	size_t start, index;

	for (start = 0; start < 9; start++) {
		memset(buffer, 0, sizeof(buffer));
		memset(buffer + start, 0x1ab, 33);
		for (index = 0; index < sizeof(buffer); index++)
			TEST_CHECK_EQUAL(buffer[index],
					 index >= start && index < start + 33 ? 0xab : 0);
	}
	TEST_CHECK(memcmp("abc", "abd", 3) < 0);
	TEST_CHECK(memcmp("abd", "abc", 3) > 0);
	TEST_CHECK(memcmp("ab\x80", "ab\x01", 3) > 0); /* bytes compare unsigned */
	TEST_CHECK(memcmp("abc", "abd", 2) == 0);
	TEST_CHECK(memcmp("x", "y", 0) == 0);
	TEST_CHECK(memchr(hello, 'l', 5) == hello + 2);
	TEST_CHECK(memchr(hello, 'z', 5) == NULL);
	TEST_CHECK(memchr(hello, 'o', 4) == NULL);
	TEST_CHECK(memchr(with_nul, 'o', 6) == with_nul + 5);
	TEST_CHECK(memrchr(repeated, 'b', 6) == repeated + 4);
	TEST_CHECK(memrchr(repeated, 'b', 4) == repeated + 1);
}

static void test_length_and_copy(void)
{
	char buffer[32];

	TEST_CHECK_EQUAL(strlen(""), 0);
	TEST_CHECK_EQUAL(strlen("hello"), 5);
	TEST_CHECK_EQUAL(strnlen("hello", 3), 3);
	TEST_CHECK_EQUAL(strnlen("hello", 10), 5);
	TEST_CHECK(strcpy(buffer, "abc") == buffer);
	TEST_CHECK_STRING(buffer, "abc");
	TEST_CHECK(stpcpy(buffer, "xy") == buffer + 2);
	memset(buffer, 'z', sizeof(buffer));
	strncpy(buffer, "ab", 5);
	TEST_CHECK(memcmp(buffer, "ab\0\0\0z", 6) == 0);
	strncpy(buffer, "abcdef", 3);
	TEST_CHECK(memcmp(buffer, "abc\0", 4) == 0);
	strcpy(buffer, "one");
	TEST_CHECK_STRING(strcat(buffer, "two"), "onetwo");
	TEST_CHECK_STRING(strncat(buffer, "threefour", 5), "onetwothree");
	TEST_CHECK_EQUAL(strlcpy(buffer, "truncated", 5), 9);
	TEST_CHECK_STRING(buffer, "trun");
}

static void test_compare(void)
{
	TEST_CHECK(strcmp("abc", "abc") == 0);
	TEST_CHECK(strcmp("abc", "abd") < 0);
	TEST_CHECK(strcmp("abc", "ab") > 0);
	TEST_CHECK(strcmp("", "a") < 0);
	TEST_CHECK(strcmp("\xff", "a") > 0);
	TEST_CHECK(strncmp("abcdef", "abcxyz", 3) == 0);
	TEST_CHECK(strncmp("abcdef", "abcxyz", 4) < 0);
	TEST_CHECK(strncmp("a", "b", 0) == 0);
	TEST_CHECK(strcasecmp("HeLLo", "hello") == 0);
	TEST_CHECK(strcasecmp("apple", "BANANA") < 0);
	TEST_CHECK(strncasecmp("ABCx", "abcy", 3) == 0);
	TEST_CHECK(strcoll("a", "b") < 0);
}

static void test_search(void)
{
	const char *text = "hello, world";

	TEST_CHECK(strchr(text, 'o') == text + 4);
	TEST_CHECK(strrchr(text, 'o') == text + 8);
	TEST_CHECK(strchr(text, '\0') == text + 12);
	TEST_CHECK(strrchr(text, '\0') == text + 12);
	TEST_CHECK(strchr(text, 'z') == NULL);
	TEST_CHECK(strchrnul(text, 'z') == text + 12);
	TEST_CHECK(strstr(text, "world") == text + 7);
	TEST_CHECK(strstr(text, "") == text);
	TEST_CHECK(strstr(text, "worlds") == NULL);
	TEST_CHECK(strstr("aaab", "aab") != NULL);
	TEST_CHECK_EQUAL(strspn("aabbcx", "abc"), 5);
	TEST_CHECK_EQUAL(strcspn("hello, world", ",."), 5);
	TEST_CHECK_EQUAL(strcspn("abc", ""), 3);
	TEST_CHECK(strpbrk(text, " ,") == text + 5);
	TEST_CHECK(strpbrk(text, "xyz") == NULL);
}

static void test_tokens(void)
{
	char line[] = "  one,two;;three ";
	char copy[] = "a,,b";
	char *saved, *cursor = copy;
	char *token;

	TEST_CHECK_STRING(strtok(line, " ,;"), "one");
	TEST_CHECK_STRING(strtok(NULL, " ,;"), "two");
	TEST_CHECK_STRING(strtok(NULL, " ,;"), "three");
	TEST_CHECK(strtok(NULL, " ,;") == NULL);
	TEST_CHECK(strtok(NULL, " ,;") == NULL);

	strcpy(line, "x y");
	TEST_CHECK_STRING(strtok_r(line, " ", &saved), "x");
	TEST_CHECK_STRING(strtok_r(NULL, " ", &saved), "y");
	TEST_CHECK(strtok_r(NULL, " ", &saved) == NULL);

	token = strsep(&cursor, ",");
	TEST_CHECK_STRING(token, "a");
	TEST_CHECK_STRING(strsep(&cursor, ","), "");
	TEST_CHECK_STRING(strsep(&cursor, ","), "b");
	TEST_CHECK(cursor == NULL);
	TEST_CHECK(strsep(&cursor, ",") == NULL);
}

static void test_duplicate(void)
{
	char *copy = strdup("duplicate me");

	TEST_CHECK_STRING(copy, "duplicate me");
	free(copy);
	copy = strndup("duplicate me", 9);
	TEST_CHECK_STRING(copy, "duplicate");
	free(copy);
	copy = strndup("abc", 10);
	TEST_CHECK_STRING(copy, "abc");
	free(copy);
}

static void test_strerror(void)
{
	char buffer[64];
	int number;

	for (number = 1; number <= 133; number++) {
		const char *message = strerror(number);

		/* 41 and 58 are unused: Linux aliases EWOULDBLOCK and EDEADLOCK instead. */
		if (number == 41 || number == 58)
			TEST_CHECK(strncmp(message, "Unknown error", 13) == 0);
		else if (strncmp(message, "Unknown error", 13) == 0)
			test_fail(__FILE__, __LINE__, "errno %d has no message", number);
	}
	TEST_CHECK_STRING(strerror(0), "Success");
	TEST_CHECK_STRING(strerror(ENOENT), "No such file or directory");
	TEST_CHECK_STRING(strerror(ENOSYS), "Function not implemented");
	TEST_CHECK_STRING(strerror(EHWPOISON), "Memory page has hardware error");
	TEST_CHECK_STRING(strerror(1000), "Unknown error 1000");
	TEST_CHECK_STRING(strerror(-5), "Unknown error -5");
	TEST_CHECK_EQUAL(strerror_r(EPERM, buffer, sizeof(buffer)), 0);
	TEST_CHECK_STRING(buffer, "Operation not permitted");
	TEST_CHECK_EQUAL(strerror_r(EPERM, buffer, 5), ERANGE);
	TEST_CHECK_STRING(buffer, "Oper");
	TEST_CHECK_EQUAL(strerror_r(4000, buffer, sizeof(buffer)), EINVAL);
	TEST_CHECK_STRING(strsignal(9), "Killed");
	TEST_CHECK_STRING(strsignal(99), "Unknown signal 99");
}

static const struct libc_test tests[] = {
	{"memcpy at every alignment", test_memcpy_alignments},
	{"memmove overlapping both ways", test_memmove_overlap},
	{"memset memcmp memchr", test_memset_memcmp_memchr},
	{"strlen strcpy strncpy strcat strlcpy", test_length_and_copy},
	{"strcmp strncmp strcasecmp", test_compare},
	{"strchr strrchr strstr strspn strpbrk", test_search},
	{"strtok strtok_r strsep", test_tokens},
	{"strdup strndup", test_duplicate},
	{"strerror for every errno", test_strerror},
};

TEST_SUITE(string, tests);
