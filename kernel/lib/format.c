/*
 * vsnprintf/snprintf: the kernel's printf engine (include/format.h).
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, flags '-' '0' '+' ' ' '#', width and precision
 * (also as '*'), length modifiers hh h l ll z t j. %p prints 0x and 16 hex digits.
 * Behaviour follows C11 7.21.6.1 for these; the host tests compare it with the host's libc.
 * Returns the length the full output would have (like C's snprintf), writing at most
 * size-1 characters and a terminator.
 */
#include "format.h"

struct output {
	char *buffer;
	size_t size;
	size_t length;
};

static void emit(struct output *out, char character)
{
	if (out->length + 1 < out->size)
		out->buffer[out->length] = character;
	out->length++;
}

static void emit_repeat(struct output *out, char character, int count)
{
	while (count-- > 0)
		emit(out, character);
}

struct spec {
	bool left;
	bool zero;
	bool plus;
	bool space;
	bool alternate;
	int width;
	int precision; /* -1: none given */
};

static void emit_number(struct output *out, uint64_t value, bool negative, unsigned base,
			bool upper, const struct spec *spec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char scratch[24];
	int count = 0;
	const char *prefix = "";

	while (value) {
		scratch[count++] = digits[value % base];
		value /= base;
	}
	int digit_count = count;
	if (spec->precision >= 0) {
		if (digit_count < spec->precision)
			digit_count = spec->precision;
	} else if (count == 0) {
		digit_count = 1;
	}
	if (negative)
		prefix = "-";
	else if (spec->plus)
		prefix = "+";
	else if (spec->space)
		prefix = " ";
	if (spec->alternate && base == 16 && count > 0)
		prefix = upper ? "0X" : "0x";
	if (spec->alternate && base == 8 && digit_count <= count)
		digit_count = count + 1;

	int prefix_length = 0;
	while (prefix[prefix_length])
		prefix_length++;
	int padding = spec->width - digit_count - prefix_length;
	bool zero_pad = spec->zero && !spec->left && spec->precision < 0;

	if (!spec->left && !zero_pad)
		emit_repeat(out, ' ', padding);
	for (int i = 0; i < prefix_length; i++)
		emit(out, prefix[i]);
	if (zero_pad)
		emit_repeat(out, '0', padding);
	emit_repeat(out, '0', digit_count - count);
	while (count > 0)
		emit(out, scratch[--count]);
	if (spec->left)
		emit_repeat(out, ' ', padding);
}

static void emit_string(struct output *out, const char *string, const struct spec *spec)
{
	int length = 0;
	if (!string)
		string = "(null)";
	while (string[length] && (spec->precision < 0 || length < spec->precision))
		length++;
	if (!spec->left)
		emit_repeat(out, ' ', spec->width - length);
	for (int i = 0; i < length; i++)
		emit(out, string[i]);
	if (spec->left)
		emit_repeat(out, ' ', spec->width - length);
}

static const char *parse_spec(const char *format, struct spec *spec, va_list *args)
{
	*spec = (struct spec){.precision = -1};
	for (;; format++) {
		if (*format == '-')
			spec->left = true;
		else if (*format == '0')
			spec->zero = true;
		else if (*format == '+')
			spec->plus = true;
		else if (*format == ' ')
			spec->space = true;
		else if (*format == '#')
			spec->alternate = true;
		else
			break;
	}
	if (*format == '*') {
		spec->width = va_arg(*args, int);
		if (spec->width < 0) {
			spec->left = true;
			spec->width = -spec->width;
		}
		format++;
	}
	while (*format >= '0' && *format <= '9')
		spec->width = spec->width * 10 + (*format++ - '0');
	if (*format == '.') {
		format++;
		spec->precision = 0;
		if (*format == '*') {
			spec->precision = va_arg(*args, int);
			format++;
		}
		while (*format >= '0' && *format <= '9')
			spec->precision = spec->precision * 10 + (*format++ - '0');
	}
	return format;
}

int vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
	struct output out = {buffer, size, 0};
	va_list ap;
	va_copy(ap, args);

	while (*format) {
		if (*format != '%') {
			emit(&out, *format++);
			continue;
		}
		struct spec spec;
		format = parse_spec(format + 1, &spec, &ap);

		int length_bits = 32;
		if (*format == 'h') {
			length_bits = format[1] == 'h' ? 8 : 16;
			format += format[1] == 'h' ? 2 : 1;
		} else if (*format == 'l') {
			length_bits = 64;
			format += format[1] == 'l' ? 2 : 1;
		} else if (*format == 'z' || *format == 't' || *format == 'j') {
			length_bits = 64;
			format++;
		}

		char conversion = *format ? *format++ : '\0';
		switch (conversion) {
		case 'd':
		case 'i': {
			int64_t value = length_bits == 64 ? va_arg(ap, int64_t) : va_arg(ap, int);
			if (length_bits == 16)
				value = (int16_t)value;
			else if (length_bits == 8)
				value = (int8_t)value;
			uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
			emit_number(&out, magnitude, value < 0, 10, false, &spec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t value =
				length_bits == 64 ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			if (length_bits == 16)
				value = (uint16_t)value;
			else if (length_bits == 8)
				value = (uint8_t)value;
			spec.plus = spec.space = false;
			unsigned base = conversion == 'u' ? 10 : conversion == 'o' ? 8 : 16;
			emit_number(&out, value, false, base, conversion == 'X', &spec);
			break;
		}
		case 'p': {
			struct spec pointer = {
				.precision = 16, .width = spec.width, .left = spec.left};
			emit(&out, '0');
			emit(&out, 'x');
			pointer.width = spec.width > 2 ? spec.width - 2 : 0;
			emit_number(&out, (uint64_t)va_arg(ap, void *), false, 16, false, &pointer);
			break;
		}
		case 'c':
			spec.precision = -1;
			if (!spec.left)
				emit_repeat(&out, ' ', spec.width - 1);
			emit(&out, (char)va_arg(ap, int));
			if (spec.left)
				emit_repeat(&out, ' ', spec.width - 1);
			break;
		case 's':
			emit_string(&out, va_arg(ap, const char *), &spec);
			break;
		case '%':
			emit(&out, '%');
			break;
		default:
			emit(&out, '%');
			if (conversion)
				emit(&out, conversion);
			break;
		}
	}
	if (size)
		buffer[out.length < size ? out.length : size - 1] = '\0';
	va_end(ap);
	return (int)out.length;
}

int snprintf(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int length = vsnprintf(buffer, size, format, args);
	va_end(args);
	return length;
}
