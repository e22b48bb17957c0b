/*
 * Floating-point conversions of printf: %f %F %e %E %g %G (man 3 printf; C11 §7.21.6.1).
 *
 * The output is exact, as glibc's is. A finite double is m * 2^e with m < 2^53. Its decimal
 * expansion is computed exactly with base-10^9 big integers: the integer part as
 * m * 2^e, and a fraction r / 2^k as the k-digit number r * 5^k (because r / 2^k equals
 * r * 5^k / 10^k). Rounding to the requested digits is then done on the decimal digits,
 * with ties going to the even digit (IEEE round-to-nearest, the default mode).
 * long double arguments (%Lf) are converted to double first.
 */
#include <stdint.h>
#include <string.h>
#include "stdio/format_internal.h"

#define LIMB_BASE	  1000000000u
#define LIMB_DIGITS	  9
#define LIMB_CAPACITY	  96   /* 5^1074 * 2^53 < 10^768 needs 86 limbs */
#define DIGIT_CAPACITY	  1100 /* a fraction has at most 1074 digits */
#define DEFAULT_PRECISION 6

/* A non-negative integer in base 10^9, least significant limb first. */
struct big_integer {
	uint32_t limbs[LIMB_CAPACITY];
	int count;
};

/* value = 0.d0 d1 d2 ... shifted: d0.d1d2... * 10^exponent; count == 0 means zero. */
struct decimal {
	char digits[DIGIT_CAPACITY];
	int count;
	int exponent;
};

static void big_set(struct big_integer *number, uint64_t value)
{
	number->count = 0;
	do {
		number->limbs[number->count++] = (uint32_t)(value % LIMB_BASE);
		value /= LIMB_BASE;
	} while (value);
}

