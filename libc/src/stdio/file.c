/*
 * Opening, closing and positioning streams (man 3 fopen, man 3 fdopen, man 3 freopen,
 * man 3 fclose, man 3 fseek, man 3 ferror, man 3 fileno, man 3 perror; C11 §7.21.5,
 * §7.21.9, §7.21.10). fopen modes: r w a, each optionally with '+', plus 'x' (O_EXCL),
 * 'e' (O_CLOEXEC) and 'b' (ignored). New files get mode 0666 minus the umask.
 * Every function that looks at a stream's state holds its lock (stdio_internal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal/lock.h"
#include "stdio/stdio_internal.h"

int libc_stdio_parse_mode(const char *mode)
{
	int flags;

	switch (*mode++) {
	case 'r':
		flags = O_RDONLY;
		break;
	case 'w':
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		return -1;
	}
	for (; *mode; mode++) {
		if (*mode == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*mode == 'x')
			flags |= O_EXCL;
		else if (*mode == 'e')
			flags |= O_CLOEXEC;
		else if (*mode != 'b')
			return -1;
	}
	return flags;
}

static unsigned int stream_flags_for(int open_flags)
{
	switch (open_flags & O_ACCMODE) {
	case O_RDONLY:
		return STREAM_READABLE;
	case O_WRONLY:
		return STREAM_WRITABLE;
	default:
		return STREAM_READABLE | STREAM_WRITABLE;
	}
}

FILE *libc_stdio_stream_create(int fd, int open_flags)
{
	FILE *stream = calloc(1, sizeof(*stream));

	if (!stream)
		return NULL;
	stream->fd = fd;
	stream->flags = stream_flags_for(open_flags) | STREAM_MODE_PENDING;
	stream->buffer_mode = _IOFBF;
	stream->pushback = -1;
	stream->lock = (pthread_mutex_t)STREAM_LOCK_INITIALIZER;
	libc_lock_acquire(&libc_stdio_list_lock);
	stream->next = libc_open_streams;
	libc_open_streams = stream;
	libc_lock_release(&libc_stdio_list_lock);
	return stream;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int flags = libc_stdio_parse_mode(mode);
	FILE *stream;
	int fd;

	if (flags < 0) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	stream = libc_stdio_stream_create(fd, flags);
	if (!stream)
		close(fd);
	return stream;
}

/* The mode must not ask for more access than fd has; 'x' and truncation do not apply. */
FILE *fdopen(int fd, const char *mode)
{
	int flags = libc_stdio_parse_mode(mode);
	int fd_flags = fcntl(fd, F_GETFL);

	if (fd_flags < 0)
		return NULL;
	if (flags < 0 ||
	    ((fd_flags & O_ACCMODE) != O_RDWR && (flags & O_ACCMODE) != (fd_flags & O_ACCMODE))) {
		errno = EINVAL;
		return NULL;
	}
	if ((flags & O_APPEND) && !(fd_flags & O_APPEND) &&
	    fcntl(fd, F_SETFL, fd_flags | O_APPEND) < 0)
		return NULL;
	return libc_stdio_stream_create(fd, flags);
}

static void unlink_stream(FILE *stream)
{
	struct stdio_file **link;

	libc_lock_acquire(&libc_stdio_list_lock);
	for (link = &libc_open_streams; *link; link = &(*link)->next) {
		if (*link == stream) {
			*link = stream->next;
			break;
		}
	}
	libc_lock_release(&libc_stdio_list_lock);
}

/*
 * The stream is gone afterwards even if flushing or closing failed. It leaves the list
 * before its lock is taken: the list lock is never taken while holding a stream lock.
 */
int fclose(FILE *stream)
{
	int result;

	unlink_stream(stream);
	pthread_mutex_lock(&stream->lock);
	result = fflush(stream);
	if (close(stream->fd) < 0)
		result = EOF;
	if (stream->flags & STREAM_OWNS_BUFFER)
		free(stream->buffer);
	pthread_mutex_unlock(&stream->lock);
	if (stream->flags & STREAM_IS_STATIC) {
		memset(stream, 0, sizeof(*stream));
		stream->fd = -1;
		stream->lock = (pthread_mutex_t)STREAM_LOCK_INITIALIZER;
	} else {
		free(stream);
	}
	return result;
}

