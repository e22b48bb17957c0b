/*
 * Socket and poll wrappers (man 2 socket, man 2 poll and the calls listed in sys/socket.h).
 * Each makes one system call and maps -errno to errno; send and recv are sendto and
 * recvfrom without an address, as on Linux.
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include "internal/syscall.h"

int socket(int family, int type, int protocol)
{
	return (int)syscall_result(SYSCALL3(SYS_socket, family, type, protocol));
}

int socketpair(int family, int type, int protocol, int fds[2])
{
	return (int)syscall_result(SYSCALL4(SYS_socketpair, family, type, protocol, fds));
}

int bind(int fd, const void *address, socklen_t length)
{
	return (int)syscall_result(SYSCALL3(SYS_bind, fd, address, length));
}

int listen(int fd, int backlog)
{
	return (int)syscall_result(SYSCALL2(SYS_listen, fd, backlog));
}

int accept(int fd, void *address, socklen_t *length)
{
	return (int)syscall_result(SYSCALL4(SYS_accept4, fd, address, length, 0));
}

int accept4(int fd, void *address, socklen_t *length, int flags)
{
	return (int)syscall_result(SYSCALL4(SYS_accept4, fd, address, length, flags));
}

int connect(int fd, const void *address, socklen_t length)
{
	return (int)syscall_result(SYSCALL3(SYS_connect, fd, address, length));
}

ssize_t sendto(int fd, const void *buffer, size_t count, int flags, const void *address,
	       socklen_t length)
{
	return syscall_result(SYSCALL6(SYS_sendto, fd, buffer, count, flags, address, length));
}

ssize_t recvfrom(int fd, void *buffer, size_t count, int flags, void *address, socklen_t *length)
{
	return syscall_result(SYSCALL6(SYS_recvfrom, fd, buffer, count, flags, address, length));
}

_Static_assert(sizeof(struct msghdr) == sizeof(struct user_msghdr), "the kernel's layout");

ssize_t sendmsg(int fd, const struct msghdr *message, int flags)
{
	return syscall_result(SYSCALL3(SYS_sendmsg, fd, message, flags));
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
	return syscall_result(SYSCALL3(SYS_recvmsg, fd, message, flags));
}

ssize_t send(int fd, const void *buffer, size_t count, int flags)
{
	return sendto(fd, buffer, count, flags, 0, 0);
}

ssize_t recv(int fd, void *buffer, size_t count, int flags)
{
	return recvfrom(fd, buffer, count, flags, 0, 0);
}

int shutdown(int fd, int how)
{
	return (int)syscall_result(SYSCALL2(SYS_shutdown, fd, how));
}

int getsockname(int fd, void *address, socklen_t *length)
{
	return (int)syscall_result(SYSCALL3(SYS_getsockname, fd, address, length));
}

int getpeername(int fd, void *address, socklen_t *length)
{
	return (int)syscall_result(SYSCALL3(SYS_getpeername, fd, address, length));
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
	return (int)syscall_result(SYSCALL5(SYS_setsockopt, fd, level, name, value, length));
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *length)
{
	return (int)syscall_result(SYSCALL5(SYS_getsockopt, fd, level, name, value, length));
}

int poll(struct pollfd *fds, nfds_t count, int timeout_ms)
{
	return (int)syscall_result(SYSCALL3(SYS_poll, fds, count, timeout_ms));
}
