/*
 * Character, line and block I/O on streams (man 3 fgetc, man 3 fgets, man 3 getline,
 * man 3 ungetc, man 3 fread, man 3 fputc, man 3 fputs, man 3 puts, man 3 fwrite;
 * C11 §7.21.7, §7.21.8). The end-of-file indicator is sticky: once set, reads return EOF
 * until clearerr, fseek or ungetc. ungetc holds one character. Each public function holds
 * the stream's lock for its whole call (stdio_internal.h); the static helpers expect it held.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "stdio/stdio_internal.h"

static int stream_getc(FILE *stream)
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

int fgetc(FILE *stream)
{
	int character;

	pthread_mutex_lock(&stream->lock);
	character = stream_getc(stream);
	pthread_mutex_unlock(&stream->lock);
	return character;
}

int getc(FILE *stream)
{
	return fgetc(stream);
}

int getchar(void)
{
	return fgetc(stdin);
}

static int stream_ungetc(int character, FILE *stream)
{
	if (character == EOF || stream->pushback >= 0 || !(stream->flags & STREAM_READABLE))
		return EOF;
	if (stream->write_length && libc_stdio_flush_output(stream) == EOF)
		return EOF;
	stream->pushback = (unsigned char)character;
	stream->flags &= ~STREAM_AT_EOF;
	return (unsigned char)character;
}

int ungetc(int character, FILE *stream)
{
	int result;

	pthread_mutex_lock(&stream->lock);
	result = stream_ungetc(character, stream);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

/* Reads total bytes or until end of file or an error; returns the bytes read. */
static size_t stream_read(unsigned char *to, size_t total, FILE *stream)
{
	size_t done = 0;

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
	return done;
}

size_t fread(void *restrict buffer, size_t size, size_t count, FILE *restrict stream)
{
	size_t total, done;

	if (size == 0 || count == 0)
		return 0;
	pthread_mutex_lock(&stream->lock);
	if (__builtin_mul_overflow(size, count, &total)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EOVERFLOW;
		done = 0;
	} else {
		done = stream_read(buffer, total, stream);
	}
	pthread_mutex_unlock(&stream->lock);
	return done / size;
}

static char *stream_gets(char *buffer, int size, FILE *stream)
{
	int length = 0;

	while (length < size - 1) {
		int character = stream_getc(stream);

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

char *fgets(char *restrict buffer, int size, FILE *restrict stream)
{
	char *result;

	if (size <= 0) {
		errno = EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&stream->lock);
	result = stream_gets(buffer, size, stream);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

static ssize_t stream_getdelim(char **line, size_t *capacity, int delimiter, FILE *stream)
{
	size_t length = 0;

	if (!*line)
		*capacity = 0;
	for (;;) {
		int character = stream_getc(stream);

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

ssize_t getdelim(char **restrict line, size_t *restrict capacity, int delimiter,
		 FILE *restrict stream)
{
	ssize_t result;

	if (!line || !capacity) {
		errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&stream->lock);
	result = stream_getdelim(line, capacity, delimiter, stream);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

ssize_t getline(char **restrict line, size_t *restrict capacity, FILE *restrict stream)
{
	return getdelim(line, capacity, '\n', stream);
}

size_t fwrite(const void *restrict buffer, size_t size, size_t count, FILE *restrict stream)
{
	size_t total, done;

	if (size == 0 || count == 0)
		return 0;
	pthread_mutex_lock(&stream->lock);
	if (__builtin_mul_overflow(size, count, &total)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EOVERFLOW;
		done = 0;
	} else {
		done = libc_stdio_write(stream, buffer, total);
	}
	pthread_mutex_unlock(&stream->lock);
	return done / size;
}

static int stream_putc(int character, FILE *stream)
{
	unsigned char byte = (unsigned char)character;

	if (stream->buffer_mode != _IONBF && stream->write_length &&
	    stream->write_length < stream->buffer_size && byte != '\n') {
		stream->buffer[stream->write_length++] = byte;
		return byte;
	}
	return libc_stdio_write(stream, &byte, 1) == 1 ? byte : EOF;
}

int fputc(int character, FILE *stream)
{
	int result;

	pthread_mutex_lock(&stream->lock);
	result = stream_putc(character, stream);
	pthread_mutex_unlock(&stream->lock);
	return result;
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
	int result;

	pthread_mutex_lock(&stream->lock);
	result = libc_stdio_write(stream, string, length) == length ? 0 : EOF;
	pthread_mutex_unlock(&stream->lock);
	return result;
}

/* The string and its newline go out under one lock, so lines from threads never mix. */
int puts(const char *string)
{
	size_t length = strlen(string);
	int result = EOF;

	pthread_mutex_lock(&stdout->lock);
	if (libc_stdio_write(stdout, string, length) == length && stream_putc('\n', stdout) != EOF)
		result = 0;
	pthread_mutex_unlock(&stdout->lock);
	return result;
}
