/*
 * echo and printf as built-ins (XCU echo(1p), printf(1p)). echo takes -n and, like dash
 * and the XSI echo, interprets backslash escapes (\n \t \c \0nnn ...). printf reuses its
 * format until the arguments run out and supports %s %b %c %d %i %u %o %x %X %% with
 * flags, width and precision (including *); a bad number is reported, taken as 0, and
 * makes the status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* One escape at text (after the backslash); appends to out, returns characters used, or
 * -1 for \c (stop all output). octal_needs_zero: echo and %b write \0nnn, printf \nnn. */
static int escape(const char *text, struct strbuf *out, bool octal_needs_zero)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\x1b\f\n\r\t\v\\";
	const char *hit = *text ? strchr(from, *text) : NULL;
	if (hit) {
		strbuf_add(out, to[hit - from]);
		return 1;
	}
	if (*text == 'c')
		return -1;
	if (*text >= '0' && *text <= '7' && (!octal_needs_zero || *text == '0')) {
		int used = octal_needs_zero ? 1 : 0, value = 0;
		for (int digits = 0; digits < 3 && text[used] >= '0' && text[used] <= '7'; digits++)
			value = value * 8 + (text[used++] - '0');
		strbuf_add(out, (char)value);
		return used;
	}
	strbuf_add(out, '\\');
	return 0;
}

/* Expands the escapes in text; false if \c was met. */
static bool expand_escapes(const char *text, struct strbuf *out, bool octal_needs_zero)
{
	for (; *text; text++) {
		if (*text != '\\') {
			strbuf_add(out, *text);
			continue;
		}
		int used = escape(text + 1, out, octal_needs_zero);
		if (used < 0)
			return false;
		text += used;
	}
	return true;
}

int builtin_echo(int argc, char **argv)
{
	int i = 1;
	bool newline = true;
	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = false;
		i++;
	}
	struct strbuf out = {0};
	bool go_on = true;
	for (; i < argc && go_on; i++) {
		go_on = expand_escapes(argv[i], &out, true);
		if (go_on && i + 1 < argc)
			strbuf_add(&out, ' ');
	}
	if (go_on && newline)
		strbuf_add(&out, '\n');
	if (out.length)
		fwrite(out.data, 1, out.length, stdout);
	free(out.data);
	return ferror(stdout) ? 1 : 0;
}

static long number_argument(const char *text, int *status)
{
	if (!text)
		return 0;
	if (text[0] == '\'' || text[0] == '"')
		return (unsigned char)text[1];
	char *end;
	long value = strtol(text, &end, 0);
	if (!*text || *end) {
		sh_error("printf: %s: invalid number", text);
		*status = 1;
	}
	return value;
}

/* Appends one conversion, formatted by the C library's printf. */
#define APPEND_FORMATTED(out, spec, value)                                                         \
	do {                                                                                       \
		int size_ = snprintf(NULL, 0, spec, value);                                        \
		char *piece_ = xmalloc((size_t)(size_ > 0 ? size_ : 0) + 1);                       \
		snprintf(piece_, (size_t)(size_ > 0 ? size_ : 0) + 1, spec, value);                \
		strbuf_puts(out, piece_);                                                          \
		free(piece_);                                                                      \
	} while (0)

int builtin_printf(int argc, char **argv)
{
	if (argc < 2) {
		sh_error("printf: usage: printf format [argument...]");
		return 2;
	}
	const char *format = argv[1];
	int next = 2, status = 0;
	struct strbuf out = {0};
	bool stop = false;
	do {
		int first_argument = next;
		for (const char *p = format; *p && !stop; p++) {
			if (*p == '\\') {
				int used = escape(p + 1, &out, false);
				if (used < 0)
					stop = true;
				p += used;
				continue;
			}
			if (*p != '%') {
				strbuf_add(&out, *p);
				continue;
			}
			if (p[1] == '%') {
				strbuf_add(&out, '%');
				p++;
				continue;
			}
			char spec[32] = "%";
			size_t length = 1;
			const char *q = p + 1;
			while (*q && strchr("-+ #0", *q) && length < 8)
				spec[length++] = *q++;
			for (int part = 0; part < 2; part++) {
				if (part == 1) {
					if (*q != '.')
						break;
					spec[length++] = *q++;
				}
				if (*q == '*') {
					const char *value = next < argc ? argv[next++] : "0";
					length += (size_t)snprintf(spec + length,
								   sizeof(spec) - length - 4, "%ld",
								   number_argument(value, &status));
					q++;
				} else
					while (*q >= '0' && *q <= '9' && length < 24)
						spec[length++] = *q++;
			}
			char conversion = *q;
			const char *argument = next < argc ? argv[next++] : NULL;
			if (conversion == 's' || conversion == 'b' || conversion == 'c') {
				struct strbuf text = {0};
				if (conversion == 'b') {
					if (!expand_escapes(argument ? argument : "", &text, true))
						stop = true;
				} else if (conversion == 'c') {
					if (argument && *argument)
						strbuf_add(&text, *argument);
				} else
					strbuf_puts(&text, argument ? argument : "");
				char *value = strbuf_finish(&text);
				spec[length++] = 's';
				spec[length] = '\0';
				APPEND_FORMATTED(&out, spec, value);
				free(value);
			} else if (conversion && strchr("diouxX", conversion)) {
				spec[length++] = 'l';
				spec[length++] = conversion;
				spec[length] = '\0';
				APPEND_FORMATTED(&out, spec, number_argument(argument, &status));
			} else {
				sh_error("printf: %%%c: invalid directive", conversion);
				free(out.data);
				return 1;
			}
			p = q;
		}
		if (next == first_argument)
			break;
	} while (next < argc && !stop);
	if (out.length)
		fwrite(out.data, 1, out.length, stdout);
	free(out.data);
	return status;
}
