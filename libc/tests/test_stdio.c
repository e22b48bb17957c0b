/*
 * Tests for stdio streams (man 3 stdio, man 3 setvbuf, man 3 fopen, man 3 fseek): buffering
 * modes observed through a non-blocking pipe (nothing may arrive before the flush the mode
 * promises), reading and writing files, positioning, ungetc, fgets/getline, EOF and error
 * indicators, and exit() flushing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

/* Reads what is in the non-blocking pipe now; returns the byte count, 0 if empty. */
static size_t drain_pipe(int fd, char *buffer, size_t size)
{
	ssize_t got = read(fd, buffer, size - 1);

	if (got < 0) {
		TEST_CHECK_EQUAL(errno, EAGAIN);
		got = 0;
	}
	buffer[got] = '\0';
	return (size_t)got;
}

static FILE *open_pipe_stream(int fds[2], int mode)
{
	FILE *stream;

	TEST_CHECK_EQUAL(pipe2(fds, O_NONBLOCK), 0);
	stream = fdopen(fds[1], "w");
	TEST_CHECK(stream != NULL);
	TEST_CHECK_EQUAL(setvbuf(stream, NULL, mode, 64), 0);
	return stream;
}

static void test_full_buffering(void)
{
	char buffer[256];
	int fds[2];
	FILE *stream = open_pipe_stream(fds, _IOFBF);

	TEST_CHECK_EQUAL(fputs("one\ntwo\n", stream), 0);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 0);
	TEST_CHECK_EQUAL(fflush(stream), 0);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 8);
	TEST_CHECK_STRING(buffer, "one\ntwo\n");
	/* Filling the 64-byte buffer writes it out. */
	TEST_CHECK_EQUAL(fwrite("0123456789", 1, 10, stream), 10);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 0);
	TEST_CHECK_EQUAL(fprintf(stream, "%060d", 0), 60);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 64);
	TEST_CHECK_EQUAL(fclose(stream), 0);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 6);
	close(fds[0]);
}

static void test_line_buffering(void)
{
	char buffer[256];
	int fds[2];
	FILE *stream = open_pipe_stream(fds, _IOLBF);

	TEST_CHECK_EQUAL(fputs("partial", stream), 0);
	TEST_CHECK_EQUAL(fputc('!', stream), '!');
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 0);
	TEST_CHECK_EQUAL(fprintf(stream, " line\nnext"), 10);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 18);
	TEST_CHECK_STRING(buffer, "partial! line\nnext");
	TEST_CHECK_EQUAL(fputc('\n', stream), '\n');
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 1);
	fclose(stream);
	close(fds[0]);
}

static void test_unbuffered(void)
{
	char buffer[256];
	int fds[2];
	FILE *stream = open_pipe_stream(fds, _IONBF);

	TEST_CHECK_EQUAL(fputc('a', stream), 'a');
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 1);
	TEST_CHECK_EQUAL(fprintf(stream, "%d-%s", 12, "xy"), 5);
	TEST_CHECK_EQUAL(drain_pipe(fds[0], buffer, sizeof(buffer)), 5);
	TEST_CHECK_STRING(buffer, "12-xy");
	fclose(stream);
	close(fds[0]);
}

