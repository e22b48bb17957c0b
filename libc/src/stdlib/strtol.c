/*
 * Integers from strings (man 3 strtol, man 3 strtoul, man 3 atoi; C11 §7.22.1). One parser
 * reads the magnitude as an unsigned long long with a limit; the four functions differ only
 * in the limit and in how they apply the sign. On overflow the result saturates and errno
 * is ERANGE; with no digits, *end is the start of the string and the result 0; a base other
 * than 0 or 2..36 is EINVAL. strtoul and strtoull accept a '-' and negate, as C specifies.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct parsed_integer {
	unsigned long long magnitude; /* clamped to limit on overflow */
	bool is_negative;
	bool has_overflowed;
};

static int digit_value(int character)
{
	if (isdigit(character))
		return character - '0';
	if (islower(character))
		return character - 'a' + 10;
	if (isupper(character))
		return character - 'A' + 10;
	return 36;
}

/*
 * Parses string into *result, with magnitudes above limit counting as overflow.
 * Returns where parsing stopped (string itself when there were no digits), or NULL for a
 * bad base.
 */
static const char *parse_integer(const char *string, int base, unsigned long long limit,
				 struct parsed_integer *result)
{
	const char *cursor = string;
	bool has_digits = false;

	result->magnitude = 0;
	result->is_negative = false;
	result->has_overflowed = false;
	if (base < 0 || base == 1 || base > 36)
		return NULL;
	while (isspace((unsigned char)*cursor))
		cursor++;
	if (*cursor == '+' || *cursor == '-')
		result->is_negative = *cursor++ == '-';
	/* "0x" is a prefix only if a hex digit follows; otherwise the "0" is the number. */
	if ((base == 0 || base == 16) && cursor[0] == '0' && (cursor[1] | 0x20) == 'x' &&
	    digit_value((unsigned char)cursor[2]) < 16) {
		cursor += 2;
		base = 16;
	} else if (base == 0) {
		base = cursor[0] == '0' ? 8 : 10;
	}
	for (;; cursor++) {
		int digit = digit_value((unsigned char)*cursor);

		if (digit >= base)
			break;
		has_digits = true;
		if (result->has_overflowed)
			continue;
		if (result->magnitude > (limit - (unsigned long long)digit) / (unsigned)base) {
			result->has_overflowed = true;
			result->magnitude = limit;
			continue;
		}
		result->magnitude = result->magnitude * (unsigned)base + (unsigned)digit;
	}
	return has_digits ? cursor : string;
}

static void set_end(char **end, const char *position)
{
	if (end)
		*end = (char *)position;
}

/* Signed: the limit is max + 1 for a negative number, so the minimum is reachable. */
static long long parse_signed(const char *string, char **end, int base, long long minimum,
			      long long maximum)
{
	struct parsed_integer parsed;
	unsigned long long limit;
	const char *stop;

	stop = parse_integer(string, base, ULLONG_MAX, &parsed);
	if (!stop) {
		errno = EINVAL;
		set_end(end, string);
		return 0;
	}
	set_end(end, stop);
	limit = parsed.is_negative ? (unsigned long long)maximum + 1 : (unsigned long long)maximum;
	if (parsed.has_overflowed || parsed.magnitude > limit) {
		errno = ERANGE;
		return parsed.is_negative ? minimum : maximum;
	}
	if (parsed.is_negative)
		return parsed.magnitude == limit ? minimum : -(long long)parsed.magnitude;
	return (long long)parsed.magnitude;
}

static unsigned long long parse_unsigned(const char *string, char **end, int base,
					 unsigned long long maximum)
{
	struct parsed_integer parsed;
	const char *stop;

	stop = parse_integer(string, base, maximum, &parsed);
	if (!stop) {
		errno = EINVAL;
		set_end(end, string);
		return 0;
	}
	set_end(end, stop);
	if (parsed.has_overflowed) {
		errno = ERANGE;
		return maximum;
	}
	return parsed.is_negative ? (maximum - parsed.magnitude + 1) & maximum : parsed.magnitude;
}

long strtol(const char *restrict string, char **restrict end, int base)
{
	return (long)parse_signed(string, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict string, char **restrict end, int base)
{
	return parse_signed(string, end, base, LLONG_MIN, LLONG_MAX);
}

unsigned long strtoul(const char *restrict string, char **restrict end, int base)
{
	return (unsigned long)parse_unsigned(string, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict string, char **restrict end, int base)
{
	return parse_unsigned(string, end, base, ULLONG_MAX);
}

int atoi(const char *string)
{
	return (int)strtol(string, NULL, 10);
}

long atol(const char *string)
{
	return strtol(string, NULL, 10);
}

long long atoll(const char *string)
{
	return strtoll(string, NULL, 10);
}
