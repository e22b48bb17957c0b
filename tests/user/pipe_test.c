/*
 * Pipes (pipe(7)): data in order, end of file, EPIPE/SIGPIPE, non-blocking rules, the
 * 64 KiB capacity, PIPE_BUF atomicity with several writers, and a megabyte streamed
 * between processes with nothing lost or reordered.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

UTEST(pipe_order_and_end_of_file)
{
	int fds[2];
	char buffer[16] = {0};
	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(write(fds[1], "abc", 3), 3);
	EXPECT_EQ(write(fds[1], "def", 3), 3);
	EXPECT_EQ(read(fds[0], buffer, 4), 4);
	EXPECT(memcmp(buffer, "abcd", 4) == 0);
	close(fds[1]);
	EXPECT_EQ(read(fds[0], buffer, sizeof(buffer)), 2);
	EXPECT_EQ(read(fds[0], buffer, sizeof(buffer)), 0); /* no writer: end of file */
	struct stat info;
	EXPECT_EQ(fstat(fds[0], &info), 0);
	EXPECT(S_ISFIFO(info.st_mode));
	EXPECT_ERRNO(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERRNO(write(fds[0], "x", 1), EBADF);
	close(fds[0]);
}

UTEST(pipe_without_reader_is_epipe_and_sigpipe)
{
	int fds[2];
	pipe(fds);
	close(fds[0]);
	pid_t child = fork();
	if (child == 0) {
		write(fds[1], "x", 1);
		_exit(0); /* not reached: SIGPIPE's default action ends the process */
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), 13);
	close(fds[1]);
}

UTEST(pipe_nonblocking_and_capacity)
{
	int fds[2];
	EXPECT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
	EXPECT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	char byte;
	EXPECT_ERRNO(read(fds[0], &byte, 1), EAGAIN);
	static char block[4096];
	long total = 0, written;
	while ((written = write(fds[1], block, sizeof(block))) > 0)
		total += written;
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(total, 65536);
	/* Room for 100 bytes but a 4096-byte atomic write must not be split: EAGAIN. */
	char small[100];
	EXPECT_EQ(read(fds[0], small, sizeof(small)), 100);
	EXPECT_ERRNO(write(fds[1], block, sizeof(block)), EAGAIN);
	/* A write larger than PIPE_BUF takes what fits. */
	static char large[8192];
	EXPECT_EQ(write(fds[1], large, sizeof(large)), 100);
	EXPECT_ERRNO(pipe2(fds, 0x12345), EINVAL);
	EXPECT_ERRNO(pipe((int *)0x10000), EFAULT);
	close(fds[0]);
	close(fds[1]);
}

UTEST(pipe_streams_a_megabyte_in_order)
{
	int fds[2];
	pipe(fds);
	pid_t child = fork();
	if (child == 0) {
		close(fds[0]);
		static uint8_t chunk[1000];
		uint32_t counter = 0;
		for (int i = 0; i < 1100; i++) {
			for (size_t j = 0; j < sizeof(chunk); j++)
				chunk[j] = (uint8_t)(counter++ * 7);
			if (write(fds[1], chunk, sizeof(chunk)) != sizeof(chunk))
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	static uint8_t buffer[3001];
	uint32_t counter = 0, wrong = 0;
	ssize_t count;
	while ((count = read(fds[0], buffer, sizeof(buffer))) > 0) {
		for (ssize_t i = 0; i < count; i++)
			wrong += buffer[i] != (uint8_t)(counter++ * 7);
	}
	close(fds[0]);
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(counter, 1100000);
	EXPECT_EQ(wrong, 0);
}

UTEST(pipe_buf_writes_are_never_torn)
{
	enum { WRITERS = 4, RECORDS = 200 };
	int fds[2];
	pipe(fds);
	for (int writer = 0; writer < WRITERS; writer++) {
		if (fork() == 0) {
			close(fds[0]);
			static char record[4096];
			for (int i = 0; i < RECORDS; i++) {
				memset(record, 'A' + writer, sizeof(record));
				if (write(fds[1], record, sizeof(record)) != sizeof(record))
					_exit(1);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	static char record[4096];
	int torn = 0, records = 0;
	for (;;) {
		size_t have = 0;
		ssize_t count = 0;
		while (have < sizeof(record) &&
		       (count = read(fds[0], record + have, sizeof(record) - have)) > 0)
			have += (size_t)count;
		if (have == 0)
			break;
		records++;
		for (size_t i = 1; i < sizeof(record); i++)
			torn += record[i] != record[0];
	}
	close(fds[0]);
	while (wait(NULL) > 0)
		;
	EXPECT_EQ(records, WRITERS * RECORDS);
	EXPECT_EQ(torn, 0);
}