static void test_file_write_read_seek(void)
{
	char path[128], buffer[64];
	FILE *stream;
	long position;
	int index;

	test_temporary_path(path, sizeof(path), "stdio");
	stream = fopen(path, "w+");
	TEST_CHECK(stream != NULL);
	for (index = 0; index < 1000; index++)
		TEST_CHECK_EQUAL(fprintf(stream, "%04d\n", index), 5);
	TEST_CHECK_EQUAL(ftell(stream), 5000);
	rewind(stream);
	TEST_CHECK(fgets(buffer, sizeof(buffer), stream) == buffer);
	TEST_CHECK_STRING(buffer, "0000\n");
	TEST_CHECK_EQUAL(ftell(stream), 5);
	TEST_CHECK_EQUAL(fseek(stream, 5 * 500, SEEK_SET), 0);
	TEST_CHECK_EQUAL(fread(buffer, 1, 10, stream), 10);
	TEST_CHECK(memcmp(buffer, "0500\n0501\n", 10) == 0);
	TEST_CHECK_EQUAL(fseek(stream, -5, SEEK_END), 0);
	TEST_CHECK_EQUAL(fgetc(stream), '0');
	position = ftell(stream);
	TEST_CHECK_EQUAL(position, 4996);
	/* Writing after reading at the same position overwrites in place. */
	TEST_CHECK_EQUAL(fseek(stream, position, SEEK_SET), 0);
	TEST_CHECK_EQUAL(fputs("X", stream), 0);
	TEST_CHECK_EQUAL(fseek(stream, -5, SEEK_END), 0);
	TEST_CHECK(fgets(buffer, sizeof(buffer), stream) != NULL);
	TEST_CHECK_STRING(buffer, "0X99\n");
	TEST_CHECK(fgets(buffer, sizeof(buffer), stream) == NULL);
	TEST_CHECK(feof(stream));
	TEST_CHECK(!ferror(stream));
	clearerr(stream);
	TEST_CHECK(!feof(stream));
	TEST_CHECK_EQUAL(fclose(stream), 0);
	TEST_CHECK_EQUAL(unlink(path), 0);
}

static void test_append_and_modes(void)
{
	char path[128], buffer[64];
	FILE *stream;

	test_temporary_path(path, sizeof(path), "append");
	stream = fopen(path, "w");
	fputs("first\n", stream);
	fclose(stream);
	stream = fopen(path, "a");
	fputs("second\n", stream);
	fclose(stream);
	stream = fopen(path, "r");
	TEST_CHECK_EQUAL(fread(buffer, 1, sizeof(buffer), stream), 13);
	TEST_CHECK(feof(stream));
	/* A read-only stream refuses writes. */
	TEST_CHECK_EQUAL(fputc('x', stream), EOF);
	TEST_CHECK(ferror(stream));
	fclose(stream);
	errno = 0;
	TEST_CHECK(fopen(path, "wx") == NULL);
	TEST_CHECK_EQUAL(errno, EEXIST);
	TEST_CHECK(fopen(path, "q") == NULL);
	TEST_CHECK_EQUAL(errno, EINVAL);
	unlink(path);
	errno = 0;
	TEST_CHECK(fopen(path, "r") == NULL);
	TEST_CHECK_EQUAL(errno, ENOENT);
}

static void test_ungetc_and_lines(void)
{
	char path[128];
	char *line = NULL;
	size_t capacity = 0;
	FILE *stream;

	test_temporary_path(path, sizeof(path), "lines");
	stream = fopen(path, "w+");
	fputs("alpha\nbeta gamma\n\nlast-no-newline", stream);
	rewind(stream);
	TEST_CHECK_EQUAL(fgetc(stream), 'a');
	TEST_CHECK_EQUAL(ungetc('A', stream), 'A');
	TEST_CHECK_EQUAL(ftell(stream), 0);
	TEST_CHECK_EQUAL(getline(&line, &capacity, stream), 6);
	TEST_CHECK_STRING(line, "Alpha\n");
	TEST_CHECK_EQUAL(getdelim(&line, &capacity, ' ', stream), 5);
	TEST_CHECK_STRING(line, "beta ");
	TEST_CHECK_EQUAL(getline(&line, &capacity, stream), 6);
	TEST_CHECK_EQUAL(getline(&line, &capacity, stream), 1);
	TEST_CHECK_EQUAL(getline(&line, &capacity, stream), 15);
	TEST_CHECK_STRING(line, "last-no-newline");
	TEST_CHECK_EQUAL(getline(&line, &capacity, stream), -1);
	TEST_CHECK(feof(stream));
	TEST_CHECK_EQUAL(ungetc('z', stream), 'z');
	TEST_CHECK(!feof(stream));
	TEST_CHECK_EQUAL(fgetc(stream), 'z');
	TEST_CHECK_EQUAL(fgetc(stream), EOF);
	free(line);
	fclose(stream);
	unlink(path);
}

