/*
 * Named pipes (fifo(7)) and waiting on several files (poll(2), select(2)).
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "stream_check.h"
#include "utest.h"

struct poll_entry {
	int fd;
	short events, revents;
};
#define IN   0x001
#define OUT  0x004
#define HUP  0x010
#define NVAL 0x020

static long poll_fds(struct poll_entry *fds, unsigned count, int timeout)
{
	return syscall(SYS_poll, fds, count, timeout);
}

UTEST(fifo_open_rules_and_data)
{
	EXPECT_EQ(mknod("/tmp/fifo", S_IFIFO | 0644, 0), 0);
	struct stat info;
	EXPECT_EQ(stat("/tmp/fifo", &info), 0);
	EXPECT(S_ISFIFO(info.st_mode));
	/* No reader yet: a non-blocking writer gets ENXIO, a non-blocking reader opens. */
	EXPECT_ERRNO(open("/tmp/fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	int reader = open("/tmp/fifo", O_RDONLY | O_NONBLOCK);
	EXPECT(reader >= 0);
	pid_t child = fork();
	if (child == 0) {
		int writer = open("/tmp/fifo", O_WRONLY); /* a reader exists: does not block */
		write(writer, "through the fifo", 16);
		_exit(writer >= 0 ? 0 : 1);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	char buffer[32] = {0};
	EXPECT_EQ(read(reader, buffer, sizeof(buffer)), 16);
	EXPECT(strcmp(buffer, "through the fifo") == 0);
	EXPECT_EQ(read(reader, buffer, sizeof(buffer)), 0); /* the writer has gone */
	close(reader);

	/* A blocking reader waits for a writer (the child opens after the parent). */
	child = fork();
	if (child == 0) {
		int writer = open("/tmp/fifo", O_WRONLY);
		write(writer, "x", 1);
		_exit(0);
	}
	reader = open("/tmp/fifo", O_RDONLY);
	EXPECT(reader >= 0);
	EXPECT_EQ(read(reader, buffer, 1), 1);
	close(reader);
	waitpid(child, NULL, 0);
	EXPECT_EQ(unlink("/tmp/fifo"), 0);
}

UTEST(poll_pipes)
{
	int fds[2];
	pipe(fds);
	struct poll_entry entries[2] = {{fds[0], IN, 0}, {fds[1], OUT, 0}};
	EXPECT_EQ(poll_fds(entries, 2, 0), 1); /* writable, not readable */
	EXPECT_EQ(entries[0].revents, 0);
	EXPECT_EQ(entries[1].revents, OUT);
	write(fds[1], "a", 1);
	EXPECT_EQ(poll_fds(entries, 2, 0), 2);
	EXPECT_EQ(entries[0].revents & IN, IN);
	char byte;
	read(fds[0], &byte, 1);
	/* A writer in another process: poll sleeps until the data arrives. */
	pid_t child = fork();
	if (child == 0) {
		sched_yield();
		write(fds[1], "b", 1);
		_exit(0);
	}
	struct poll_entry wait_in = {fds[0], IN, 0};
	EXPECT_EQ(poll_fds(&wait_in, 1, -1), 1);
	EXPECT_EQ(wait_in.revents & IN, IN);
	waitpid(child, NULL, 0);
	read(fds[0], &byte, 1);
	/* Timeout with nothing ready; a closed write end reads as hang-up. */
	EXPECT_EQ(poll_fds(&wait_in, 1, 20), 0);
	close(fds[1]);
	EXPECT_EQ(poll_fds(&wait_in, 1, -1), 1);
	EXPECT_EQ(wait_in.revents & HUP, HUP);
	close(fds[0]);
	struct poll_entry closed = {fds[0], IN, 0};
	EXPECT_EQ(poll_fds(&closed, 1, 0), 1);
	EXPECT_EQ(closed.revents, NVAL);
	EXPECT_ERRNO(poll_fds((struct poll_entry *)0x10000, 1, 0), EFAULT);
}

UTEST(select_pipes)
{
	int fds[2];
	pipe(fds);
	unsigned long read_set = 1ul << fds[0], write_set = 1ul << fds[1];
	struct {
		long seconds, microseconds;
	} no_wait = {0, 0};
	EXPECT_EQ(syscall(SYS_select, fds[1] + 1, &read_set, &write_set, NULL, &no_wait), 1);
	EXPECT_EQ(read_set, 0);
	EXPECT_EQ(write_set, 1ul << fds[1]);
	write(fds[1], "z", 1);
	read_set = 1ul << fds[0];
	EXPECT_EQ(syscall(SYS_select, fds[0] + 1, &read_set, NULL, NULL, NULL), 1);
	EXPECT_EQ(read_set, 1ul << fds[0]);
	close(fds[0]);
	close(fds[1]);
	read_set = 1ul << fds[0];
	EXPECT_ERRNO(syscall(SYS_select, fds[0] + 1, &read_set, NULL, NULL, &no_wait), EBADF);
}

UTEST(fifo_streams_a_megabyte_in_order)
{
	unlink("/tmp/big-fifo");
	EXPECT_EQ(mknod("/tmp/big-fifo", S_IFIFO | 0600, 0), 0);
	pid_t child = fork();
	if (child == 0) {
		int writer = open("/tmp/big-fifo", O_WRONLY); /* waits for the reader */
		_exit(stream_write_pattern(writer, 11));
	}
	int reader = open("/tmp/big-fifo", O_RDONLY);
	uint32_t bytes, wrong;
	stream_read_pattern(reader, 11, 2048, &bytes, &wrong);
	close(reader);
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(bytes, STREAM_BYTES);
	EXPECT_EQ(wrong, 0);
	unlink("/tmp/big-fifo");
}

UTEST(ppoll_pselect6_and_the_console)
{
	int fds[2];
	pipe(fds);
	write(fds[1], "r", 1);
	struct poll_entry entries[2] = {{fds[0], IN, 0}, {1, OUT, 0}}; /* stdout: the console */
	struct {
		long seconds, nanoseconds;
	} zero = {0, 0};
	EXPECT_EQ(syscall(SYS_ppoll, entries, 2, &zero, NULL, 8), 2);
	EXPECT_EQ(entries[0].revents, IN);
	EXPECT_EQ(entries[1].revents, OUT); /* a terminal can always be written */
	struct poll_entry console_in = {0, IN, 0};
	EXPECT(syscall(SYS_ppoll, &console_in, 1, &zero, NULL, 8) >= 0); /* no typed input */
	unsigned long read_set = 1ul << fds[0];
	EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &read_set, NULL, NULL, &zero, NULL), 1);
	EXPECT_EQ(read_set, 1ul << fds[0]);
	char byte;
	read(fds[0], &byte, 1);
	read_set = 1ul << fds[0];
	EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &read_set, NULL, NULL, &zero, NULL), 0);
	EXPECT_ERRNO(syscall(SYS_ppoll, entries, 2, (void *)0x10000, NULL, 8), EFAULT);
	close(fds[0]);
	close(fds[1]);
}

