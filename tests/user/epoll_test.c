/*
 * eventfd(2) and epoll(7). The same binary passes on Linux:
 * scripts/linux-oracle.sh build/tests/user/utest evpoll
 */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define EFD_SEMAPHORE 1
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLIN	      0x001
#define EPOLLOUT      0x004
#define EPOLLHUP      0x010
#define EPOLLONESHOT  (1u << 30)
#define EPOLLET	      (1u << 31)

struct epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

static int eventfd(unsigned initial, int flags)
{
	return (int)syscall(SYS_eventfd2, initial, flags);
}

static int epoll_create1(int flags)
{
	return (int)syscall(SYS_epoll_create1, flags);
}

static int epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event event = {events, data};
	return (int)syscall(SYS_epoll_ctl, epfd, op, fd, &event);
}

static int epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)
{
	return (int)syscall(SYS_epoll_wait, epfd, events, max, timeout);
}

UTEST(evpoll_eventfd_counts_and_semaphore)
{
	uint64_t value = 0;
	int fd = eventfd(3, O_NONBLOCK);
	EXPECT(fd >= 0);
	EXPECT_EQ(read(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(value, 3);
	EXPECT_ERRNO(read(fd, &value, sizeof(value)), EAGAIN); /* zero: would block */
	value = 5;
	EXPECT_EQ(write(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(write(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(read(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(value, 10); /* writes add up, a read takes it all */
	EXPECT_ERRNO(read(fd, &value, 4), EINVAL);
	value = UINT64_MAX;
	EXPECT_ERRNO(write(fd, &value, sizeof(value)), EINVAL);
	value = UINT64_MAX - 1;
	EXPECT_EQ(write(fd, &value, sizeof(value)), 8);
	value = 1;
	EXPECT_ERRNO(write(fd, &value, sizeof(value)), EAGAIN); /* full */
	close(fd);

	fd = eventfd(2, EFD_SEMAPHORE | O_NONBLOCK);
	EXPECT_EQ(read(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(value, 1);
	EXPECT_EQ(read(fd, &value, sizeof(value)), 8);
	EXPECT_EQ(value, 1);
	EXPECT_ERRNO(read(fd, &value, sizeof(value)), EAGAIN);
	close(fd);
	EXPECT_ERRNO(eventfd(0, 0x4000000), EINVAL);
}

UTEST(evpoll_eventfd_wakes_a_blocked_reader_in_another_process)
{
	int fd = eventfd(0, 0);
	pid_t child = fork();
	if (child == 0) {
		uint64_t value = 0;
		_exit(read(fd, &value, sizeof(value)) == 8 && value == 42 ? 0 : 1);
	}
	uint64_t value = 42;
	EXPECT_EQ(write(fd, &value, sizeof(value)), 8);
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	struct pollfd watch = {.fd = fd, .events = POLLIN | POLLOUT};
	EXPECT_EQ(poll(&watch, 1, 0), 1);
	EXPECT_EQ(watch.revents, POLLOUT); /* empty again: writable only */
	close(fd);
}

UTEST(evpoll_epoll_reports_ready_descriptors_with_their_data)
{
	int pipe_fds[2], pair[2];
	struct epoll_event events[4];
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	int epfd = epoll_create1(0);
	EXPECT(epfd >= 0);
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_ADD, pipe_fds[0], EPOLLIN, 111), 0);
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_ADD, pair[1], EPOLLIN, 222), 0);
	EXPECT_EQ(epoll_wait(epfd, events, 4, 0), 0); /* nothing yet */
	EXPECT_EQ(write(pair[0], "s", 1), 1);
	EXPECT_EQ(epoll_wait(epfd, events, 4, -1), 1);
	EXPECT(events[0].events == EPOLLIN && events[0].data == 222);
	EXPECT_EQ(write(pipe_fds[1], "p", 1), 1);
	EXPECT_EQ(epoll_wait(epfd, events, 4, 0), 2); /* level-triggered: both still ready */
	EXPECT_EQ(epoll_wait(epfd, events, 1, 0), 1); /* no more than asked for */
	/* A process blocked in epoll_wait wakes when data comes. */
	char byte;
	read(pipe_fds[0], &byte, 1);
	read(pair[1], &byte, 1);
	pid_t child = fork();
	if (child == 0) {
		write(pipe_fds[1], "w", 1);
		_exit(0);
	}
	EXPECT_EQ(epoll_wait(epfd, events, 4, -1), 1);
	EXPECT_EQ(events[0].data, 111);
	waitpid(child, NULL, 0);
	/* The writer gone and the pipe drained: EPOLLHUP, reported even though not asked. */
	read(pipe_fds[0], &byte, 1);
	close(pipe_fds[1]);
	EXPECT_EQ(epoll_wait(epfd, events, 4, 0), 1);
	EXPECT(events[0].events & EPOLLHUP);
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_DEL, pipe_fds[0], 0, 0), 0);
	EXPECT_EQ(epoll_wait(epfd, events, 4, 0), 0);
	close(pipe_fds[0]);
	close(pair[0]);
	close(pair[1]);
	close(epfd);
}

UTEST(evpoll_epoll_oneshot_and_edge_triggered)
{
	int a = eventfd(0, O_NONBLOCK), b = eventfd(0, O_NONBLOCK);
	struct epoll_event events[2];
	uint64_t value = 1;
	int epfd = epoll_create1(0);
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_ADD, a, EPOLLIN | EPOLLONESHOT, 1), 0);
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_ADD, b, EPOLLIN | EPOLLET, 2), 0);
	write(a, &value, sizeof(value));
	write(b, &value, sizeof(value));
	EXPECT_EQ(epoll_wait(epfd, events, 2, 0), 2);
	EXPECT_EQ(epoll_wait(epfd, events, 2, 0), 0); /* one-shot spent; no new edge */
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_MOD, a, EPOLLIN, 1), 0); /* re-armed */
	EXPECT_EQ(epoll_wait(epfd, events, 2, 0), 1);
	EXPECT_EQ(events[0].data, 1);
	read(b, &value, sizeof(value)); /* drained: the next write is a new edge */
	value = 1;
	write(b, &value, sizeof(value));
	EXPECT_EQ(epoll_wait(epfd, events, 2, 0), 2);
	close(a);
	close(b);
	close(epfd);
}

