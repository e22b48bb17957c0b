/*
 * Stream buffering (man 3 setvbuf, man 3 fflush; C11 §7.21.3, §7.21.5.2-7.21.5.6): choosing
 * a buffer, flushing output, refilling input and switching between the two, plus the three
 * standard streams, fflush/setvbuf and the stream locks (man 3 flockfile). Unbuffered streams
 * use their one_byte field as a one-byte buffer for reading and write straight through.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal/lock.h"
#include "stdio/stdio_internal.h"

static unsigned char stdin_buffer[BUFSIZ];
static unsigned char stdout_buffer[BUFSIZ];

static struct stdio_file stderr_stream = {
	.fd = STDERR_FILENO,
	.flags = STREAM_WRITABLE | STREAM_IS_STATIC,
	.buffer_mode = _IONBF,
	.pushback = -1,
	.lock = STREAM_LOCK_INITIALIZER,
};

static struct stdio_file stdout_stream = {
	.fd = STDOUT_FILENO,
	.flags = STREAM_WRITABLE | STREAM_IS_STATIC | STREAM_MODE_PENDING,
	.buffer_mode = _IOFBF,
	.buffer = stdout_buffer,
	.buffer_size = sizeof(stdout_buffer),
	.pushback = -1,
	.next = &stderr_stream,
	.lock = STREAM_LOCK_INITIALIZER,
};

static struct stdio_file stdin_stream = {
	.fd = STDIN_FILENO,
	.flags = STREAM_READABLE | STREAM_IS_STATIC | STREAM_MODE_PENDING,
	.buffer_mode = _IOFBF,
	.buffer = stdin_buffer,
	.buffer_size = sizeof(stdin_buffer),
	.pushback = -1,
	.next = &stdout_stream,
	.lock = STREAM_LOCK_INITIALIZER,
};

FILE *stdin = &stdin_stream;
FILE *stdout = &stdout_stream;
FILE *stderr = &stderr_stream;

struct stdio_file *libc_open_streams = &stdin_stream;
int libc_stdio_list_lock;

void flockfile(FILE *stream)
{
	pthread_mutex_lock(&stream->lock);
}

int ftrylockfile(FILE *stream)
{
	return pthread_mutex_trylock(&stream->lock) == 0 ? 0 : -1;
}

void funlockfile(FILE *stream)
{
	pthread_mutex_unlock(&stream->lock);
}

int libc_stdio_write_all(int fd, const void *data, size_t length)
{
	const unsigned char *cursor = data;

	while (length > 0) {
		ssize_t written = write(fd, cursor, length);

		if (written < 0 && errno == EINTR)
			continue;
		if (written <= 0) {
			if (written == 0)
				errno = EIO;
			return -1;
		}
		cursor += written;
		length -= (size_t)written;
	}
	return 0;
}

/* Settles the buffer mode and makes sure a buffer exists. */
static void stream_choose_buffer(FILE *stream)
{
	if (stream->flags & STREAM_MODE_PENDING) {
		stream->flags &= ~STREAM_MODE_PENDING;
		if (isatty(stream->fd))
			stream->buffer_mode = _IOLBF;
	}
	if (stream->buffer_mode == _IONBF) {
		stream->buffer = &stream->one_byte;
		stream->buffer_size = 1;
		return;
	}
	if (stream->buffer)
		return;
	if (!stream->buffer_size)
		stream->buffer_size = BUFSIZ;
	stream->buffer = malloc(stream->buffer_size);
	if (stream->buffer) {
		stream->flags |= STREAM_OWNS_BUFFER;
		return;
	}
	stream->buffer_mode = _IONBF;
	stream->buffer = &stream->one_byte;
	stream->buffer_size = 1;
}

int libc_stdio_flush_output(FILE *stream)
{
	size_t length = stream->write_length;

	if (length == 0)
		return 0;
	stream->write_length = 0;
	if (libc_stdio_write_all(stream->fd, stream->buffer, length) < 0) {
		stream->flags |= STREAM_HAS_ERROR;
		return EOF;
	}
	return 0;
}

/* Input read ahead (and pushed back) but not consumed. */
static size_t unread_input(FILE *stream)
{
	return stream->read_end - stream->read_position + (stream->pushback >= 0);
}

/* Drops read-ahead, moving the fd offset back to the stream's position where it can. */
static void discard_input(FILE *stream)
{
	size_t unread = unread_input(stream);

	if (unread)
		lseek(stream->fd, -(off_t)unread, SEEK_CUR);
	stream->read_position = stream->read_end = 0;
	stream->pushback = -1;
}

int libc_stdio_prepare_write(FILE *stream)
{
	if (!(stream->flags & STREAM_WRITABLE)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EBADF;
		return EOF;
	}
	stream_choose_buffer(stream);
	if (unread_input(stream) || stream->read_end)
		discard_input(stream);
	return 0;
}

int libc_stdio_prepare_read(FILE *stream)
{
	if (!(stream->flags & STREAM_READABLE)) {
		stream->flags |= STREAM_HAS_ERROR;
		errno = EBADF;
		return EOF;
	}
	stream_choose_buffer(stream);
	return libc_stdio_flush_output(stream);
}

