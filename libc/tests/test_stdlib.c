/*
 * Tests for the rest of stdlib.h: qsort and bsearch (man 3 qsort), the environment
 * (man 3 getenv, man 3 setenv), rand/srand determinism, abs and div.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "test.h"

static int compare_ints(const void *left, const void *right)
{
	int a = *(const int *)left, b = *(const int *)right;

	return (a > b) - (a < b);
}

static int compare_strings(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

static void test_qsort_integers(void)
{
	static int values[5000];
	static int counts[1000];
	size_t count, index;

	srand(12345);
	for (count = 0; count <= 5000; count = count * 3 + 1) {
		memset(counts, 0, sizeof(counts));
		for (index = 0; index < count; index++) {
			values[index] = rand() % 1000;
			counts[values[index]]++;
		}
		qsort(values, count, sizeof(int), compare_ints);
		for (index = 1; index < count; index++)
			TEST_CHECK(values[index - 1] <= values[index]);
		/* Same multiset as before. */
		for (index = 0; index < count; index++)
			counts[values[index]]--;
		for (index = 0; index < 1000; index++)
			TEST_CHECK_EQUAL(counts[index], 0);
	}
}

struct wide_record {
	long key;
	char padding[17];
};

static int compare_records(const void *left, const void *right)
{
	long a = ((const struct wide_record *)left)->key;
	long b = ((const struct wide_record *)right)->key;

	return (a > b) - (a < b);
}

static void test_qsort_records_and_strings(void)
{
	struct wide_record records[100];
	const char *words[] = {"pear", "apple", "fig", "banana", "apple", "cherry"};
	size_t index;

	for (index = 0; index < 100; index++) {
		records[index].key = (long)((index * 37) % 100);
		memset(records[index].padding, (int)index, sizeof(records[index].padding));
	}
	qsort(records, 100, sizeof(records[0]), compare_records);
	for (index = 0; index < 100; index++) {
		TEST_CHECK_EQUAL(records[index].key, index);
		/* The padding travelled with its key: key k came from index 73k mod 100. */
		TEST_CHECK_EQUAL((unsigned char)records[index].padding[16],
				 (unsigned char)((index * 73) % 100));
	}
	qsort(words, 6, sizeof(words[0]), compare_strings);
	TEST_CHECK_STRING(words[0], "apple");
	TEST_CHECK_STRING(words[1], "apple");
	TEST_CHECK_STRING(words[2], "banana");
	TEST_CHECK_STRING(words[5], "pear");
}

static void test_bsearch(void)
{
	int sorted[] = {1, 3, 5, 7, 9, 11};
	int key;

	for (key = 0; key <= 12; key++) {
		int *found = bsearch(&key, sorted, 6, sizeof(int), compare_ints);

		if (key % 2)
			TEST_CHECK(found && *found == key);
		else
			TEST_CHECK(found == NULL);
	}
	key = 1;
	TEST_CHECK(bsearch(&key, sorted, 0, sizeof(int), compare_ints) == NULL);
}

static void test_environment(void)
{
	char putenv_string[] = "LIBC_TEST_PUT=put";

	TEST_CHECK(getenv("LIBC_TEST_VARIABLE") == NULL);
	TEST_CHECK_EQUAL(setenv("LIBC_TEST_VARIABLE", "first", 0), 0);
	TEST_CHECK_STRING(getenv("LIBC_TEST_VARIABLE"), "first");
	TEST_CHECK_EQUAL(setenv("LIBC_TEST_VARIABLE", "second", 0), 0);
	TEST_CHECK_STRING(getenv("LIBC_TEST_VARIABLE"), "first");
	TEST_CHECK_EQUAL(setenv("LIBC_TEST_VARIABLE", "third", 1), 0);
	TEST_CHECK_STRING(getenv("LIBC_TEST_VARIABLE"), "third");
	TEST_CHECK(getenv("LIBC_TEST_VARIABL") == NULL);
	TEST_CHECK_EQUAL(putenv(putenv_string), 0);
	TEST_CHECK_STRING(getenv("LIBC_TEST_PUT"), "put");
	putenv_string[14] = 'P'; /* putenv keeps the caller's string itself */
	TEST_CHECK_STRING(getenv("LIBC_TEST_PUT"), "Put");
	TEST_CHECK_EQUAL(unsetenv("LIBC_TEST_VARIABLE"), 0);
	TEST_CHECK(getenv("LIBC_TEST_VARIABLE") == NULL);
	TEST_CHECK_STRING(getenv("LIBC_TEST_PUT"), "Put");
	errno = 0;
	TEST_CHECK_EQUAL(setenv("BAD=NAME", "x", 1), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(setenv("", "x", 1), -1);
	TEST_CHECK_EQUAL(unsetenv("A=B"), -1);
}

static void test_environment_memory(void)
{
	struct malloc_statistics before, after;
	int round;

	setenv("LIBC_TEST_WARM", "x", 1); /* the first change copies environ once */
	malloc_get_statistics(&before);
	for (round = 0; round < 100; round++)
		TEST_CHECK_EQUAL(setenv("LIBC_TEST_REPEATED", round % 2 ? "odd" : "even", 1), 0);
	TEST_CHECK_EQUAL(unsetenv("LIBC_TEST_REPEATED"), 0);
	malloc_get_statistics(&after);
	/* Replaced and removed values are freed; only the tracking array may have grown. */
	TEST_CHECK(after.used_blocks <= before.used_blocks + 1);
	TEST_CHECK_EQUAL(clearenv(), 0);
	TEST_CHECK(getenv("LIBC_TEST_WARM") == NULL);
	TEST_CHECK_EQUAL(setenv("AFTER_CLEAR", "yes", 1), 0);
	TEST_CHECK_STRING(getenv("AFTER_CLEAR"), "yes");
	TEST_CHECK(environ[0] && !environ[1]);
}

static void test_rand(void)
{
	int first[10], index;
	unsigned int seed = 99;

	srand(42);
	for (index = 0; index < 10; index++) {
		first[index] = rand();
		TEST_CHECK(first[index] >= 0 && first[index] <= RAND_MAX);
	}
	srand(42);
	for (index = 0; index < 10; index++)
		TEST_CHECK_EQUAL(rand(), first[index]);
	srand(43);
	TEST_CHECK(rand() != first[0]);
	TEST_CHECK(rand_r(&seed) != rand_r(&seed));
}

static void test_arithmetic(void)
{
	div_t quotient = div(-7, 2);
	ldiv_t long_quotient = ldiv(7L, -2L);

	TEST_CHECK_EQUAL(abs(-5), 5);
	TEST_CHECK_EQUAL(abs(5), 5);
	TEST_CHECK_EQUAL(labs(-LONG_MAX), LONG_MAX);
	TEST_CHECK_EQUAL(llabs(-3LL), 3);
	TEST_CHECK_EQUAL(quotient.quot, -3);
	TEST_CHECK_EQUAL(quotient.rem, -1);
	TEST_CHECK_EQUAL(long_quotient.quot, -3);
	TEST_CHECK_EQUAL(long_quotient.rem, 1);
}

static const struct libc_test tests[] = {
	{"qsort integers of many sizes", test_qsort_integers},
	{"qsort records and strings", test_qsort_records_and_strings},
	{"bsearch", test_bsearch},
	{"getenv setenv unsetenv putenv", test_environment},
	{"setenv frees replaced values", test_environment_memory},
	{"rand srand rand_r", test_rand},
	{"abs div", test_arithmetic},
};

TEST_SUITE(stdlib, tests);