static void big_multiply(struct big_integer *number, uint32_t factor)
{
	uint64_t carry = 0;
	int index;

	for (index = 0; index < number->count; index++) {
		uint64_t product = (uint64_t)number->limbs[index] * factor + carry;

		number->limbs[index] = (uint32_t)(product % LIMB_BASE);
		carry = product / LIMB_BASE;
	}
	while (carry) {
		number->limbs[number->count++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* Multiplies by base^exponent, step being the largest power of base below 2^32 / 2. */
static void big_multiply_power(struct big_integer *number, uint32_t base, int exponent,
			       uint32_t step, int step_exponent)
{
	uint32_t rest = 1;

	for (; exponent >= step_exponent; exponent -= step_exponent)
		big_multiply(number, step);
	while (exponent-- > 0)
		rest *= base;
	big_multiply(number, rest);
}

/* Writes the decimal digits of number (no leading zeros) and returns how many. */
static int big_to_digits(const struct big_integer *number, char *out)
{
	int length = 0, index, place;
	uint32_t top = number->limbs[number->count - 1];
	char scratch[LIMB_DIGITS];
	int top_length = 0;

	do {
		scratch[top_length++] = (char)('0' + top % 10);
		top /= 10;
	} while (top);
	while (top_length > 0)
		out[length++] = scratch[--top_length];
	for (index = number->count - 2; index >= 0; index--) {
		uint32_t limb = number->limbs[index];

		for (place = LIMB_DIGITS - 1; place >= 0; place--) {
			out[length + place] = (char)('0' + limb % 10);
			limb /= 10;
		}
		length += LIMB_DIGITS;
	}
	return length;
}

static void decimal_strip_trailing_zeros(struct decimal *number)
{
	while (number->count > 0 && number->digits[number->count - 1] == '0')
		number->count--;
}

/* The exact decimal expansion of the finite, non-negative m * 2^binary_exponent. */
static void decimal_from_parts(struct decimal *number, uint64_t m, int binary_exponent)
{
	struct big_integer big;
	char fraction[DIGIT_CAPACITY];
	uint64_t integer_part = 0, remainder = m;
	int k = -binary_exponent, length, leading;

	number->count = 0;
	number->exponent = 0;
	if (m == 0)
		return;
	if (binary_exponent >= 0) {
		big_set(&big, m);
		big_multiply_power(&big, 2, binary_exponent, 1u << 29, 29);
		number->count = big_to_digits(&big, number->digits);
		number->exponent = number->count - 1;
		decimal_strip_trailing_zeros(number);
		return;
	}
	if (k < 64) {
		integer_part = m >> k;
		remainder = m & ((1ULL << k) - 1);
	}
	if (integer_part) {
		big_set(&big, integer_part);
		number->count = big_to_digits(&big, number->digits);
		number->exponent = number->count - 1;
	}
	if (remainder) {
		/* The fraction is remainder * 5^k written with exactly k digits. */
		big_set(&big, remainder);
		big_multiply_power(&big, 5, k, 1220703125u, 13);
		length = big_to_digits(&big, fraction);
		memmove(fraction + k - length, fraction, (size_t)length);
		memset(fraction, '0', (size_t)(k - length));
		leading = 0;
		if (!integer_part) {
			while (fraction[leading] == '0')
				leading++;
			number->exponent = -(leading + 1);
		}
		memcpy(number->digits + number->count, fraction + leading, (size_t)(k - leading));
		number->count += k - leading;
	}
	decimal_strip_trailing_zeros(number);
}

/* Keeps the first keep digits, rounding half to even. keep may be <= 0 or >= count. */
static void decimal_round(struct decimal *number, int keep)
{
	bool round_up;
	int index;

	if (keep >= number->count)
		return;
	if (keep < 0) {
		number->count = 0;
		return;
	}
	round_up =
		number->digits[keep] > '5' ||
		(number->digits[keep] == '5' &&
		 (number->count > keep + 1 || (keep > 0 && (number->digits[keep - 1] - '0') % 2)));
	number->count = keep;
	if (round_up) {
		for (index = keep - 1; index >= 0 && number->digits[index] == '9'; index--)
			number->digits[index] = '0';
		if (index >= 0) {
			number->digits[index]++;
		} else {
			number->digits[0] = '1';
			number->count = 1;
			number->exponent++;
		}
	}
	decimal_strip_trailing_zeros(number);
}

/* Emits digits first..first+length-1 of number, '0' outside the stored ones. */
static void emit_digits(struct format_state *state, const struct decimal *number, int first,
			int length)
{
	while (length > 0) {
		int run;

		if (first < 0) {
			run = -first < length ? -first : length;
			libc_format_emit_repeated(state, '0', (size_t)run);
		} else if (first >= number->count) {
			run = length;
			libc_format_emit_repeated(state, '0', (size_t)run);
		} else {
			run = number->count - first < length ? number->count - first : length;
			libc_format_emit(state, number->digits + first, (size_t)run);
		}
		first += run;
		length -= run;
	}
}

/* Width padding and sign before a body of body_length bytes; returns trailing padding. */
static size_t emit_field_start(struct format_state *state, const struct format_spec *spec,
			       const char *sign, size_t body_length, bool zero_pad)
{
	size_t content = strlen(sign) + body_length;
	size_t padding = (size_t)spec->width > content ? (size_t)spec->width - content : 0;

	if (spec->flags & FORMAT_LEFT) {
		libc_format_emit(state, sign, strlen(sign));
		return padding;
	}
	if (!zero_pad)
		libc_format_emit_repeated(state, ' ', padding);
	libc_format_emit(state, sign, strlen(sign));
	if (zero_pad)
		libc_format_emit_repeated(state, '0', padding);
	return 0;
}

static void emit_fixed(struct format_state *state, const struct format_spec *spec, const char *sign,
		       const struct decimal *number, int precision)
{
	int integer_digits = number->count > 0 && number->exponent >= 0 ? number->exponent + 1 : 1;
	bool has_point = precision > 0 || (spec->flags & FORMAT_ALTERNATE);
	size_t body = (size_t)integer_digits + has_point + (size_t)precision;
	size_t trailing = emit_field_start(state, spec, sign, body, spec->flags & FORMAT_ZERO);

	if (number->count > 0 && number->exponent >= 0)
		emit_digits(state, number, 0, integer_digits);
	else
		libc_format_emit(state, "0", 1);
	if (has_point)
		libc_format_emit(state, ".", 1);
	emit_digits(state, number, number->exponent + 1, precision);
	libc_format_emit_repeated(state, ' ', trailing);
}

static void emit_exponential(struct format_state *state, const struct format_spec *spec,
			     const char *sign, const struct decimal *number, int precision,
			     bool is_upper)
{
	int exponent = number->count > 0 ? number->exponent : 0;
	unsigned int magnitude = (unsigned int)(exponent < 0 ? -exponent : exponent);
	char suffix[8];
	int suffix_length = 0, exponent_digits = magnitude >= 100 ? 3 : 2;
	bool has_point = precision > 0 || (spec->flags & FORMAT_ALTERNATE);
	size_t body, trailing;

	suffix[suffix_length++] = is_upper ? 'E' : 'e';
	suffix[suffix_length++] = exponent < 0 ? '-' : '+';
	for (int place = exponent_digits - 1; place >= 0; place--) {
		suffix[suffix_length + place] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	}
	suffix_length += exponent_digits;
	body = 1 + has_point + (size_t)precision + (size_t)suffix_length;
	trailing = emit_field_start(state, spec, sign, body, spec->flags & FORMAT_ZERO);
	emit_digits(state, number, 0, 1);
	if (has_point)
		libc_format_emit(state, ".", 1);
	emit_digits(state, number, 1, precision);
	libc_format_emit(state, suffix, (size_t)suffix_length);
	libc_format_emit_repeated(state, ' ', trailing);
}

/* %g: %e style if the exponent is below -4 or at least the precision, else %f style. */
static void emit_general(struct format_state *state, const struct format_spec *spec,
			 const char *sign, struct decimal *number, int precision, bool is_upper)
{
	int significant = precision == 0 ? 1 : precision;
	int exponent, wanted;

	decimal_round(number, significant);
	exponent = number->count > 0 ? number->exponent : 0;
	if (exponent < -4 || exponent >= significant) {
		wanted = significant - 1;
		if (!(spec->flags & FORMAT_ALTERNATE))
			wanted = number->count - 1 < wanted ? number->count - 1 : wanted;
		emit_exponential(state, spec, sign, number, wanted < 0 ? 0 : wanted, is_upper);
		return;
	}
	wanted = significant - 1 - exponent;
	if (!(spec->flags & FORMAT_ALTERNATE) && number->count - 1 - exponent < wanted)
		wanted = number->count - 1 - exponent;
	emit_fixed(state, spec, sign, number, wanted < 0 ? 0 : wanted);
}

void libc_format_float(struct format_state *state, const struct format_spec *spec, double value)
{
	struct decimal number;
	uint64_t bits, mantissa;
	int biased_exponent, precision;
	char conversion = spec->conversion;
	bool is_upper = conversion == 'F' || conversion == 'E' || conversion == 'G';
	const char *sign = "";

	memcpy(&bits, &value, sizeof(bits));
	mantissa = bits & ((1ULL << 52) - 1);
	biased_exponent = (int)((bits >> 52) & 0x7ff);
	if (bits >> 63)
		sign = "-";
	else if (spec->flags & FORMAT_PLUS)
		sign = "+";
	else if (spec->flags & FORMAT_SPACE)
		sign = " ";
	if (biased_exponent == 0x7ff) {
		const char *word =
			mantissa ? (is_upper ? "NAN" : "nan") : (is_upper ? "INF" : "inf");
		size_t trailing = emit_field_start(state, spec, sign, 3, false);

		libc_format_emit(state, word, 3);
		libc_format_emit_repeated(state, ' ', trailing);
		return;
	}
	if (biased_exponent == 0)
		decimal_from_parts(&number, mantissa, -1074);
	else
		decimal_from_parts(&number, mantissa | (1ULL << 52), biased_exponent - 1075);
	precision = spec->precision < 0 ? DEFAULT_PRECISION : spec->precision;
	if (conversion == 'f' || conversion == 'F') {
		decimal_round(&number, number.exponent + 1 + precision);
		emit_fixed(state, spec, sign, &number, precision);
	} else if (conversion == 'e' || conversion == 'E') {
		decimal_round(&number, precision + 1);
		emit_exponential(state, spec, sign, &number, precision, is_upper);
	} else {
		emit_general(state, spec, sign, &number, precision, is_upper);
	}
}
