/*
 * The printf engine (man 3 printf; C11 §7.21.6.1): parses each conversion specification and
 * formats integers, characters, strings and pointers; floating point is in libc_format_float.c.
 * Supported: flags "-+ #0", width and precision as digits or '*', lengths hh h l ll z j t L,
 * conversions d i u o x X c s p % and f F e E g G. %n, %a, positional arguments ("%1$d") and
 * wide characters (%lc, %ls) fail with EINVAL, since silently printing something else would
 * hide the bug. %p prints "(nil)" for NULL and %s prints "(null)", as glibc does.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include "stdio/format_internal.h"

enum length_modifier {
	LENGTH_NONE,
	LENGTH_CHAR,	    /* hh */
	LENGTH_SHORT,	    /* h */
	LENGTH_LONG,	    /* l */
	LENGTH_LONG_LONG,   /* ll */
	LENGTH_SIZE,	    /* z */
	LENGTH_MAX,	    /* j */
	LENGTH_PTRDIFF,	    /* t */
	LENGTH_LONG_DOUBLE, /* L */
};

void libc_format_emit(struct format_state *state, const char *data, size_t length)
{
	if (length == 0)
		return;
	state->total += length;
	if (!state->has_failed && state->output->emit(state->output, data, length) < 0)
		state->has_failed = true;
}

void libc_format_emit_repeated(struct format_state *state, char character, size_t count)
{
	char chunk[32];

	memset(chunk, character, sizeof(chunk));
	while (count > 0) {
		size_t piece = count < sizeof(chunk) ? count : sizeof(chunk);

		libc_format_emit(state, chunk, piece);
		count -= piece;
	}
}

void libc_format_emit_field(struct format_state *state, const struct format_spec *spec,
			    const char *prefix, size_t zeros, const char *body, size_t body_length,
			    bool zero_pad)
{
	size_t prefix_length = strlen(prefix);
	size_t content = prefix_length + zeros + body_length;
	size_t padding = (size_t)spec->width > content ? (size_t)spec->width - content : 0;

	if (spec->flags & FORMAT_LEFT)
		zero_pad = false;
	if (zero_pad) {
		zeros += padding;
		padding = 0;
	}
	if (!(spec->flags & FORMAT_LEFT))
		libc_format_emit_repeated(state, ' ', padding);
	libc_format_emit(state, prefix, prefix_length);
	libc_format_emit_repeated(state, '0', zeros);
	libc_format_emit(state, body, body_length);
	if (spec->flags & FORMAT_LEFT)
		libc_format_emit_repeated(state, ' ', padding);
}

/* Writes magnitude in base (lower or upper digits) at the end of buffer; returns the start. */
static char *integer_digits(char *buffer_end, unsigned long long magnitude, unsigned int base,
			    bool is_upper)
{
	const char *digits = is_upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *cursor = buffer_end;

	do {
		*--cursor = digits[magnitude % base];
		magnitude /= base;
	} while (magnitude);
	return cursor;
}

static void format_integer(struct format_state *state, const struct format_spec *spec,
			   unsigned long long magnitude, bool is_negative)
{
	char buffer[24];
	char *end = buffer + sizeof(buffer);
	char *digits = end;
	const char *prefix = "";
	unsigned int base = 10;
	size_t length, zeros = 0;
	char conversion = spec->conversion;

	if (conversion == 'o')
		base = 8;
	else if (conversion == 'x' || conversion == 'X' || conversion == 'p')
		base = 16;
	if (magnitude != 0 || spec->precision != 0)
		digits = integer_digits(end, magnitude, base, conversion == 'X');
	length = (size_t)(end - digits);
	if (conversion == 'd' || conversion == 'i') {
		if (is_negative)
			prefix = "-";
		else if (spec->flags & FORMAT_PLUS)
			prefix = "+";
		else if (spec->flags & FORMAT_SPACE)
			prefix = " ";
	} else if (conversion == 'p' || ((spec->flags & FORMAT_ALTERNATE) && magnitude != 0)) {
		if (base == 16)
			prefix = conversion == 'X' ? "0X" : "0x";
	}
	if (spec->precision >= 0 && (size_t)spec->precision > length)
		zeros = (size_t)spec->precision - length;
	/* '#' with 'o' makes the first digit a zero. */
	if (conversion == 'o' && (spec->flags & FORMAT_ALTERNATE) && zeros == 0 &&
	    (length == 0 || *digits != '0'))
		zeros = 1;
	libc_format_emit_field(state, spec, prefix, zeros, digits, length,
			       (spec->flags & FORMAT_ZERO) && spec->precision < 0);
}

static long long fetch_signed(va_list *arguments, enum length_modifier length)
{
	switch (length) {
	case LENGTH_CHAR:
		return (signed char)va_arg(*arguments, int);
	case LENGTH_SHORT:
		return (short)va_arg(*arguments, int);
	case LENGTH_LONG:
		return va_arg(*arguments, long);
	case LENGTH_LONG_LONG:
		return va_arg(*arguments, long long);
	case LENGTH_SIZE:
		return va_arg(*arguments, ssize_t);
	case LENGTH_MAX:
		return va_arg(*arguments, intmax_t);
	case LENGTH_PTRDIFF:
		return va_arg(*arguments, ptrdiff_t);
	default:
		return va_arg(*arguments, int);
	}
}

