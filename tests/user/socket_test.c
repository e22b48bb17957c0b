/*
 * UNIX domain sockets (unix(7), socket(2), socketpair(2), bind(2), listen(2), accept(2),
 * connect(2), send(2), recv(2), shutdown(2)): stream and datagram pairs, a named server
 * with a backlog, message boundaries, EOF, EPIPE and SIGPIPE, and the error cases.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "stream_check.h"
#include "utest.h"

static struct sockaddr_un address_of(const char *path)
{
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	strcpy(address.sun_path, path);
	return address;
}

static int child_status(pid_t child)
{
	int status;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

UTEST(socketpair_stream_both_ways_and_eof)
{
	int fds[2];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	EXPECT_EQ(write(fds[0], "ping", 4), 4);
	char buffer[16] = {0};
	EXPECT_EQ(read(fds[1], buffer, sizeof(buffer)), 4);
	EXPECT(memcmp(buffer, "ping", 4) == 0);
	EXPECT_EQ(send(fds[1], "pong!", 5, 0), 5);
	EXPECT_EQ(recv(fds[0], buffer, 2, MSG_PEEK), 2); /* peek leaves the bytes queued */
	EXPECT_EQ(recv(fds[0], buffer, sizeof(buffer), 0), 5);
	EXPECT(memcmp(buffer, "pong!", 5) == 0);
	EXPECT_ERRNO(recv(fds[0], buffer, sizeof(buffer), MSG_DONTWAIT), EAGAIN);
	struct stat status;
	EXPECT_EQ(fstat(fds[0], &status), 0);
	EXPECT_EQ(status.st_mode & S_IFMT, S_IFSOCK);
	int type = 0;
	socklen_t length = sizeof(type);
	EXPECT_EQ(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &type, &length), 0);
	EXPECT_EQ(type, SOCK_STREAM);
	close(fds[1]);
	EXPECT_EQ(read(fds[0], buffer, sizeof(buffer)), 0); /* peer gone: EOF */
	close(fds[0]);
}

UTEST(socketpair_datagrams_keep_boundaries)
{
	int fds[2];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds), 0);
	EXPECT_EQ(send(fds[0], "one", 3, 0), 3);
	EXPECT_EQ(send(fds[0], "", 0, 0), 0); /* an empty datagram is still a datagram */
	EXPECT_EQ(send(fds[0], "three", 5, 0), 5);
	char buffer[16];
	EXPECT_EQ(recv(fds[1], buffer, sizeof(buffer), 0), 3);
	EXPECT_EQ(recv(fds[1], buffer, sizeof(buffer), 0), 0);
	EXPECT_EQ(recv(fds[1], buffer, 2, 0), 2); /* truncated: the rest is discarded */
	EXPECT(memcmp(buffer, "th", 2) == 0);
	EXPECT_ERRNO(recv(fds[1], buffer, sizeof(buffer), MSG_DONTWAIT), EAGAIN);
	close(fds[0]);
	close(fds[1]);
}

UTEST(socket_errors)
{
	EXPECT_ERRNO(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT); /* no such family */
	struct utsname system;
	uname(&system);
	if (strcmp(system.sysname, "Spindle") == 0) /* Linux has IPv4, of course */
		EXPECT_ERRNO(socket(AF_INET, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_ERRNO(socket(AF_UNIX, 99, 0), EINVAL);
	EXPECT_ERRNO(socket(AF_UNIX, SOCK_STREAM, 7), EPROTONOSUPPORT);
	int fds[2];
	EXPECT_ERRNO(socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)0x10000), EFAULT);
	EXPECT_ERRNO(listen(0, 1), ENOTSOCK); /* stdin is the console */
	EXPECT_ERRNO(listen(999, 1), EBADF);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT(fd >= 0);
	struct sockaddr_un missing = address_of("/tmp/no-such-socket");
	EXPECT_ERRNO(connect(fd, &missing, sizeof(missing)), ENOENT);
	EXPECT_ERRNO(connect(fd, (void *)0x10000, sizeof(missing)), EFAULT);
	EXPECT_ERRNO(bind(fd, &missing, 1), EINVAL);
	char buffer[4];
	EXPECT_ERRNO(send(fd, buffer, 4, MSG_NOSIGNAL), ENOTCONN);
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	EXPECT_ERRNO(listen(fds[0], 1), EINVAL); /* already connected */
	close(fds[0]);
	close(fds[1]);
	close(fd);
}