/*
 * Reopens stream on path, keeping the FILE (used to redirect stdin/stdout/stderr).
 * A NULL path (changing the mode of the open file) is not supported: EINVAL.
 */
static FILE *stream_reopen(const char *path, int flags, FILE *stream)
{
	int fd;

	fflush(stream);
	if (!path || flags < 0) {
		errno = EINVAL;
		return NULL;
	}
	close(stream->fd);
	if (stream->flags & STREAM_OWNS_BUFFER) {
		free(stream->buffer);
		stream->buffer = NULL;
		stream->buffer_size = 0;
	}
	stream->flags = (stream->flags & STREAM_IS_STATIC) | stream_flags_for(flags);
	if (stream->buffer_mode != _IONBF) {
		stream->flags |= STREAM_MODE_PENDING;
		stream->buffer_mode = _IOFBF;
	}
	stream->read_position = stream->read_end = stream->write_length = 0;
	stream->pushback = -1;
	fd = open(path, flags, 0666);
	if (fd < 0) {
		stream->flags |= STREAM_HAS_ERROR;
		return NULL;
	}
	/* Keep the standard descriptor number: stdin stays fd 0. */
	if (fd != stream->fd) {
		if (dup2(fd, stream->fd) < 0) {
			close(fd);
			return NULL;
		}
		close(fd);
	}
	return stream;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict stream)
{
	int flags = libc_stdio_parse_mode(mode);
	FILE *result;

	pthread_mutex_lock(&stream->lock);
	result = stream_reopen(path, flags, stream);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

int fileno(FILE *stream)
{
	return stream->fd;
}

/* Reads the stream's flags under its lock. */
static unsigned int stream_flags(FILE *stream)
{
	unsigned int flags;

	pthread_mutex_lock(&stream->lock);
	flags = stream->flags;
	pthread_mutex_unlock(&stream->lock);
	return flags;
}

int feof(FILE *stream)
{
	return !!(stream_flags(stream) & STREAM_AT_EOF);
}

int ferror(FILE *stream)
{
	return !!(stream_flags(stream) & STREAM_HAS_ERROR);
}

void clearerr(FILE *stream)
{
	pthread_mutex_lock(&stream->lock);
	stream->flags &= ~(STREAM_AT_EOF | STREAM_HAS_ERROR);
	pthread_mutex_unlock(&stream->lock);
}

/* fflush writes output and moves the fd back over read-ahead, so lseek sees the truth. */
static int stream_seek(FILE *stream, off_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (fflush(stream) == EOF)
		return -1;
	if (lseek(stream->fd, offset, whence) < 0)
		return -1;
	stream->flags &= ~STREAM_AT_EOF;
	return 0;
}

int fseeko(FILE *stream, off_t offset, int whence)
{
	int result;

	pthread_mutex_lock(&stream->lock);
	result = stream_seek(stream, offset, whence);
	pthread_mutex_unlock(&stream->lock);
	return result;
}

int fseek(FILE *stream, long offset, int whence)
{
	return fseeko(stream, offset, whence);
}

off_t ftello(FILE *stream)
{
	off_t position;

	pthread_mutex_lock(&stream->lock);
	position = lseek(stream->fd, 0, SEEK_CUR);
	if (position >= 0) {
		position -= (off_t)(stream->read_end - stream->read_position);
		position -= stream->pushback >= 0;
		position += (off_t)stream->write_length;
	}
	pthread_mutex_unlock(&stream->lock);
	return position;
}

long ftell(FILE *stream)
{
	return ftello(stream);
}

void rewind(FILE *stream)
{
	pthread_mutex_lock(&stream->lock);
	stream_seek(stream, 0, SEEK_SET);
	stream->flags &= ~(STREAM_AT_EOF | STREAM_HAS_ERROR);
	pthread_mutex_unlock(&stream->lock);
}

int fgetpos(FILE *restrict stream, fpos_t *restrict position)
{
	off_t result = ftello(stream);

	if (result < 0)
		return -1;
	*position = result;
	return 0;
}

int fsetpos(FILE *stream, const fpos_t *position)
{
	return fseeko(stream, *position, SEEK_SET);
}

void perror(const char *prefix)
{
	const char *message = strerror(errno);

	if (prefix && *prefix)
		fprintf(stderr, "%s: %s\n", prefix, message);
	else
		fprintf(stderr, "%s\n", message);
}
