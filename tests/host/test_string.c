/* The kernel's string functions (kernel/lib/string.c), linked into this binary. */
#include <stddef.h>
#include "harness.h"

void *memmove(void *destination, const void *source, size_t length);
int strcmp(const char *a, const char *b);
size_t strlcpy(char *destination, const char *source, size_t size);
int strncmp(const char *a, const char *b, size_t length);
char *strchr(const char *string, int character);

HOST_TEST(string_memmove_overlap)
{
	char buffer[16] = "0123456789";
	memmove(buffer + 2, buffer, 8);
	CHECK(strcmp(buffer, "0101234567") == 0);
	memmove(buffer, buffer + 2, 8);
	CHECK(strncmp(buffer, "01234567", 8) == 0);
}

HOST_TEST(string_strlcpy_and_search)
{
	char small[4];
	CHECK_EQ(strlcpy(small, "abcdef", sizeof(small)), 6);
	CHECK(strcmp(small, "abc") == 0);
	CHECK_EQ(strlcpy(small, "", sizeof(small)), 0);
	CHECK_EQ(small[0], '\0');
	const char *text = "key=value";
	CHECK(strchr(text, '=') == text + 3);
	CHECK(strchr(text, '\0') == text + 9);
	CHECK(strchr(text, '#') == NULL);
	CHECK(strcmp("a", "b") < 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0);
}