UTEST(stream_server_accepts_and_echoes)
{
	const char *path = "/tmp/echo.sock";
	unlink(path);
	struct sockaddr_un address = address_of(path);
	int server = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_EQ(bind(server, &address, sizeof(address)), 0);
	/* Bound already: another name is EINVAL; a taken name is EADDRINUSE first (Linux). */
	struct sockaddr_un elsewhere = address_of("/tmp/echo-other.sock");
	EXPECT_ERRNO(bind(server, &elsewhere, sizeof(elsewhere)), EINVAL);
	EXPECT_ERRNO(bind(server, &address, sizeof(address)), EADDRINUSE);
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_ERRNO(bind(other, &address, sizeof(address)), EADDRINUSE);
	close(other);
	struct stat status;
	EXPECT_EQ(stat(path, &status), 0);
	EXPECT_EQ(status.st_mode & S_IFMT, S_IFSOCK);
	EXPECT_EQ(listen(server, 4), 0);
	enum { CLIENTS = 3 };
	for (int i = 0; i < CLIENTS; i++) {
		if (fork() == 0) {
			int fd = socket(AF_UNIX, SOCK_STREAM, 0);
			if (connect(fd, &address, sizeof(address)) != 0)
				_exit(1);
			char message[8] = "client0";
			message[6] = (char)('0' + i);
			if (write(fd, message, 8) != 8)
				_exit(2);
			char reply[8];
			if (read(fd, reply, 8) != 8 || memcmp(reply, message, 8) != 0)
				_exit(3);
			_exit(0);
		}
	}
	int seen = 0;
	for (int i = 0; i < CLIENTS; i++) {
		struct sockaddr_un peer;
		socklen_t length = sizeof(peer);
		int connection = accept(server, &peer, &length);
		EXPECT(connection >= 0);
		EXPECT_EQ(peer.sun_family, AF_UNIX);
		char message[8];
		EXPECT_EQ(read(connection, message, 8), 8);
		seen |= 1 << (message[6] - '0');
		EXPECT_EQ(write(connection, message, 8), 8);
		struct sockaddr_un name;
		length = sizeof(name);
		EXPECT_EQ(getsockname(connection, &name, &length), 0);
		EXPECT(strcmp(name.sun_path, path) == 0);
		close(connection);
	}
	for (int i = 0; i < CLIENTS; i++) {
		int child_result;
		EXPECT(wait(&child_result) > 0);
		EXPECT_EQ(child_result, 0);
	}
	EXPECT_EQ(seen, 7);
	close(server);
	/* The node stays until unlinked, but nobody listens on it any more. */
	int late = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_ERRNO(connect(late, &address, sizeof(address)), ECONNREFUSED);
	close(late);
	EXPECT_EQ(unlink(path), 0);
}

