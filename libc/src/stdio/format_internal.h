/*
 * The printf engine shared by stdio/format.c (parsing, integers, strings),
 * stdio/libc_format_float.c (f e g) and stdio/printf.c (the front ends and their outputs).
 * An output is anything with an emit function; the engine counts every byte it emits.
 */
#ifndef SPINDLE_LIBC_FORMAT_INTERNAL_H
#define SPINDLE_LIBC_FORMAT_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct format_output {
	/* Takes length bytes. Returns 0, or -1 with errno set, which ends the formatting. */
	int (*emit)(struct format_output *output, const char *data, size_t length);
};

/* Formats into output. Returns bytes produced, or -1 with errno (EINVAL for a conversion
 * this printf does not support, EOVERFLOW past INT_MAX, or the output's error). */
int libc_format_to_output(struct format_output *output, const char *format, va_list arguments);

#define FORMAT_LEFT	 0x01 /* '-' */
#define FORMAT_PLUS	 0x02 /* '+' */
#define FORMAT_SPACE	 0x04 /* ' ' */
#define FORMAT_ALTERNATE 0x08 /* '#' */
#define FORMAT_ZERO	 0x10 /* '0' */

/* One parsed conversion specification. */
struct format_spec {
	unsigned int flags; /* FORMAT_* */
	int width;	    /* 0 when absent */
	int precision;	    /* -1 when absent */
	char conversion;    /* 'd', 'x', 'f', ... */
};

/* Formatting in progress. */
struct format_state {
	struct format_output *output;
	size_t total; /* bytes emitted so far */
	bool has_failed;
};

void libc_format_emit(struct format_state *state, const char *data, size_t length);
void libc_format_emit_repeated(struct format_state *state, char character, size_t count);
/*
 * Emits prefix (sign or "0x"), zeros leading zeros, then body, padded to the spec's width
 * with spaces (left or right), or with zeros after the prefix when zero_pad is set.
 */
void libc_format_emit_field(struct format_state *state, const struct format_spec *spec,
			    const char *prefix, size_t zeros, const char *body, size_t body_length,
			    bool zero_pad);

/* %f %F %e %E %g %G of value. */
void libc_format_float(struct format_state *state, const struct format_spec *spec, double value);

#endif