static void test_large_blocks(void)
{
	static char written[100000], read_back[100000];
	char path[128];
	FILE *stream;
	size_t index;

	for (index = 0; index < sizeof(written); index++)
		written[index] = (char)(index * 31 + 7);
	test_temporary_path(path, sizeof(path), "large");
	stream = fopen(path, "w");
	TEST_CHECK_EQUAL(fwrite(written, 1, 3, stream), 3);
	TEST_CHECK_EQUAL(fwrite(written + 3, 4, (sizeof(written) - 3) / 4, stream),
			 (sizeof(written) - 3) / 4);
	TEST_CHECK_EQUAL(fwrite(written + sizeof(written) - 1, 1, 1, stream), 1);
	TEST_CHECK_EQUAL(fclose(stream), 0);
	stream = fopen(path, "r");
	TEST_CHECK_EQUAL(fread(read_back, 1, 10, stream), 10);
	TEST_CHECK_EQUAL(fread(read_back + 10, 1, sizeof(read_back), stream),
			 sizeof(read_back) - 10);
	TEST_CHECK(memcmp(written, read_back, sizeof(written)) == 0);
	fclose(stream);
	unlink(path);
}

/* exit() must flush a stream nobody flushed; _exit() must not. */
static void test_exit_flushes(void)
{
	char buffer[64];
	int fds[2], status;
	pid_t child;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		FILE *stream = fdopen(fds[1], "w");

		fputs("flushed by exit", stream);
		exit(0);
	}
	TEST_CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status));
	child = fork();
	if (child == 0) {
		FILE *stream = fdopen(fds[1], "w");

		fputs("lost by _exit", stream);
		_exit(0);
	}
	TEST_CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status));
	close(fds[1]);
	TEST_CHECK_EQUAL(read(fds[0], buffer, sizeof(buffer)), 15);
	TEST_CHECK(memcmp(buffer, "flushed by exit", 15) == 0);
	close(fds[0]);
}

static void test_dprintf_and_perror(void)
{
	char buffer[128];
	int fds[2], saved_stderr;
	ssize_t got;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	TEST_CHECK_EQUAL(dprintf(fds[1], "%s=%d", "value", 5), 7);
	TEST_CHECK_EQUAL(read(fds[0], buffer, sizeof(buffer)), 7);
	TEST_CHECK(memcmp(buffer, "value=5", 7) == 0);
	saved_stderr = dup(STDERR_FILENO);
	TEST_CHECK_EQUAL(dup2(fds[1], STDERR_FILENO), STDERR_FILENO);
	errno = ENOENT;
	perror("thing");
	dup2(saved_stderr, STDERR_FILENO);
	got = read(fds[0], buffer, sizeof(buffer) - 1);
	TEST_CHECK(got > 0);
	buffer[got] = '\0';
	TEST_CHECK_STRING(buffer, "thing: No such file or directory\n");
}

static const struct libc_test tests[] = {
	{"full buffering flushes when full or asked", test_full_buffering},
	{"line buffering flushes at newline", test_line_buffering},
	{"unbuffered writes at once", test_unbuffered},
	{"fopen w+ fprintf fseek ftell fgets", test_file_write_read_seek},
	{"append, read-only and bad modes", test_append_and_modes},
	{"ungetc getline getdelim", test_ungetc_and_lines},
	{"fwrite fread of large blocks", test_large_blocks},
	{"exit flushes, _exit does not", test_exit_flushes},
	{"dprintf perror", test_dprintf_and_perror},
};

TEST_SUITE(stdio, tests);
