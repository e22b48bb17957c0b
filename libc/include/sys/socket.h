/*
 * Sockets (man 2 socket, socketpair, bind, listen, accept, connect, send, recv, shutdown,
 * getsockname, getsockopt). Spindle implements the UNIX domain (man 7 unix); the constants
 * and struct sockaddr_un are from uapi/socket.h.
 */
#ifndef SPINDLE_LIBC_SYS_SOCKET_H
#define SPINDLE_LIBC_SYS_SOCKET_H

#include <sys/types.h>
#include <sys/uio.h>
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

/* sendmsg/recvmsg (man 2 sendmsg, man 3 cmsg): scattered data, a name, ancillary data such
 * as SCM_RIGHTS descriptors. The layout is the kernel's struct user_msghdr. */
struct msghdr {
	void *msg_name;
	socklen_t msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	int msg_flags;
};
ssize_t sendmsg(int fd, const struct msghdr *message, int flags);
ssize_t recvmsg(int fd, struct msghdr *message, int flags);

#define CMSG_DATA(header) ((unsigned char *)((struct cmsghdr *)(header) + 1))
#define CMSG_FIRSTHDR(message)                                                                     \
	((message)->msg_controllen >= sizeof(struct cmsghdr)                                       \
		 ? (struct cmsghdr *)(message)->msg_control                                        \
		 : (struct cmsghdr *)0)

/* The header after `header`, or NULL past the end of the control buffer. */
static inline struct cmsghdr *CMSG_NXTHDR(const struct msghdr *message, struct cmsghdr *header)
{
	char *end = (char *)message->msg_control + message->msg_controllen;
	char *next = (char *)header + CMSG_ALIGN(header->cmsg_len);
	if (header->cmsg_len < sizeof(struct cmsghdr) || next + sizeof(struct cmsghdr) > end)
		return (struct cmsghdr *)0;
	return (struct cmsghdr *)next;
}
int getsockname(int fd, void *address, socklen_t *length);
int getpeername(int fd, void *address, socklen_t *length);
int setsockopt(int fd, int level, int name, const void *value, socklen_t length);
int getsockopt(int fd, int level, int name, void *value, socklen_t *length);

#endif
