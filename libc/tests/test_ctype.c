/*
 * Tests for ctype.h (man 3 isalpha): every class for every byte and EOF, checked against the
 * ASCII table written out by ranges, and the case conversions.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

static int in_range(int character, int low, int high)
{
	return character >= low && character <= high;
}

static void test_classes(void)
{
	int character;

	for (character = -1; character < 256; character++) {
		int digit = in_range(character, '0', '9');
		int upper = in_range(character, 'A', 'Z');
		int lower = in_range(character, 'a', 'z');
		int space = character == ' ' || in_range(character, 9, 13);
		int control = in_range(character, 0, 31) || character == 127;
		int printable = in_range(character, 32, 126);

		TEST_CHECK_EQUAL(!!isdigit(character), digit);
		TEST_CHECK_EQUAL(!!isupper(character), upper);
		TEST_CHECK_EQUAL(!!islower(character), lower);
		TEST_CHECK_EQUAL(!!isalpha(character), upper || lower);
		TEST_CHECK_EQUAL(!!isalnum(character), upper || lower || digit);
		TEST_CHECK_EQUAL(!!isspace(character), space);
		TEST_CHECK_EQUAL(!!isblank(character), character == ' ' || character == '\t');
		TEST_CHECK_EQUAL(!!iscntrl(character), control);
		TEST_CHECK_EQUAL(!!isprint(character), printable);
		TEST_CHECK_EQUAL(!!isgraph(character), printable && character != ' ');
		TEST_CHECK_EQUAL(!!ispunct(character),
				 printable && character != ' ' && !(upper || lower || digit));
		TEST_CHECK_EQUAL(!!isxdigit(character), digit || in_range(character, 'a', 'f') ||
								in_range(character, 'A', 'F'));
		TEST_CHECK_EQUAL(!!isascii(character), in_range(character, 0, 127));
	}
}

static void test_conversions(void)
{
	int character;

	for (character = -1; character < 256; character++) {
		int upper = in_range(character, 'A', 'Z');
		int lower = in_range(character, 'a', 'z');

		TEST_CHECK_EQUAL(toupper(character), lower ? character - 32 : character);
		TEST_CHECK_EQUAL(tolower(character), upper ? character + 32 : character);
	}
	TEST_CHECK_EQUAL(toupper(EOF), EOF);
}

static const struct libc_test tests[] = {
	{"classes of every byte and EOF", test_classes},
	{"toupper tolower", test_conversions},
};

TEST_SUITE(ctype, tests);
