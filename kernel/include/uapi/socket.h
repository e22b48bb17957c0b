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

#define MSG_PEEK     0x0002
#define MSG_DONTWAIT 0x0040
#define MSG_NOSIGNAL 0x4000

#define SHUT_RD	  0
#define SHUT_WR	  1
#define SHUT_RDWR 2

#define SOL_SOCKET   1
#define SO_REUSEADDR 2
#define SO_TYPE	     3
#define SO_ERROR     4

#define UNIX_PATH_MAX 108

struct sockaddr_un {
	uint16_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

#endif