static unsigned long long fetch_unsigned(va_list *arguments, enum length_modifier length)
{
	switch (length) {
	case LENGTH_CHAR:
		return (unsigned char)va_arg(*arguments, unsigned int);
	case LENGTH_SHORT:
		return (unsigned short)va_arg(*arguments, unsigned int);
	case LENGTH_LONG:
		return va_arg(*arguments, unsigned long);
	case LENGTH_LONG_LONG:
		return va_arg(*arguments, unsigned long long);
	case LENGTH_SIZE:
		return va_arg(*arguments, size_t);
	case LENGTH_MAX:
		return va_arg(*arguments, uintmax_t);
	case LENGTH_PTRDIFF:
		return (unsigned long long)va_arg(*arguments, ptrdiff_t);
	default:
		return va_arg(*arguments, unsigned int);
	}
}

/* Reads a decimal number, saturating at INT_MAX. */
static int parse_number(const char **cursor)
{
	long value = 0;

	while (**cursor >= '0' && **cursor <= '9') {
		value = value * 10 + (*(*cursor)++ - '0');
		if (value > INT_MAX)
			value = INT_MAX;
	}
	return (int)value;
}

static enum length_modifier parse_length(const char **cursor)
{
	switch (*(*cursor)++) {
	case 'h':
		if (**cursor == 'h') {
			(*cursor)++;
			return LENGTH_CHAR;
		}
		return LENGTH_SHORT;
	case 'l':
		if (**cursor == 'l') {
			(*cursor)++;
			return LENGTH_LONG_LONG;
		}
		return LENGTH_LONG;
	case 'z':
		return LENGTH_SIZE;
	case 'j':
		return LENGTH_MAX;
	case 't':
		return LENGTH_PTRDIFF;
	case 'L':
		return LENGTH_LONG_DOUBLE;
	default:
		(*cursor)--;
		return LENGTH_NONE;
	}
}

/* Parses flags, width, precision and length after the '%'; '*' takes an int argument. */
static void parse_spec(const char **cursor, va_list *arguments, struct format_spec *spec,
		       enum length_modifier *length)
{
	static const char flag_characters[] = "-+ #0";
	const char *flag;

	spec->flags = 0;
	spec->width = 0;
	spec->precision = -1;
	/* The FORMAT_* bits are in the order of flag_characters. */
	while (**cursor && (flag = strchr(flag_characters, **cursor))) {
		spec->flags |= 1u << (flag - flag_characters);
		(*cursor)++;
	}
	if (**cursor == '*') {
		(*cursor)++;
		spec->width = va_arg(*arguments, int);
		if (spec->width < 0) {
			spec->flags |= FORMAT_LEFT;
			spec->width = spec->width == INT_MIN ? INT_MAX : -spec->width;
		}
	} else {
		spec->width = parse_number(cursor);
	}
	if (**cursor == '.') {
		(*cursor)++;
		if (**cursor == '*') {
			(*cursor)++;
			spec->precision = va_arg(*arguments, int);
			if (spec->precision < 0)
				spec->precision = -1;
		} else {
			spec->precision = parse_number(cursor);
		}
	}
	*length = parse_length(cursor);
	spec->conversion = *(*cursor)++;
}

static void format_string(struct format_state *state, struct format_spec *spec, const char *string)
{
	size_t length;

	if (!string)
		string = "(null)";
	length = spec->precision >= 0 ? strnlen(string, (size_t)spec->precision) : strlen(string);
	libc_format_emit_field(state, spec, "", 0, string, length, false);
}

/* Formats one conversion. Returns false for one this printf does not support. */
static bool format_conversion(struct format_state *state, struct format_spec *spec,
			      enum length_modifier length, va_list *arguments)
{
	long long value;
	char character;
	void *pointer;

	switch (spec->conversion) {
	case 'd':
	case 'i':
		value = fetch_signed(arguments, length);
		format_integer(state, spec,
			       value < 0 ? -(unsigned long long)value : (unsigned long long)value,
			       value < 0);
		return true;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		format_integer(state, spec, fetch_unsigned(arguments, length), false);
		return true;
	case 'c':
		if (length == LENGTH_LONG)
			return false;
		character = (char)va_arg(*arguments, int);
		libc_format_emit_field(state, spec, "", 0, &character, 1, false);
		return true;
	case 's':
		if (length == LENGTH_LONG)
			return false;
		format_string(state, spec, va_arg(*arguments, const char *));
		return true;
	case 'p':
		pointer = va_arg(*arguments, void *);
		if (!pointer) {
			spec->precision = -1;
			format_string(state, spec, "(nil)");
			return true;
		}
		format_integer(state, spec, (uintptr_t)pointer, false);
		return true;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
		if (length == LENGTH_LONG_DOUBLE)
			libc_format_float(state, spec, (double)va_arg(*arguments, long double));
		else
			libc_format_float(state, spec, va_arg(*arguments, double));
		return true;
	default:
		return false;
	}
}

int libc_format_to_output(struct format_output *output, const char *format, va_list arguments)
{
	struct format_state state = {.output = output, .total = 0, .has_failed = false};
	struct format_spec spec;
	enum length_modifier length;
	va_list cursor_arguments;
	const char *cursor = format;

	va_copy(cursor_arguments, arguments);
	while (*cursor && !state.has_failed) {
		const char *percent = strchrnul(cursor, '%');

		libc_format_emit(&state, cursor, (size_t)(percent - cursor));
		if (!*percent)
			break;
		cursor = percent + 1;
		if (*cursor == '%') {
			libc_format_emit(&state, "%", 1);
			cursor++;
			continue;
		}
		parse_spec(&cursor, &cursor_arguments, &spec, &length);
		if (!spec.conversion ||
		    !format_conversion(&state, &spec, length, &cursor_arguments)) {
			errno = EINVAL;
			va_end(cursor_arguments);
			return -1;
		}
	}
	va_end(cursor_arguments);
	if (state.has_failed)
		return -1;
	if (state.total > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)state.total;
}