/*
 * Before waiting for input on a line-buffered or unbuffered stream, C asks that line-buffered
 * output be flushed, so that a prompt appears before the program blocks. The caller holds
 * one stream's lock, so the list and the other streams are only tried: one that another
 * thread is using right now is left to that thread.
 */
static void flush_line_buffered_output(void)
{
	struct stdio_file *stream;

	if (!libc_lock_try_acquire(&libc_stdio_list_lock))
		return;
	for (stream = libc_open_streams; stream; stream = stream->next) {
		if (pthread_mutex_trylock(&stream->lock) != 0)
			continue;
		if (stream->buffer_mode == _IOLBF && stream->write_length)
			libc_stdio_flush_output(stream);
		pthread_mutex_unlock(&stream->lock);
	}
	libc_lock_release(&libc_stdio_list_lock);
}

long libc_stdio_refill(FILE *stream)
{
	ssize_t got;

	if (stream->buffer_mode != _IOFBF)
		flush_line_buffered_output();
	stream->read_position = stream->read_end = 0;
	got = read(stream->fd, stream->buffer, stream->buffer_size);
	if (got < 0) {
		stream->flags |= STREAM_HAS_ERROR;
		return -1;
	}
	if (got == 0)
		stream->flags |= STREAM_AT_EOF;
	stream->read_end = (size_t)got;
	return got;
}

/* Buffers data; flushes when the buffer fills, and after a newline in line mode. */
size_t libc_stdio_write(FILE *stream, const void *data, size_t length)
{
	const unsigned char *bytes = data;
	size_t taken = 0;

	if (libc_stdio_prepare_write(stream) == EOF)
		return 0;
	if (stream->buffer_mode == _IONBF) {
		if (libc_stdio_write_all(stream->fd, data, length) < 0) {
			stream->flags |= STREAM_HAS_ERROR;
			return 0;
		}
		return length;
	}
	while (taken < length) {
		size_t room = stream->buffer_size - stream->write_length;
		size_t chunk = length - taken < room ? length - taken : room;

		if (stream->write_length == 0 && length - taken >= stream->buffer_size) {
			/* Too big to buffer: write it straight through. */
			if (libc_stdio_write_all(stream->fd, bytes + taken, length - taken) < 0) {
				stream->flags |= STREAM_HAS_ERROR;
				return taken;
			}
			return length;
		}
		memcpy(stream->buffer + stream->write_length, bytes + taken, chunk);
		stream->write_length += chunk;
		taken += chunk;
		if (stream->write_length == stream->buffer_size &&
		    libc_stdio_flush_output(stream) == EOF)
			return taken;
	}
	if (stream->buffer_mode == _IOLBF && memchr(data, '\n', length) &&
	    libc_stdio_flush_output(stream) == EOF)
		return 0;
	return taken;
}

/*
 * fflush(NULL) flushes every stream. On an input stream, fflush gives up the read-ahead and
 * moves the fd offset back to the stream's position (POSIX), so another process sharing the
 * fd continues where this one stopped.
 */
static int stream_flush(FILE *stream)
{
	if (stream->write_length)
		return libc_stdio_flush_output(stream);
	if (unread_input(stream) || stream->read_end)
		discard_input(stream);
	return 0;
}

int fflush(FILE *stream)
{
	int result = 0;

	if (stream) {
		pthread_mutex_lock(&stream->lock);
		result = stream_flush(stream);
		pthread_mutex_unlock(&stream->lock);
		return result;
	}
	libc_lock_acquire(&libc_stdio_list_lock);
	for (stream = libc_open_streams; stream; stream = stream->next) {
		if (fflush(stream) == EOF)
			result = EOF;
	}
	libc_lock_release(&libc_stdio_list_lock);
	return result;
}

/*
 * exit() may run while another thread is blocked in read() holding a stream's lock, or is
 * between fopen's list insert and its unlock, so nothing here waits: the list is walked as
 * it is, and a busy stream is flushed without its lock.
 */
void libc_stdio_flush_all(void)
{
	struct stdio_file *stream;

	for (stream = libc_open_streams; stream; stream = stream->next) {
		bool is_locked = pthread_mutex_trylock(&stream->lock) == 0;

		libc_stdio_flush_output(stream);
		if (is_locked)
			pthread_mutex_unlock(&stream->lock);
	}
}

/* Allowed at any time: pending output is flushed first, read-ahead dropped. */
int setvbuf(FILE *restrict stream, char *restrict buffer, int mode, size_t size)
{
	int result = 0;

	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return EOF;
	}
	pthread_mutex_lock(&stream->lock);
	if (stream_flush(stream) == EOF) {
		result = EOF;
		goto out_unlock;
	}
	if (stream->flags & STREAM_OWNS_BUFFER)
		free(stream->buffer);
	stream->flags &= ~(STREAM_OWNS_BUFFER | STREAM_MODE_PENDING);
	stream->buffer_mode = mode;
	stream->buffer = NULL;
	stream->buffer_size = 0;
	if (mode != _IONBF && size > 0) {
		stream->buffer_size = size;
		stream->buffer = (unsigned char *)buffer;
	}
out_unlock:
	pthread_mutex_unlock(&stream->lock);
	return result;
}

void setbuf(FILE *restrict stream, char *restrict buffer)
{
	setvbuf(stream, buffer, buffer ? _IOFBF : _IONBF, BUFSIZ);
}
