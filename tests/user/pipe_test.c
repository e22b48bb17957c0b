/*
 * Pipes (pipe(7)): data in order, end of file, EPIPE/SIGPIPE, non-blocking rules, the
 * 64 KiB capacity, PIPE_BUF atomicity with several writers, and a megabyte streamed
 * between processes with nothing lost or reordered.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "stream_check.h"
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
	/* Reading 100 bytes frees no slot (the first page still holds 3996): a 4096-byte
	 * write finds no free slot, and neither does a bigger one: EAGAIN, as on Linux. */
	char small[100];
	EXPECT_EQ(read(fds[0], small, sizeof(small)), 100);
	EXPECT_ERRNO(write(fds[1], block, sizeof(block)), EAGAIN);
	static char large[8192];
	EXPECT_ERRNO(write(fds[1], large, sizeof(large)), EAGAIN);
	/* Reading the rest of that page frees its slot: one more page fits, and a bigger
	 * non-blocking write takes just that page (a partial write). */
	static char rest[3996];
	EXPECT_EQ(read(fds[0], rest, sizeof(rest)), 3996);
	EXPECT_EQ(write(fds[1], large, sizeof(large)), 4096);
	EXPECT_ERRNO(write(fds[1], "x", 1), EAGAIN); /* the last page is full to its end */
	int queued = 0;
	EXPECT_EQ(ioctl(fds[0], FIONREAD, &queued), 0);
	EXPECT_EQ(queued, 65536);
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
		_exit(stream_write_pattern(fds[1], 7));
	}
	close(fds[1]);
	uint32_t bytes, wrong;
	stream_read_pattern(fds[0], 7, 3001, &bytes, &wrong);
	close(fds[0]);
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(bytes, STREAM_BYTES);
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

UTEST(pipe_small_writes_share_a_page)
{
	int fds[2];
	pipe2(fds, O_NONBLOCK);
	/* 1-byte writes are merged into the last page: 65536 of them fit, as on Linux. */
	long total = 0;
	while (write(fds[1], "a", 1) == 1)
		total++;
	EXPECT_EQ(total, 65536);
	/* A 3000-byte write into a pipe whose last page has 1000 bytes free... */
	char buffer[4096];
	close(fds[0]);
	close(fds[1]);
	pipe2(fds, O_NONBLOCK);
	static char block[4096];
	for (int i = 0; i < 15; i++)
		write(fds[1], block, sizeof(block));
	EXPECT_EQ(write(fds[1], block, 3096), 3096); /* the 16th slot, 1000 bytes free */
	EXPECT_EQ(write(fds[1], block, 1000), 1000); /* fits whole in the last page: merged */
	EXPECT_ERRNO(write(fds[1], block, 1), EAGAIN);
	EXPECT_EQ(read(fds[0], buffer, sizeof(buffer)), 4096);
	EXPECT_EQ(write(fds[1], block, 1), 1); /* a slot came free */
	close(fds[0]);
	close(fds[1]);
}
