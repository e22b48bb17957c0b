/*
 * demo-coro-sched: an echo server for many clients in ONE thread, written as if each client
 * had a thread of its own (poll(2), <coro.h>). Every connection gets a coroutine that reads
 * a line and writes it back in a plain loop. Its sockets are non-blocking: when read() or
 * accept() would block (EAGAIN), the coroutine calls wait_for(fd), which notes the
 * descriptor and yields to the scheduler. The scheduler resumes every coroutine that is
 * ready; when none is, it calls poll() once on all the descriptors that coroutines wait on
 * and marks the owners of the ready ones runnable. This is how event-driven servers
 * (libuv, Go's netpoller, async runtimes) give each request straight-line code.
 * The clients are forked processes, each sending lines and checking the echoes.
 * Read docs/coroutines.md alongside. Optional argument: the number of clients (default 8).
 */
#include <coro.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define SOCKET_PATH	 "/tmp/coro-sched.sock"
#define LINES_PER_CLIENT 5

struct task {
	struct coro *coroutine;
	int wait_fd; /* -1: runnable */
	short wait_events;
};

static struct task *tasks;
static int task_count, task_capacity, clients = 8;
static struct task *running;
static long resumes, polls, lines_echoed, bytes_echoed;
static int most_waiting;
static const struct sockaddr_un server_address = {AF_UNIX, SOCKET_PATH};

/* Called by a coroutine: sleep until fd has one of events, letting the others run. */
static void wait_for(int fd, short events)
{
	running->wait_fd = fd;
	running->wait_events = events;
	coro_yield(NULL);
}

static int spawn(void *(*function)(void *), void *argument)
{
	if (task_count == task_capacity)
		return -1;
	struct coro *coroutine = coro_create(function, argument, 32 * 1024);
	if (!coroutine)
		return -1;
	tasks[task_count++] = (struct task){coroutine, -1, 0};
	return task_count - 1;
}

static bool write_all(int fd, const char *buffer, size_t length)
{
	while (length > 0) {
		ssize_t done = write(fd, buffer, length);
		if (done < 0 && errno == EAGAIN) {
			wait_for(fd, POLLOUT);
			continue;
		}
		if (done <= 0)
			return false;
		buffer += done;
		length -= (size_t)done;
	}
	return true;
}

/* One client's whole conversation, as straight-line code. */
static void *echo_connection(void *argument)
{
	int fd = (int)(intptr_t)argument;
	char buffer[256];
	for (;;) {
		ssize_t count = read(fd, buffer, sizeof(buffer));
		if (count < 0 && errno == EAGAIN) {
			wait_for(fd, POLLIN);
			continue;
		}
		if (count <= 0)
			break;
		if (!write_all(fd, buffer, (size_t)count))
			break;
		for (ssize_t i = 0; i < count; i++)
			lines_echoed += buffer[i] == '\n';
		bytes_echoed += count;
	}
	close(fd);
	return NULL;
}

static void *acceptor(void *argument)
{
	int listener = (int)(intptr_t)argument;
	for (int accepted = 0; accepted < clients;) {
		int fd = accept(listener, NULL, NULL);
		if (fd < 0 && errno == EAGAIN) {
			wait_for(listener, POLLIN);
			continue;
		}
		if (fd < 0) {
			perror("server: accept");
			break;
		}
		fcntl(fd, F_SETFL, O_NONBLOCK);
		accepted++;
		if (spawn(echo_connection, (void *)(intptr_t)fd) < 0) {
			perror("server: coroutine");
			close(fd);
		}
	}
	return NULL;
}

/* Runs every runnable coroutine once; removes the finished ones. */
static void run_ready(void)
{
	for (int i = 0; i < task_count; i++) {
		if (tasks[i].wait_fd >= 0)
			continue;
		running = &tasks[i];
		resumes++;
		if (coro_resume(tasks[i].coroutine, NULL) != 1) {
			coro_destroy(tasks[i].coroutine);
			tasks[i--] = tasks[--task_count];
		}
	}
}

/* Sleeps in poll() until some waiting coroutine's descriptor is ready. Returns 0 or -1. */
static int wait_for_events(struct pollfd *fds)
{
	int waiting = 0;
	for (int i = 0; i < task_count; i++) {
		fds[i] = (struct pollfd){tasks[i].wait_fd, tasks[i].wait_events, 0};
		waiting += tasks[i].wait_fd >= 0;
	}
	if (waiting == task_count && waiting > most_waiting)
		most_waiting = waiting;
	if (waiting < task_count)
		return 0; /* someone is runnable already */
	polls++;
	if (poll(fds, (nfds_t)task_count, -1) < 0)
		return -1;
	for (int i = 0; i < task_count; i++)
		if (fds[i].revents)
			tasks[i].wait_fd = -1;
	return 0;
}

static int serve(int listener)
{
	struct pollfd *fds = calloc((size_t)task_capacity, sizeof(*fds));
	if (!fds || spawn(acceptor, (void *)(intptr_t)listener) < 0)
		return -1;
	while (task_count > 0) {
		run_ready();
		if (task_count > 0 && wait_for_events(fds) != 0) {
			perror("server: poll");
			return -1;
		}
	}
	free(fds);
	return 0;
}

/* A forked client: sends LINES_PER_CLIENT lines, each only after the previous echo. */
static int run_client(int number)
{
	char line[80], reply[80];
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, &server_address, sizeof(server_address)) != 0)
		return 1;
	for (int i = 1; i <= LINES_PER_CLIENT; i++) {
		int length = snprintf(line, sizeof(line), "client %d, line %d\n", number, i);
		if (write(fd, line, (size_t)length) != length)
			return 1;
		for (int got = 0; got < length;) {
			ssize_t count = read(fd, reply + got, (size_t)(length - got));
			if (count <= 0)
				return 1;
			got += (int)count;
		}
		if (memcmp(reply, line, (size_t)length) != 0)
			return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		clients = atoi(argv[1]);
	if (clients < 1) {
		fprintf(stderr, "usage: demo-coro-sched [clients]\n");
		return 2;
	}
	printf("demo-coro-sched: an echo server for %d clients in 1 thread: a coroutine per "
	       "connection, poll() underneath\n",
	       clients);
	unlink(SOCKET_PATH);
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, &server_address, sizeof(server_address)) != 0 ||
	    listen(listener, clients) != 0 || fcntl(listener, F_SETFL, O_NONBLOCK) != 0) {
		perror("server: socket");
		return 1;
	}
	fflush(stdout);
	for (int i = 1; i <= clients; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			close(listener);
			_exit(run_client(i));
		}
		if (pid < 0)
			perror("fork");
	}
	task_capacity = clients + 1;
	tasks = calloc((size_t)task_capacity, sizeof(*tasks));
	if (!tasks || serve(listener) != 0)
		return 1;
	close(listener);
	unlink(SOCKET_PATH);

	int good = 0, status;
	while (wait(&status) > 0)
		good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	printf("server (pid %d, 1 thread): %d coroutines (1 acceptor + 1 per client) echoed %ld "
	       "lines, %ld bytes\n",
	       getpid(), clients + 1, lines_echoed, bytes_echoed);
	printf("scheduler: %ld resumes, %ld poll() calls, up to %d coroutines asleep at once\n",
	       resumes, polls, most_waiting);
	printf("clients: %d of %d got every echo back\n", good, clients);
	return good == clients ? 0 : 1;
}
