/*
 * The FILE structure and the helpers the stdio files share (man 3 stdio, man 3 setvbuf).
 *
 * One buffer serves either reading or writing, never both at once: while read_position <
 * read_end (or pushback >= 0) the stream holds unread input, while write_length > 0 it holds
 * unwritten output. Switching direction flushes output or drops input (seeking the fd back
 * over what was read ahead). Every open stream is on the open_streams list so that
 * fflush(NULL) and exit() reach them all.
 *
 * Locking (man 3 flockfile): each stream has a recursive mutex, taken by every public stdio
 * function for its whole call, so one printf is never interleaved with another on the same
 * stream, and by flockfile. The libc_stdio_* helpers below expect the caller to hold it.
 * libc_stdio_list_lock guards the list; it may be taken before a stream lock but never
 * while holding one, except with a try-lock that gives up if it is busy.
 */
#ifndef SPINDLE_LIBC_STDIO_INTERNAL_H
#define SPINDLE_LIBC_STDIO_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define STREAM_READABLE	    0x01
#define STREAM_WRITABLE	    0x02
#define STREAM_AT_EOF	    0x04 /* feof() */
#define STREAM_HAS_ERROR    0x08 /* ferror() */
#define STREAM_OWNS_BUFFER  0x10 /* buffer came from malloc and fclose frees it */
#define STREAM_MODE_PENDING 0x20 /* buffer mode not chosen yet: tty => line, else full */
#define STREAM_IS_STATIC    0x40 /* stdin, stdout, stderr: the struct is not freed */

struct stdio_file {
	int fd;
	unsigned int flags;    /* STREAM_* */
	int buffer_mode;       /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buffer; /* NULL until first use, unless setvbuf gave one */
	size_t buffer_size;
	size_t read_position;	 /* next unread byte in buffer */
	size_t read_end;	 /* end of the bytes read into buffer */
	size_t write_length;	 /* bytes in buffer not yet written */
	int pushback;		 /* character from ungetc, or -1 */
	unsigned char one_byte;	 /* the "buffer" of an unbuffered stream */
	struct stdio_file *next; /* open_streams list, under libc_stdio_list_lock */
	pthread_mutex_t lock;	 /* recursive; guards every field above but next */
};

#define STREAM_LOCK_INITIALIZER                                                                    \
	{                                                                                          \
		0, PTHREAD_MUTEX_RECURSIVE, 0, NULL                                                \
	}

extern struct stdio_file *libc_open_streams;
extern int libc_stdio_list_lock;

/* Writes all of data to fd, retrying short writes and EINTR. 0, or -1 with errno. */
int libc_stdio_write_all(int fd, const void *data, size_t length);

/* Gets the stream ready to write: chooses its buffer, drops read-ahead. 0 or EOF. */
int libc_stdio_prepare_write(FILE *stream);
/* Gets the stream ready to read: chooses its buffer, flushes output. 0 or EOF. */
int libc_stdio_prepare_read(FILE *stream);
/* Writes out buffered output. 0, or EOF with the error flag set. */
int libc_stdio_flush_output(FILE *stream);
/* Reads more input into the empty buffer. Returns bytes read, 0 at EOF, -1 on error. */
long libc_stdio_refill(FILE *stream);
/* Appends length bytes to the stream, honouring its buffer mode. Returns bytes taken. */
size_t libc_stdio_write(FILE *stream, const void *data, size_t length);

/*
 * Flushes every stream; exit() calls it through a weak reference (internal/stdio_exit.h).
 * It must not wait for a thread that may be blocked in read() for ever, so a stream whose
 * lock another thread holds is flushed without the lock, as glibc does.
 */
void libc_stdio_flush_all(void);

/* Parses an fopen mode ("r", "w+", "ae", ...). Returns open(2) flags, or -1 for EINVAL. */
int libc_stdio_parse_mode(const char *mode);
/*
 * Sets up a new stream on fd with the open(2) flags and puts it on the list; NULL (ENOMEM)
 * if out of memory.
 */
FILE *libc_stdio_stream_create(int fd, int open_flags);

#endif
