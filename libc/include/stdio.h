/*
 * Buffered standard I/O (man 3 stdio, man 3 printf, man 3 fopen, man 3 setvbuf; C11 §7.21).
 * stdin and stdout are line-buffered when they are terminals and fully buffered otherwise;
 * stderr is unbuffered. exit() flushes every open stream. Thread-safe: every call holds its
 * stream's lock for its whole length (flockfile holds it across calls).
 * printf supports the flags "-+ #0", width and precision (also '*'), the lengths hh h l ll z
 * j t, and the conversions d i u o x X c s p % f F e E g G; %n and wide characters are not
 * supported (they fail with EINVAL).
 */
#ifndef SPINDLE_LIBC_STDIO_H
#define SPINDLE_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/* An open stream; its fields are private to libc (libc/src/stdio/stdio_internal.h). */
typedef struct stdio_file FILE;

typedef long fpos_t;

#define EOF	     (-1)
#define BUFSIZ	     4096
#define FOPEN_MAX    64
#define FILENAME_MAX 4096
#define L_tmpnam     20

/* fseek whence, as in uapi/fcntl.h. */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* setvbuf modes. */
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict stream);
int fclose(FILE *stream);
int fflush(FILE *stream);
int setvbuf(FILE *restrict stream, char *restrict buffer, int mode, size_t size);
void setbuf(FILE *restrict stream, char *restrict buffer);
int fileno(FILE *stream);

size_t fread(void *restrict buffer, size_t size, size_t count, FILE *restrict stream);
size_t fwrite(const void *restrict buffer, size_t size, size_t count, FILE *restrict stream);
int fgetc(FILE *stream);
int getc(FILE *stream);
int getchar(void);
char *fgets(char *restrict buffer, int size, FILE *restrict stream);
ssize_t getline(char **restrict line, size_t *restrict capacity, FILE *restrict stream);
ssize_t getdelim(char **restrict line, size_t *restrict capacity, int delimiter,
		 FILE *restrict stream);
int ungetc(int character, FILE *stream);
int fputc(int character, FILE *stream);
int putc(int character, FILE *stream);
int putchar(int character);
int fputs(const char *restrict string, FILE *restrict stream);
int puts(const char *string);

int fseek(FILE *stream, long offset, int whence);
int fseeko(FILE *stream, off_t offset, int whence);
long ftell(FILE *stream);
off_t ftello(FILE *stream);
void rewind(FILE *stream);
int fgetpos(FILE *restrict stream, fpos_t *restrict position);
int fsetpos(FILE *stream, const fpos_t *position);

/* Stream locks (man 3 flockfile): recursive; every stdio call takes its stream's. */
void flockfile(FILE *stream);
int ftrylockfile(FILE *stream);
void funlockfile(FILE *stream);

int feof(FILE *stream);
int ferror(FILE *stream);
void clearerr(FILE *stream);
void perror(const char *prefix);

int remove(const char *path);
int rename(const char *old_path, const char *new_path);

#define LIBC_PRINTF_FORMAT(format_index, first_argument)                                           \
	__attribute__((format(printf, format_index, first_argument)))

int printf(const char *restrict format, ...) LIBC_PRINTF_FORMAT(1, 2);
int fprintf(FILE *restrict stream, const char *restrict format, ...) LIBC_PRINTF_FORMAT(2, 3);
int dprintf(int fd, const char *restrict format, ...) LIBC_PRINTF_FORMAT(2, 3);
int sprintf(char *restrict buffer, const char *restrict format, ...) LIBC_PRINTF_FORMAT(2, 3);
int snprintf(char *restrict buffer, size_t size, const char *restrict format, ...)
	LIBC_PRINTF_FORMAT(3, 4);
int asprintf(char **restrict result, const char *restrict format, ...) LIBC_PRINTF_FORMAT(2, 3);
int vprintf(const char *restrict format, va_list arguments) LIBC_PRINTF_FORMAT(1, 0);
int vfprintf(FILE *restrict stream, const char *restrict format, va_list arguments)
	LIBC_PRINTF_FORMAT(2, 0);
int vdprintf(int fd, const char *restrict format, va_list arguments) LIBC_PRINTF_FORMAT(2, 0);
int vsprintf(char *restrict buffer, const char *restrict format, va_list arguments)
	LIBC_PRINTF_FORMAT(2, 0);
int vsnprintf(char *restrict buffer, size_t size, const char *restrict format, va_list arguments)
	LIBC_PRINTF_FORMAT(3, 0);
int vasprintf(char **restrict result, const char *restrict format, va_list arguments)
	LIBC_PRINTF_FORMAT(2, 0);

#endif
