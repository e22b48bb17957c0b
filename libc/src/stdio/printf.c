/*
 * The printf family's front ends (man 3 printf, man 3 asprintf, man 3 dprintf): each wraps
 * an output around libc_format_to_output (stdio/format.c). Stream and fd outputs stage bytes in a
 * small buffer so an unbuffered stderr still gets one write per chunk, not per piece.
 * snprintf truncates and returns the length the whole result would have had.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "stdio/format_internal.h"
#include "stdio/stdio_internal.h"

#define STAGING_SIZE 512

/* A caller's array of capacity bytes; keeps capacity - 1 bytes and a NUL. */
struct string_output {
	struct format_output base;
	char *buffer;
	size_t capacity;
	size_t used;
};

static int string_emit(struct format_output *output, const char *data, size_t length)
{
	struct string_output *string = (struct string_output *)output;
	size_t room = string->capacity ? string->capacity - 1 - string->used : 0;
	size_t copy = length < room ? length : room;

	memcpy(string->buffer + string->used, data, copy);
	string->used += copy;
	return 0;
}

int vsnprintf(char *restrict buffer, size_t size, const char *restrict format, va_list arguments)
{
	struct string_output output = {{string_emit}, buffer, size, 0};
	int result = libc_format_to_output(&output.base, format, arguments);

	if (size)
		buffer[output.used] = '\0';
	return result;
}

int snprintf(char *restrict buffer, size_t size, const char *restrict format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vsnprintf(buffer, size, format, arguments);
	va_end(arguments);
	return result;
}

/* No bound: the caller promises the buffer is big enough. */
int vsprintf(char *restrict buffer, const char *restrict format, va_list arguments)
{
	return vsnprintf(buffer, (size_t)-1 / 2, format, arguments);
}

int sprintf(char *restrict buffer, const char *restrict format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vsprintf(buffer, format, arguments);
	va_end(arguments);
	return result;
}

/* A staging buffer in front of a stream or an fd. */
struct staged_output {
	struct format_output base;
	FILE *stream; /* NULL for an fd */
	int fd;
	size_t used;
	char staging[STAGING_SIZE];
};

static int staged_flush(struct staged_output *staged)
{
	size_t length = staged->used;

	staged->used = 0;
	if (length == 0)
		return 0;
	if (staged->stream)
		return libc_stdio_write(staged->stream, staged->staging, length) == length ? 0 : -1;
	return libc_stdio_write_all(staged->fd, staged->staging, length);
}

static int staged_emit(struct format_output *output, const char *data, size_t length)
{
	struct staged_output *staged = (struct staged_output *)output;

	while (length > 0) {
		size_t room = STAGING_SIZE - staged->used;
		size_t copy = length < room ? length : room;

		memcpy(staged->staging + staged->used, data, copy);
		staged->used += copy;
		data += copy;
		length -= copy;
		if (staged->used == STAGING_SIZE && staged_flush(staged) < 0)
			return -1;
	}
	return 0;
}

static int staged_print(FILE *stream, int fd, const char *format, va_list arguments)
{
	struct staged_output output;
	int result;

	output.base.emit = staged_emit;
	output.stream = stream;
	output.fd = fd;
	output.used = 0;
	result = libc_format_to_output(&output.base, format, arguments);
	if (staged_flush(&output) < 0)
		return -1;
	return result;
}

/* The whole call holds the stream's lock, so concurrent printfs never interleave. */
int vfprintf(FILE *restrict stream, const char *restrict format, va_list arguments)
{
	int result;

	pthread_mutex_lock(&stream->lock);
	result = staged_print(stream, -1, format, arguments);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

int fprintf(FILE *restrict stream, const char *restrict format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vfprintf(stream, format, arguments);
	va_end(arguments);
	return result;
}

int vprintf(const char *restrict format, va_list arguments)
{
	return vfprintf(stdout, format, arguments);
}

int printf(const char *restrict format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vfprintf(stdout, format, arguments);
	va_end(arguments);
	return result;
}

int vdprintf(int fd, const char *restrict format, va_list arguments)
{
	return staged_print(NULL, fd, format, arguments);
}

int dprintf(int fd, const char *restrict format, ...)
{
	va_list arguments;
	int result;

	va_start(arguments, format);
	result = vdprintf(fd, format, arguments);
	va_end(arguments);
	return result;
}

/* A malloc'd string that doubles as it fills. */
struct allocated_output {
	struct format_output base;
	char *buffer;
	size_t capacity;
	size_t used;
};

static int allocated_emit(struct format_output *output, const char *data, size_t length)
{
	struct allocated_output *allocated = (struct allocated_output *)output;

	if (allocated->used + length + 1 > allocated->capacity) {
		size_t capacity = (allocated->used + length + 1) * 2;
		char *bigger = realloc(allocated->buffer, capacity);

		if (!bigger)
			return -1;
		allocated->buffer = bigger;
		allocated->capacity = capacity;
	}
	memcpy(allocated->buffer + allocated->used, data, length);
	allocated->used += length;
	return 0;
}

/* *result is NULL on failure. */
int vasprintf(char **restrict result, const char *restrict format, va_list arguments)
{
	struct allocated_output output = {{allocated_emit}, NULL, 0, 0};
	int length = libc_format_to_output(&output.base, format, arguments);

	if (length >= 0 && !output.buffer)
		output.buffer = malloc(1);
	if (length < 0 || !output.buffer) {
		free(output.buffer);
		*result = NULL;
		return -1;
	}
	output.buffer[output.used] = '\0';
	*result = output.buffer;
	return length;
}

int asprintf(char **restrict result, const char *restrict format, ...)
{
	va_list arguments;
	int length;

	va_start(arguments, format);
	length = vasprintf(result, format, arguments);
	va_end(arguments);
	return length;
}
