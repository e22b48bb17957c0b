/* The kernel's string functions (kernel/lib/string.c), linked into this binary. */
#include <stddef.h>
#include "harness.h"

void *memmove(void *destination, const void *source, size_t length);
int strcmp(const char *a, const char *b);
size_t strlcpy(char *destination, const char *source, size_t size);
int strncmp(const char *a, const char *b, size_t length);
char *strchr(const char *string, int character);
void *memcpy(void *destination, const void *source, size_t length);
void *memset(void *destination, int value, size_t length);
int memcmp(const void *a, const void *b, size_t length);

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

/* memset and memcpy take a quadword path when pointers and length are multiples of 8 and a
 * byte path otherwise: both fill or copy exactly the bytes asked for, and not one more. */
HOST_TEST(string_memset_memcpy_aligned_and_not)
{
	static unsigned char source[80] __attribute__((aligned(8)));
	static unsigned char buffer[80] __attribute__((aligned(8)));
	static const size_t offsets[] = {0, 8, 3, 0, 8};
	static const size_t lengths[] = {64, 56, 61, 13, 0};
	for (size_t i = 0; i < sizeof(source); i++)
		source[i] = (unsigned char)(i * 7 + 1);
	for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
		size_t offset = offsets[k], length = lengths[k];
		for (size_t i = 0; i < sizeof(buffer); i++)
			buffer[i] = 0xee;
		CHECK(memset(buffer + offset, 0x5a, length) == buffer + offset);
		for (size_t i = 0; i < sizeof(buffer); i++)
			CHECK_EQ(buffer[i], i >= offset && i < offset + length ? 0x5a : 0xee);
		CHECK(memcpy(buffer + offset, source + offset, length) == buffer + offset);
		CHECK(memcmp(buffer + offset, source + offset, length) == 0);
		CHECK_EQ(buffer[offset + length], 0xee);
		if (offset > 0)
			CHECK_EQ(buffer[offset - 1], 0xee);
	}
}
