/*
 * sendmsg(2), recvmsg(2) and descriptor passing with SCM_RIGHTS (unix(7), cmsg(3)).
 * The same binary passes on Linux: scripts/linux-oracle.sh build/tests/user/utest sockmsg
 */
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* Room for up to four descriptors. */
union control {
	struct cmsghdr header;
	char bytes[CMSG_SPACE(4 * sizeof(int))];
};

static ssize_t send_with_fds(int socket, const char *text, const int *fds, int count)
{
	union control control;
	struct iovec piece = {.iov_base = (void *)text, .iov_len = strlen(text)};
	struct msghdr message = {.msg_iov = &piece, .msg_iovlen = 1};
	if (count) {
		memset(&control, 0, sizeof(control));
		message.msg_control = control.bytes;
		message.msg_controllen = CMSG_SPACE((size_t)count * sizeof(int));
		struct cmsghdr *header = CMSG_FIRSTHDR(&message);
		header->cmsg_level = SOL_SOCKET;
		header->cmsg_type = SCM_RIGHTS;
		header->cmsg_len = CMSG_LEN((size_t)count * sizeof(int));
		memcpy(CMSG_DATA(header), fds, (size_t)count * sizeof(int));
	}
	return sendmsg(socket, &message, 0);
}

/* Receive up to `size` bytes and the descriptors that came with them (*count of them). */
static ssize_t receive_with_fds(int socket, char *text, size_t size, int *fds, int *count,
				size_t control_room, int *flags)
{
	union control control;
	struct iovec piece = {.iov_base = text, .iov_len = size};
	struct msghdr message = {.msg_iov = &piece,
				 .msg_iovlen = 1,
				 .msg_control = control.bytes,
				 .msg_controllen = control_room};
	ssize_t got = recvmsg(socket, &message, 0);
	*count = 0;
	*flags = message.msg_flags;
	for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header;
	     header = CMSG_NXTHDR(&message, header)) {
		if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS) {
			int n = (int)((header->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds + *count, CMSG_DATA(header), (size_t)n * sizeof(int));
			*count += n;
		}
	}
	if (got >= 0 && (size_t)got < size)
		text[got] = '\0';
	return got;
}