UTEST(fifo_drops_unread_data_when_the_last_end_closes)
{
	unlink("/tmp/stale-fifo");
	EXPECT_EQ(mknod("/tmp/stale-fifo", S_IFIFO | 0600, 0), 0);
	int both = open("/tmp/stale-fifo", O_RDWR); /* a reader and a writer at once */
	EXPECT_EQ(write(both, "old", 3), 3);
	close(both); /* nobody read "old": it goes with the last close, as on Linux */
	both = open("/tmp/stale-fifo", O_RDWR | O_NONBLOCK);
	char buffer[8];
	EXPECT_ERRNO(read(both, buffer, sizeof(buffer)), EAGAIN);
	close(both);
	unlink("/tmp/stale-fifo");
}

UTEST(poll_many_pipes_misses_no_wakeup)
{
	/* 80 pipes are 160 wait queues, more than one poll table holds (POLL_MAX_WAITS):
	 * the data in the very last pipe must still wake the sleeping poll. */
	enum { PIPES = 80 };
	static int fds[PIPES][2];
	static struct poll_entry entries[PIPES];
	for (int i = 0; i < PIPES; i++) {
		EXPECT_EQ(pipe(fds[i]), 0);
		entries[i] = (struct poll_entry){fds[i][0], IN, 0};
	}
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		char path[64], text[512];
		snprintf(path, sizeof(path), "/proc/%d/status", parent);
		for (;;) { /* wait until the parent sleeps in poll */
			int fd = open(path, O_RDONLY);
			ssize_t length = read(fd, text, sizeof(text) - 1);
			close(fd);
			text[length > 0 ? length : 0] = '\0';
			if (strstr(text, "State:\tS"))
				break;
			sched_yield();
		}
		write(fds[PIPES - 1][1], "!", 1);
		_exit(0);
	}
	EXPECT_EQ(poll_fds(entries, PIPES, -1), 1);
	EXPECT_EQ(entries[PIPES - 1].revents, IN);
	waitpid(child, NULL, 0);
	for (int i = 0; i < PIPES; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
}