UTEST(evpoll_epoll_errors)
{
	int epfd = epoll_create1(0);
	int file = open("/tmp/evpoll-plain", O_CREAT | O_RDWR, 0600);
	unlink("/tmp/evpoll-plain");
	int event = eventfd(0, 0);
	struct epoll_event events[1];
	EXPECT_ERRNO(epoll_create1(1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_epoll_create, 0), EINVAL);
	EXPECT_ERRNO(epoll_ctl(epfd, EPOLL_CTL_ADD, file, EPOLLIN, 0), EPERM); /* a plain file */
	EXPECT_ERRNO(epoll_ctl(epfd, EPOLL_CTL_ADD, 99, EPOLLIN, 0), EBADF);
	EXPECT_ERRNO(epoll_ctl(event, EPOLL_CTL_ADD, epfd, EPOLLIN, 0), EINVAL); /* not a set */
	EXPECT_ERRNO(epoll_ctl(epfd, EPOLL_CTL_ADD, epfd, EPOLLIN, 0), EINVAL);	 /* itself */
	EXPECT_EQ(epoll_ctl(epfd, EPOLL_CTL_ADD, event, EPOLLIN, 0), 0);
	EXPECT_ERRNO(epoll_ctl(epfd, EPOLL_CTL_ADD, event, EPOLLIN, 0), EEXIST);
	EXPECT_ERRNO(epoll_ctl(epfd, EPOLL_CTL_MOD, 0, EPOLLIN, 0), ENOENT);
	EXPECT_ERRNO(epoll_ctl(epfd, 9, event, EPOLLIN, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_MOD, event, (void *)8), EFAULT);
	EXPECT_ERRNO(epoll_wait(epfd, events, 0, 0), EINVAL);
	EXPECT_ERRNO(epoll_wait(event, events, 1, 0), EINVAL);
	close(file);
	close(event);
	close(epfd);
}