UTEST(sockmsg_gathers_and_scatters_iovecs)
{
	int pair[2];
	char first[4] = {0}, second[16] = {0};
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	struct iovec out[3] = {{"one ", 4}, {"two ", 4}, {"three", 5}};
	struct msghdr message = {.msg_iov = out, .msg_iovlen = 3};
	EXPECT_EQ(sendmsg(pair[0], &message, 0), 13);
	struct iovec in[2] = {{first, 3}, {second, sizeof(second) - 1}};
	struct msghdr reply = {.msg_iov = in, .msg_iovlen = 2};
	EXPECT_EQ(recvmsg(pair[1], &reply, 0), 13);
	EXPECT(memcmp(first, "one", 3) == 0);
	EXPECT(strcmp(second, " two three") == 0);
	EXPECT_EQ(reply.msg_flags, 0);
	EXPECT_EQ(reply.msg_controllen, 0);
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_scm_rights_passes_an_open_pipe_to_another_process)
{
	int pair[2], pipe_fds[2];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	EXPECT_EQ(pipe(pipe_fds), 0);
	pid_t child = fork();
	if (child == 0) {
		/* The child has no pipe of its own until the descriptor arrives. */
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		char text[8];
		int fds[4], count, flags;
		if (receive_with_fds(pair[1], text, sizeof(text), fds, &count,
				     sizeof(union control), &flags) != 4 ||
		    count != 1 || strcmp(text, "pipe") != 0)
			_exit(1);
		_exit(write(fds[0], "through the passed fd", 21) == 21 ? 0 : 2);
	}
	EXPECT_EQ(send_with_fds(pair[0], "pipe", &pipe_fds[1], 1), 4);
	close(pipe_fds[1]); /* the child's copy keeps the pipe open */
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char text[32] = {0};
	EXPECT_EQ(read(pipe_fds[0], text, sizeof(text)), 21);
	EXPECT(strcmp(text, "through the passed fd") == 0);
	EXPECT_EQ(read(pipe_fds[0], text, sizeof(text)), 0); /* every writer is gone */
	close(pipe_fds[0]);
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_passed_descriptor_shares_the_file_offset)
{
	int pair[2], fds[4], count, flags;
	char text[8];
	int file = open("/tmp/sockmsg-offset", O_CREAT | O_RDWR | O_TRUNC, 0600);
	EXPECT(file >= 0);
	EXPECT_EQ(write(file, "0123456789", 10), 10);
	EXPECT_EQ(lseek(file, 4, SEEK_SET), 4);
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), 0);
	EXPECT_EQ(send_with_fds(pair[0], "f", &file, 1), 1);
	EXPECT_EQ(receive_with_fds(pair[1], text, sizeof(text), fds, &count, sizeof(union control),
				   &flags),
		  1);
	EXPECT_EQ(count, 1);
	EXPECT(fds[0] != file);
	EXPECT_EQ(lseek(fds[0], 0, SEEK_CUR), 4); /* one open file description, two numbers */
	EXPECT_EQ(read(fds[0], text, 2), 2);
	EXPECT_EQ(lseek(file, 0, SEEK_CUR), 6);
	close(fds[0]);
	close(file);
	unlink("/tmp/sockmsg-offset");
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_descriptors_arrive_with_their_own_bytes)
{
	int pair[2], pipe_fds[2], fds[4], count, flags;
	char text[16];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(send_with_fds(pair[0], "AB", NULL, 0), 2);
	EXPECT_EQ(send_with_fds(pair[0], "CD", &pipe_fds[0], 1), 2);
	EXPECT_EQ(send_with_fds(pair[0], "EF", NULL, 0), 2);
	/* As on Linux: a read glues bytes together until it has taken descriptors, and ends
	 * with the bytes they came with. */
	EXPECT_EQ(receive_with_fds(pair[1], text, sizeof(text), fds, &count, sizeof(union control),
				   &flags),
		  4);
	EXPECT(strcmp(text, "ABCD") == 0 && count == 1);
	int received = count == 1 ? fds[0] : -1;
	EXPECT_EQ(receive_with_fds(pair[1], text, sizeof(text), fds, &count, sizeof(union control),
				   &flags),
		  2);
	EXPECT(strcmp(text, "EF") == 0 && count == 0);
	close(received);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_descriptors_read_without_asking_are_closed)
{
	int pair[2], pipe_fds[2];
	char text[8];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(send_with_fds(pair[0], "w", &pipe_fds[1], 1), 1);
	close(pipe_fds[1]);				     /* now only the one in flight */
	EXPECT_EQ(read(pair[1], text, sizeof(text)), 1);     /* read(): no place for it */
	EXPECT_EQ(read(pipe_fds[0], text, sizeof(text)), 0); /* so the last writer is gone */
	close(pipe_fds[0]);
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_control_buffer_too_small_truncates)
{
	int pair[2], pipe_fds[2], fds[4], count, flags;
	char text[8];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), 0);
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(send_with_fds(pair[0], "two", pipe_fds, 2), 3);
	close(pipe_fds[1]);
	/* Room for one descriptor: the first is installed, the other closed, MSG_CTRUNC. */
	EXPECT_EQ(receive_with_fds(pair[1], text, sizeof(text), fds, &count, CMSG_LEN(sizeof(int)),
				   &flags),
		  3);
	EXPECT_EQ(count, 1);
	EXPECT(flags & MSG_CTRUNC);
	EXPECT_EQ(read(pipe_fds[0], text, 1), 0); /* the write end did not arrive: closed */
	close(fds[0]);
	close(pipe_fds[0]);
	/* A datagram longer than the buffer: the rest is lost, MSG_TRUNC. */
	EXPECT_EQ(send(pair[0], "0123456789", 10, 0), 10);
	EXPECT_EQ(receive_with_fds(pair[1], text, 4, fds, &count, sizeof(union control), &flags),
		  4);
	EXPECT(flags & MSG_TRUNC);
	close(pair[0]);
	close(pair[1]);
}

UTEST(sockmsg_errors)
{
	int pair[2];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	int closed = 99;
	EXPECT_ERRNO(send_with_fds(pair[0], "x", &closed, 1), EBADF);
	union control control;
	memset(&control, 0, sizeof(control));
	struct iovec piece = {"x", 1};
	struct msghdr message = {.msg_iov = &piece,
				 .msg_iovlen = 1,
				 .msg_control = control.bytes,
				 .msg_controllen = sizeof(control)};
	control.header.cmsg_len = sizeof(control) + 8; /* longer than the buffer */
	control.header.cmsg_level = SOL_SOCKET;
	control.header.cmsg_type = SCM_RIGHTS;
	EXPECT_ERRNO(sendmsg(pair[0], &message, 0), EINVAL);
	message.msg_control = NULL;
	message.msg_controllen = 0;
	message.msg_iovlen = 2000;
	EXPECT_ERRNO(sendmsg(pair[0], &message, 0), EMSGSIZE);
	EXPECT_ERRNO(sendmsg(pair[0], (struct msghdr *)8, 0), EFAULT);
	EXPECT_ERRNO(recvmsg(pair[1], (struct msghdr *)8, 0), EFAULT);
	int file = open("/dev/null", O_RDONLY);
	message.msg_iovlen = 1;
	EXPECT_ERRNO(sendmsg(file, &message, 0), ENOTSOCK);
	close(file);
	close(pair[0]);
	close(pair[1]);
}
