/*
 * UNIX domain socket addresses (man 7 unix): struct sockaddr_un, from uapi/socket.h.
 */
#ifndef SPINDLE_LIBC_SYS_UN_H
#define SPINDLE_LIBC_SYS_UN_H

#include <sys/socket.h>

#endif
