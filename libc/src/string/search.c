/*
 * Searching and splitting strings (man 3 strstr, man 3 strspn, man 3 strpbrk, man 3 strtok,
 * man 3 strsep; C11 §7.24.5). Character sets are 256-bit maps built once per call, so each
 * function is linear in its input.
 */
#include <stdint.h>
#include <string.h>

/* One bit per byte value. */
struct byte_set {
	uint64_t bits[4];
};

static void byte_set_fill(struct byte_set *set, const char *members)
{
	const unsigned char *cursor = (const unsigned char *)members;

	memset(set, 0, sizeof(*set));
	for (; *cursor; cursor++)
		set->bits[*cursor / 64] |= 1ULL << (*cursor % 64);
}

static int byte_set_has(const struct byte_set *set, unsigned char byte)
{
	return (set->bits[byte / 64] >> (byte % 64)) & 1;
}

size_t strspn(const char *string, const char *accept)
{
	struct byte_set set;
	size_t length = 0;

	byte_set_fill(&set, accept);
	while (string[length] && byte_set_has(&set, (unsigned char)string[length]))
		length++;
	return length;
}

size_t strcspn(const char *string, const char *reject)
{
	struct byte_set set;
	size_t length = 0;

	byte_set_fill(&set, reject);
	while (string[length] && !byte_set_has(&set, (unsigned char)string[length]))
		length++;
	return length;
}

char *strpbrk(const char *string, const char *accept)
{
	string += strcspn(string, accept);
	return *string ? (char *)string : NULL;
}

/* The empty needle matches at the start. */
char *strstr(const char *haystack, const char *needle)
{
	size_t needle_length = strlen(needle);

	if (needle_length == 0)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, needle[0])); haystack++) {
		if (strncmp(haystack, needle, needle_length) == 0)
			return (char *)haystack;
	}
	return NULL;
}

char *strtok_r(char *restrict string, const char *restrict delimiters, char **restrict saved)
{
	char *token;

	if (!string)
		string = *saved;
	if (!string)
		return NULL;
	string += strspn(string, delimiters);
	if (*string == '\0') {
		*saved = NULL;
		return NULL;
	}
	token = string;
	string += strcspn(string, delimiters);
	if (*string) {
		*string = '\0';
		*saved = string + 1;
	} else {
		*saved = NULL;
	}
	return token;
}

char *strtok(char *restrict string, const char *restrict delimiters)
{
	static char *saved;

	return strtok_r(string, delimiters, &saved);
}

/* Unlike strtok, empty fields between adjacent delimiters are returned. */
char *strsep(char **string_pointer, const char *delimiters)
{
	char *token = *string_pointer;
	char *end;

	if (!token)
		return NULL;
	end = token + strcspn(token, delimiters);
	if (*end) {
		*end = '\0';
		*string_pointer = end + 1;
	} else {
		*string_pointer = NULL;
	}
	return token;
}
