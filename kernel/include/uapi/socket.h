/*
 * Sockets of the Linux x86_64 ABI, the parts Spindle implements: the UNIX domain
 * (socket(2), unix(7), send(2), recv(2)). Shared with libc/.
 */
#ifndef SPINDLE_UAPI_SOCKET_H
#define SPINDLE_UAPI_SOCKET_H

#include <stdint.h>

#define AF_UNSPEC 0
#define AF_UNIX	  1
#define AF_LOCAL  AF_UNIX
#define AF_INET	  2
#define AF_INET6  10

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK  04000
#define SOCK_CLOEXEC   02000000

#define MSG_PEEK	 0x0002
#define MSG_CTRUNC	 0x0008
#define MSG_TRUNC	 0x0020
#define MSG_DONTWAIT	 0x0040
#define MSG_WAITALL	 0x0100
#define MSG_NOSIGNAL	 0x4000
#define MSG_MORE	 0x8000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD	  0
#define SHUT_WR	  1
#define SHUT_RDWR 2

#define SOL_SOCKET   1
#define SO_REUSEADDR 2
#define SO_TYPE	     3
#define SO_ERROR     4

#define UNIX_PATH_MAX 108

/* Ancillary data (cmsg(3), unix(7)): SCM_RIGHTS passes open descriptors. */
#define SCM_RIGHTS 1
#define SCM_MAX_FD 253 /* descriptors in one message */

/* sendmsg(2)/recvmsg(2)'s message: 56 bytes on x86_64. */
struct user_msghdr {
	void *msg_name;
	uint32_t msg_namelen;
	uint32_t pad1;
	void *msg_iov; /* struct iovec[msg_iovlen] */
	uint64_t msg_iovlen;
	void *msg_control;
	uint64_t msg_controllen;
	int32_t msg_flags;
	uint32_t pad2;
};

struct cmsghdr {
	uint64_t cmsg_len; /* header and data, unaligned */
	int32_t cmsg_level;
	int32_t cmsg_type;
	/* data follows, 8-byte aligned */
};
#define CMSG_ALIGN(length) (((length) + 7) & ~(uint64_t)7)
#define CMSG_LEN(length)   (sizeof(struct cmsghdr) + (length))
#define CMSG_SPACE(length) (sizeof(struct cmsghdr) + CMSG_ALIGN(length))

struct sockaddr_un {
	uint16_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

#endif
