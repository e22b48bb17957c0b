/*
 * demo-socket: an echo server and three clients on a UNIX domain stream socket (unix(7),
 * socket(2), bind(2), listen(2), accept(2), connect(2), poll(2)). The server binds its
 * listening socket to a path, /tmp/demo.sock, which puts a socket node in the file system;
 * a client finds the server by that path and connect()s. Each accept() hands the server a
 * new socket for one connection while the listening socket goes on listening. The server
 * watches the listener and every connection at once with poll(), so no client waits for
 * another to finish. Each client sends a few lines and checks that each comes back
 * unchanged; closing its socket is end of file for the server.
 * Read docs/ipc.md alongside.
 */
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SOCKET_PATH	 "/tmp/demo.sock"
#define CLIENTS		 3
#define LINES_PER_CLIENT 3

static const struct sockaddr_un server_address = {AF_UNIX, SOCKET_PATH};

static void pause_ms(long ms)
{
	struct timespec delay = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&delay, NULL);
}

/* Reads exactly count bytes unless end of file or an error comes first; returns how many. */
static size_t read_fully(int fd, char *buffer, size_t count)
{
	size_t done = 0;
	while (done < count) {
		ssize_t got = read(fd, buffer + done, count - done);
		if (got <= 0)
			break;
		done += (size_t)got;
	}
	return done;
}

/* Sends each line, waits for its echo and compares. Returns 0 if every echo matched. */
static int run_client(int number)
{
	char line[64], reply[64];

	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, &server_address, sizeof(server_address)) != 0) {
		perror("client: connect");
		return 1;
	}
	for (int i = 1; i <= LINES_PER_CLIENT; i++) {
		pause_ms(30); /* slow enough to watch the clients take turns */
		size_t length = (size_t)snprintf(line, sizeof(line), "client %d says hello #%d\n",
						 number, i);
		if (write(fd, line, length) != (ssize_t)length ||
		    read_fully(fd, reply, length) != length || memcmp(reply, line, length) != 0) {
			printf("client %d: line %d did not come back unchanged\n", number, i);
			close(fd);
			return 1;
		}
	}
	printf("client %d (pid %d): %d lines sent, every echo matched\n", number, getpid(),
	       LINES_PER_CLIENT);
	close(fd);
	return 0;
}

struct server_totals {
	int lines;
	long bytes;
};

/* One readable connection: echo what arrived, or close it at end of file.
 * Returns true while the connection stays open. */
static bool echo_once(struct pollfd *entry, int connection, struct server_totals *totals)
{
	char buffer[256];

	ssize_t count = read(entry->fd, buffer, sizeof(buffer));
	if (count <= 0) {
		printf("server: connection %d closed by the client\n", connection);
		close(entry->fd);
		entry->fd = -1; /* poll() skips negative descriptors */
		return false;
	}
	if (write(entry->fd, buffer, (size_t)count) != count)
		perror("server: write");
	for (ssize_t i = 0; i < count; i++)
		totals->lines += buffer[i] == '\n';
	totals->bytes += count;
	int shown = buffer[count - 1] == '\n' ? (int)count - 1 : (int)count;
	printf("server: connection %d: echoed \"%.*s\"\n", connection, shown, buffer);
	return true;
}

/* Accepts CLIENTS connections and echoes on all of them until each has closed.
 * Returns 0, or -1 after closing every connection it had. */
static int serve(int listener, struct server_totals *totals)
{
	struct pollfd fds[1 + CLIENTS];
	int accepted = 0, open_connections = 0, result = 0;

	fds[0] = (struct pollfd){listener, POLLIN, 0};
	for (int i = 1; i <= CLIENTS; i++)
		fds[i] = (struct pollfd){-1, POLLIN, 0};
	while (accepted < CLIENTS || open_connections > 0) {
		if (poll(fds, 1 + CLIENTS, -1) < 0) {
			perror("server: poll");
			result = -1;
			break;
		}
		if (fds[0].revents & POLLIN) {
			int connection = accept(listener, NULL, NULL);
			if (connection < 0) {
				perror("server: accept");
				result = -1;
				break;
			}
			fds[++accepted].fd = connection;
			open_connections++;
			printf("server: accepted connection %d\n", accepted);
			if (accepted == CLIENTS)
				fds[0].fd = -1; /* everyone is here: stop watching the listener */
		}
		for (int i = 1; i <= accepted; i++) {
			if (fds[i].fd >= 0 && fds[i].revents && !echo_once(&fds[i], i, totals))
				open_connections--;
		}
	}
	for (int i = 1; i <= CLIENTS; i++) {
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	}
	return result;
}

int main(void)
{
	struct server_totals totals = {0, 0};
	pid_t clients[CLIENTS];
	int started = 0, clients_ok = 0, status;

	unlink(SOCKET_PATH); /* left over from an interrupted run, perhaps */
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	if (listener < 0) {
		perror("socket");
		return 1;
	}
	if (bind(listener, &server_address, sizeof(server_address)) != 0 ||
	    listen(listener, CLIENTS) != 0) {
		perror("bind/listen");
		close(listener);
		return 1;
	}
	printf("server: listening on %s\n", SOCKET_PATH);

	while (started < CLIENTS) {
		fflush(stdout);
		pid_t child = fork();
		if (child == 0) {
			close(listener);
			exit(run_client(started + 1));
		}
		if (child < 0) {
			perror("fork");
			break;
		}
		clients[started++] = child;
	}
	int served = started == CLIENTS ? serve(listener, &totals) : -1;
	close(listener); /* connections still waiting to be accepted are dropped */
	unlink(SOCKET_PATH);
	for (int i = 0; i < started; i++) {
		if (waitpid(clients[i], &status, 0) == clients[i] && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			clients_ok++;
	}
	printf("server: echoed %d lines, %ld bytes\n", totals.lines, totals.bytes);
	if (served == 0 && clients_ok == CLIENTS) {
		printf("%d clients, all echoes matched\n", CLIENTS);
		return 0;
	}
	printf("%d of %d clients got all their echoes back\n", clients_ok, CLIENTS);
	return 1;
}