UTEST(stream_streams_a_megabyte_in_order)
{
	int fds[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
	pid_t child = fork();
	if (child == 0) {
		close(fds[0]);
		_exit(stream_write_pattern(fds[1], 13));
	}
	close(fds[1]);
	uint32_t bytes, wrong;
	stream_read_pattern(fds[0], 13, 2999, &bytes, &wrong);
	close(fds[0]);
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(bytes, STREAM_BYTES);
	EXPECT_EQ(wrong, 0);
}

UTEST(stream_epipe_sigpipe_and_shutdown)
{
	int fds[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
	close(fds[1]);
	EXPECT_ERRNO(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	pid_t child = fork();
	if (child == 0) {
		write(fds[0], "x", 1); /* SIGPIPE kills us */
		_exit(0);
	}
	EXPECT_EQ(child_status(child), 128 + 13);
	close(fds[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
	EXPECT_EQ(write(fds[0], "bye", 3), 3);
	EXPECT_EQ(shutdown(fds[0], SHUT_WR), 0);
	char buffer[8];
	EXPECT_EQ(read(fds[1], buffer, sizeof(buffer)), 3); /* queued data first ... */
	EXPECT_EQ(read(fds[1], buffer, sizeof(buffer)), 0); /* ... then EOF */
	EXPECT_ERRNO(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	EXPECT_EQ(write(fds[1], "ok", 2), 2); /* the other direction still works */
	EXPECT_EQ(read(fds[0], buffer, sizeof(buffer)), 2);
	EXPECT_ERRNO(shutdown(fds[0], 7), EINVAL);
	struct pollfd poll_fd = {.fd = fds[1], .events = POLLIN | POLLRDHUP};
	EXPECT_EQ(poll(&poll_fd, 1, 0), 1);
	EXPECT_EQ(poll_fd.revents, POLLIN | POLLRDHUP); /* EOF is readable; no hang-up yet */
	close(fds[0]);
	EXPECT_EQ(poll(&poll_fd, 1, 0), 1);
	EXPECT_EQ(poll_fd.revents, POLLIN | POLLRDHUP | POLLHUP); /* peer closed */
	close(fds[1]);
}

UTEST(datagram_sendto_named_socket)
{
	const char *path = "/tmp/dgram.sock";
	unlink(path);
	struct sockaddr_un address = address_of(path);
	int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
	EXPECT_EQ(bind(receiver, &address, sizeof(address)), 0);
	int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
	EXPECT_EQ(sendto(sender, "hello", 5, 0, &address, sizeof(address)), 5);
	EXPECT_EQ(sendto(sender, "world!", 6, 0, &address, sizeof(address)), 6);
	char buffer[16];
	EXPECT_EQ(recvfrom(receiver, buffer, sizeof(buffer), 0, NULL, NULL), 5);
	EXPECT(memcmp(buffer, "hello", 5) == 0);
	EXPECT_EQ(recv(receiver, buffer, sizeof(buffer), 0), 6);
	EXPECT_ERRNO(send(sender, "x", 1, 0), ENOTCONN); /* no default destination */
	EXPECT_EQ(connect(sender, &address, sizeof(address)), 0);
	EXPECT_EQ(send(sender, "x", 1, 0), 1);
	EXPECT_EQ(recv(receiver, buffer, sizeof(buffer), 0), 1);
	close(sender);
	close(receiver);
	EXPECT_EQ(unlink(path), 0);
}

UTEST(socket_flags_accept4_and_peer_names)
{
	int fds[2];
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
	EXPECT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	char buffer[8];
	EXPECT_ERRNO(read(fds[0], buffer, sizeof(buffer)), EAGAIN); /* non-blocking, empty */
	close(fds[0]);
	close(fds[1]);

	const char *path = "/tmp/flags.sock";
	unlink(path);
	struct sockaddr_un address = address_of(path);
	int server = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	EXPECT_EQ(bind(server, &address, sizeof(address)), 0);
	EXPECT_EQ(listen(server, 2), 0);
	EXPECT_ERRNO(accept(server, NULL, NULL), EAGAIN); /* nobody is connecting */
	int client = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_EQ(connect(client, &address, sizeof(address)), 0); /* queued in the backlog */
	int connection = accept4(server, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	EXPECT(connection >= 0);
	EXPECT_EQ(fcntl(connection, F_GETFD), FD_CLOEXEC);
	EXPECT(fcntl(connection, F_GETFL) & O_NONBLOCK);
	EXPECT_ERRNO(accept4(server, NULL, NULL, 0x7), EINVAL);
	struct sockaddr_un name;
	socklen_t length = sizeof(name);
	EXPECT_EQ(getpeername(client, &name, &length), 0); /* the client's peer is the server */
	EXPECT(strcmp(name.sun_path, path) == 0);
	length = sizeof(name);
	EXPECT_EQ(getsockname(client, &name, &length), 0); /* the client itself is unnamed */
	EXPECT_EQ(length, sizeof(sa_family_t));
	EXPECT_ERRNO(getpeername(server, &name, &length), ENOTCONN);
	close(connection);
	close(client);
	close(server);
	unlink(path);
}
