/*
 * Character, line and block I/O on streams (man 3 fgetc, man 3 fgets, man 3 getline,
 * man 3 ungetc, man 3 fread, man 3 fputc, man 3 fputs, man 3 puts, man 3 fwrite;
 * C11 §7.21.7, §7.21.8). The end-of-file indicator is sticky: once set, reads return EOF
 * until clearerr, fseek or ungetc. ungetc holds one character.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "stdio/stdio_internal.h"

int fgetc(FILE *stream)
{
	int character;

	if (stream->pushback >= 0) {
		character = stream->pushback;
		stream->pushback = -1;
		return character;
	}
	if (stream->read_position < stream->read_end)
		return stream->buffer[stream->read_position++];
	if (stream->flags & STREAM_AT_EOF)
		return EOF;
	if (libc_stdio_prepare_read(stream) == EOF || libc_stdio_refill(stream) <= 0)
		return EOF;
	return stream->buffer[stream->read_position++];
}

int getc(FILE *stream)
{
	return fgetc(stream);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int character, FILE *stream)
{
	if (character == EOF || stream->pushback >= 0 || !(stream->flags & STREAM_READABLE))
		return EOF;
	if (stream->write_length && libc_stdio_flush_output(stream) == EOF)
		return EOF;
	stream->pushback = (unsigned char)character;
	stream->flags &= ~STREAM_AT_EOF;
	return (unsigned char)character;
}

size_t fread(void *restrict buffer, size_t size, size_t count, FILE *restrict stream)
{
	unsigned char *to = buffer;
	size_t total, done = 0;

	if (size == 0 || count == 0)
		return 0;
	if (__builtin_mul_overflow(size, count, &total)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EOVERFLOW;
		return 0;
	}
	if (stream->pushback >= 0) {
		to[done++] = (unsigned char)stream->pushback;
		stream->pushback = -1;
	}
	while (done < total) {
		size_t buffered = stream->read_end - stream->read_position;

		if (buffered) {
			size_t chunk = total - done < buffered ? total - done : buffered;

			memcpy(to + done, stream->buffer + stream->read_position, chunk);
			stream->read_position += chunk;
			done += chunk;
			continue;
		}
		if (stream->flags & STREAM_AT_EOF || libc_stdio_prepare_read(stream) == EOF ||
		    libc_stdio_refill(stream) <= 0)
			break;
	}
	return done / size;
}

char *fgets(char *restrict buffer, int size, FILE *restrict stream)
{
	int length = 0;

	if (size <= 0) {
		errno = EINVAL;
		return NULL;
	}
	while (length < size - 1) {
		int character = fgetc(stream);

		if (character == EOF)
			break;
		buffer[length++] = (char)character;
		if (character == '\n')
			break;
	}
	if (length == 0 && size > 1)
		return NULL;
	buffer[length] = '\0';
	return buffer;
}

ssize_t getdelim(char **restrict line, size_t *restrict capacity, int delimiter,
		 FILE *restrict stream)
{
	size_t length = 0;

	if (!line || !capacity) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*capacity = 0;
	for (;;) {
		int character = fgetc(stream);

		if (character == EOF) {
			if (length == 0)
				return -1;
			break;
		}
		if (length + 2 > *capacity) {
			size_t grown = *capacity * 2 + 64;
			char *bigger = realloc(*line, grown);

			if (!bigger) {
				stream->flags |= STREAM_HAS_ERROR;
				return -1;
			}
			*line = bigger;
			*capacity = grown;
		}
		(*line)[length++] = (char)character;
		if (character == delimiter)
			break;
	}
	(*line)[length] = '\0';
	if (length > SSIZE_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (ssize_t)length;
}

ssize_t getline(char **restrict line, size_t *restrict capacity, FILE *restrict stream)
{
	return getdelim(line, capacity, '\n', stream);
}

size_t fwrite(const void *restrict buffer, size_t size, size_t count, FILE *restrict stream)
{
	size_t total;

	if (size == 0 || count == 0)
		return 0;
	if (__builtin_mul_overflow(size, count, &total)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EOVERFLOW;
		return 0;
	}
	return libc_stdio_write(stream, buffer, total) / size;
}

int fputc(int character, FILE *stream)
{
	unsigned char byte = (unsigned char)character;

	if (stream->buffer_mode != _IONBF && stream->write_length &&
	    stream->write_length < stream->buffer_size && byte != '\n') {
		stream->buffer[stream->write_length++] = byte;
		return byte;
	}
	return libc_stdio_write(stream, &byte, 1) == 1 ? byte : EOF;
}

int putc(int character, FILE *stream)
{
	return fputc(character, stream);
}

int putchar(int character)
{
	return fputc(character, stdout);
}

int fputs(const char *restrict string, FILE *restrict stream)
{
	size_t length = strlen(string);

	return libc_stdio_write(stream, string, length) == length ? 0 : EOF;
}

int puts(const char *string)
{
	if (fputs(string, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}
