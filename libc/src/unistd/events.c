/*
 * eventfd(2) and epoll(7) wrappers: one system call each, -errno mapped to errno.
 */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "internal/syscall.h"

int eventfd(unsigned initial, int flags)
{
	return (int)syscall_result(SYSCALL2(SYS_eventfd2, initial, flags));
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}

int epoll_create(int size)
{
	return (int)syscall_result(SYSCALL1(SYS_epoll_create, size));
}

int epoll_create1(int flags)
{
	return (int)syscall_result(SYSCALL1(SYS_epoll_create1, flags));
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return (int)syscall_result(SYSCALL4(SYS_epoll_ctl, epfd, op, fd, event));
}

int epoll_wait(int epfd, struct epoll_event *events, int max_events, int timeout_ms)
{
	return (int)syscall_result(SYSCALL4(SYS_epoll_wait, epfd, events, max_events, timeout_ms));
}

int epoll_pwait(int epfd, struct epoll_event *events, int max_events, int timeout_ms,
		const sigset_t *mask)
{
	return (int)syscall_result(
		SYSCALL6(SYS_epoll_pwait, epfd, events, max_events, timeout_ms, mask, 8));
}
