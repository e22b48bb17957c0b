/*
 * Sockets (man 2 socket, socketpair, bind, listen, accept, connect, send, recv, shutdown,
 * getsockname, getsockopt). Spindle implements the UNIX domain (man 7 unix); the constants
 * and struct sockaddr_un are from uapi/socket.h.
 */
#ifndef SPINDLE_LIBC_SYS_SOCKET_H
#define SPINDLE_LIBC_SYS_SOCKET_H

#include <sys/types.h>
#include "uapi/socket.h"

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

int socket(int family, int type, int protocol);
int socketpair(int family, int type, int protocol, int fds[2]);
int bind(int fd, const void *address, socklen_t length);
int listen(int fd, int backlog);
int accept(int fd, void *address, socklen_t *length);
int accept4(int fd, void *address, socklen_t *length, int flags);
int connect(int fd, const void *address, socklen_t length);
ssize_t send(int fd, const void *buffer, size_t count, int flags);
ssize_t recv(int fd, void *buffer, size_t count, int flags);
ssize_t sendto(int fd, const void *buffer, size_t count, int flags, const void *address,
	       socklen_t length);
ssize_t recvfrom(int fd, void *buffer, size_t count, int flags, void *address, socklen_t *length);
int shutdown(int fd, int how);
int getsockname(int fd, void *address, socklen_t *length);
int getpeername(int fd, void *address, socklen_t *length);
int setsockopt(int fd, int level, int name, const void *value, socklen_t length);
int getsockopt(int fd, int level, int name, void *value, socklen_t *length);

#endif
