/*
 * The private side of UNIX domain sockets (unix(7)), shared by unix_socket.c (creating,
 * naming, connecting, accepting, polling, closing) and unix_socket_io.c (sending and
 * receiving, shutdown, names and options). Everything here is guarded by unix_lock.
 */
#ifndef SPINDLE_IPC_UNIX_SOCKET_H
#define SPINDLE_IPC_UNIX_SOCKET_H

#include "list.h"
#include "sched.h"
#include "uapi/socket.h"
#include "vfs.h"

#define SOCKET_BUFFER 65536
#define DATAGRAM_MAX  65536
#define BACKLOG_MAX   128

enum socket_state { UNCONNECTED, LISTENING, CONNECTED };

/* Descriptors in flight (SCM_RIGHTS): open files the sender passed, referenced until a
 * recvmsg installs them in the receiver or they are thrown away. */
struct unix_rights {
	struct list_head node;
	size_t position; /* stream: where the bytes sent with them begin in the receive ring */
	size_t length;	 /* stream: how many bytes that is */
	int count;
	struct file *files[]; /* count of them */
};

struct datagram {
	struct list_head node;
	struct unix_rights *rights; /* sent with it, or NULL */
	size_t length;
	struct sockaddr_un from;
	size_t from_length;
	char data[];
};

struct unix_socket {
	int type;
	enum socket_state state;
	long refcount;		    /* the file and anyone pointing here (peer, backlog) */
	struct unix_socket *peer;   /* connected: the other end (referenced) */
	bool read_shut, write_shut; /* shutdown() or the peer closed */
	bool closed;		    /* our file is gone */
	/* stream: received bytes */
	uint8_t *ring;
	size_t head, tail;
	struct list_head rights; /* unix_rights in flight, in stream order */
	/* dgram: received messages */
	struct list_head datagrams;
	size_t queued_bytes;
	/* listening: connections waiting for accept (each a referenced server-side socket) */
	struct unix_socket *backlog[BACKLOG_MAX];
	int backlog_count, backlog_limit;
	/* addresses */
	struct sockaddr_un address;
	size_t address_length;	     /* 0: unbound */
	struct inode *node;	     /* the file-system node of a bound socket */
	struct wait_queue_head wait; /* any change: data, room, connection, close */
};

extern struct mutex unix_lock;

struct unix_socket *unix_socket_of(struct file *file);
void unix_socket_put(struct unix_socket *socket);
long unix_get_socket(int fd, struct file **file, struct unix_socket **socket);
long unix_get_address(const void *user_address, uint32_t length, struct sockaddr_un *address,
		      char *path);
struct unix_socket *unix_lookup_bound(const char *path, long *error);
long unix_sleep_on(struct unix_socket *socket);
long unix_put_address(const struct unix_socket *socket, void *user_address, uint32_t *user_length);
/* The four ways data moves (unix_socket_io.c). rights: send -- descriptors to attach to the
 * first byte (taken, and *rights set to NULL, once attached); receive -- where to hand the
 * descriptors that came with the bytes read (NULL: throw them away). Caller holds unix_lock. */
long unix_stream_send(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
		      size_t count, int flags, struct unix_rights **rights);
long unix_stream_receive(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			 size_t count, int flags, struct unix_rights **rights);
long unix_datagram_send(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			size_t count, int flags, struct unix_socket *target,
			struct unix_rights **rights);
/* *full_length: the datagram's own length (a longer one than count is cut, MSG_TRUNC). */
long unix_datagram_receive(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			   size_t count, int flags, struct sockaddr_un *from, size_t *from_length,
			   size_t *full_length, struct unix_rights **rights);
/* A datagram socket's destination: the named socket, or the connected peer (referenced). */
struct unix_socket *unix_datagram_target(struct unix_socket *socket, const void *user_address,
					 uint32_t address_length, long *error);
/* Throw descriptors in flight away. Callable with unix_lock held: the files are closed
 * later, by unix_rights_release(), which callers run once unix_lock is dropped. */
void unix_rights_drop(struct unix_rights *rights);
void unix_rights_release(void);
ssize_t unix_socket_read(struct file *file, struct io_buffer *buffer, size_t count,
			 int64_t *offset);
ssize_t unix_socket_write(struct file *file, struct io_buffer *buffer, size_t count,
			  int64_t *offset);

#endif
