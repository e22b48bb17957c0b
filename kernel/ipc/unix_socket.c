/*
 * UNIX domain sockets (unix(7)): socket(2), socketpair(2), bind(2), listen(2), accept(2),
 * accept4(2), connect(2), send/recv/sendto/recvfrom, shutdown(2), getsockname(2),
 * getpeername(2), and read/write/poll on socket fds.
 *
 *   SOCK_STREAM  a byte stream each way: every socket has a receive ring; writing puts bytes
 *                in the peer's ring. Nothing is lost or reordered; writers block on a full
 *                ring, readers on an empty one (the same rules as a pipe, both directions).
 *   SOCK_DGRAM   whole messages: every send is one datagram in the receiver's queue, and a
 *                receive takes exactly one (truncated if the buffer is small).
 * A bound socket has a node in the file system (S_IFSOCK) pointing back at it; connect()
 * and sendto() find the receiver through that node. A listening socket keeps connection
 * requests in a backlog until accept() takes them.
 * One mutex (unix_lock) guards every socket's state; each socket sleeps on its own queue.
 */
#include "kmalloc.h"
#include "poll.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "uapi/socket.h"
#include "vfs.h"
#include "unix_socket.h"

struct mutex unix_lock = MUTEX_INIT(unix_lock);
static size_t live_sockets;

size_t socket_count(void)
{
	return READ_ONCE(live_sockets);
}

static const struct file_operations socket_ops;
static const struct inode_operations socket_inode_ops;
static void drop_unaccepted(struct unix_socket *server);

static struct unix_socket *socket_alloc(int type)
{
	struct unix_socket *socket = kzalloc(sizeof(*socket));
	if (!socket)
		return NULL;
	if (type == SOCK_STREAM) {
		socket->ring = kmalloc(SOCKET_BUFFER);
		if (!socket->ring) {
			kfree(socket);
			return NULL;
		}
	}
	socket->type = type;
	socket->refcount = 1;
	list_init(&socket->datagrams);
	list_init(&socket->rights);
	wait_queue_init(&socket->wait, "unix-socket");
	__atomic_add_fetch(&live_sockets, 1, __ATOMIC_RELAXED);
	return socket;
}

/* Caller holds unix_lock. */
void unix_socket_put(struct unix_socket *socket)
{
	if (--socket->refcount > 0)
		return;
	struct datagram *datagram, *next;
	list_for_each_entry_safe (datagram, next, &socket->datagrams, node) {
		if (datagram->rights)
			unix_rights_drop(datagram->rights);
		kfree(datagram);
	}
	struct unix_rights *rights, *next_rights;
	list_for_each_entry_safe (rights, next_rights, &socket->rights, node) {
		list_del(&rights->node);
		unix_rights_drop(rights);
	}
	kfree(socket->ring);
	kfree(socket);
	__atomic_sub_fetch(&live_sockets, 1, __ATOMIC_RELAXED);
}

struct unix_socket *unix_socket_of(struct file *file)
{
	return file->ops == &socket_ops ? file->private : NULL;
}

/* Wrap a socket in an anonymous S_IFSOCK inode and a file. */
static struct file *socket_file(struct unix_socket *socket, unsigned flags, int *error)
{
	struct inode *inode = inode_alloc(S_IFSOCK | 0777);
	if (!inode) {
		*error = -ENOMEM;
		return NULL;
	}
	inode->ops = &socket_inode_ops;
	inode->file_ops = &socket_ops;
	struct file *file =
		file_open_inode(inode, O_RDWR | (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0), error);
	inode_put(inode);
	if (file)
		file->private = socket;
	return file;
}

static long install(struct unix_socket *socket, int flags)
{
	int error;
	struct file *file = socket_file(socket, (unsigned)flags, &error);
	if (!file)
		return error;
	long fd = fd_install(file, 0, flags & SOCK_CLOEXEC);
	if (fd < 0)
		file_put(file);
	return fd;
}

static long check_type(int family, int type, int protocol, int *kind)
{
	if (family != AF_UNIX)
		return -EAFNOSUPPORT;
	if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	*kind = type & SOCK_TYPE_MASK;
	if (*kind != SOCK_STREAM && *kind != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != 0)
		return -EPROTONOSUPPORT;
	return 0;
}

long sys_socket(int family, int type, int protocol)
{
	int kind;
	long error = check_type(family, type, protocol, &kind);
	if (error)
		return error;
	struct unix_socket *socket = socket_alloc(kind);
	if (!socket)
		return -ENOMEM;
	long fd = install(socket, type);
	if (fd < 0) {
		mutex_lock(&unix_lock);
		unix_socket_put(socket);
		mutex_unlock(&unix_lock);
	}
	return fd;
}

long sys_socketpair(int family, int type, int protocol, int *user_fds)
{
	int kind;
	long error = check_type(family, type, protocol, &kind);
	if (error)
		return error;
	struct unix_socket *first = socket_alloc(kind), *second = socket_alloc(kind);
	if (!first || !second) {
		mutex_lock(&unix_lock);
		if (first)
			unix_socket_put(first);
		if (second)
			unix_socket_put(second);
		mutex_unlock(&unix_lock);
		return -ENOMEM;
	}
	first->peer = second;
	second->peer = first;
	first->refcount++;
	second->refcount++;
	first->state = second->state = CONNECTED;
	int fds[2];
	fds[0] = (int)install(first, type);
	fds[1] = fds[0] < 0 ? fds[0] : (int)install(second, type);
	if (fds[0] < 0 || fds[1] < 0) {
		if (fds[0] >= 0)
			fd_close(fds[0]); /* releases first (and its link to second) */
		else {
			mutex_lock(&unix_lock);
			unix_socket_put(first);
			mutex_unlock(&unix_lock);
		}
		mutex_lock(&unix_lock);
		unix_socket_put(second);
		mutex_unlock(&unix_lock);
		return fds[0] < 0 ? fds[0] : fds[1];
	}
	if (copy_to_user(user_fds, fds, sizeof(fds)) != 0) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* Fetch a socket fd: the file (referenced) and its socket, or an error. */
long unix_get_socket(int fd, struct file **file, struct unix_socket **socket)
{
	*file = fd_get(fd);
	if (!*file)
		return -EBADF;
	*socket = unix_socket_of(*file);
	if (!*socket) {
		file_put(*file);
		return -ENOTSOCK;
	}
	return 0;
}

long unix_get_address(const void *user_address, uint32_t length, struct sockaddr_un *address,
		      char *path)
{
	if (length < sizeof(uint16_t) || length > sizeof(*address))
		return -EINVAL;
	memset(address, 0, sizeof(*address));
	if (copy_from_user(address, user_address, length) != 0)
		return -EFAULT;
	if (address->sun_family != AF_UNIX)
		return -EINVAL;
	size_t path_length = length - sizeof(uint16_t);
	if (path_length == 0 || address->sun_path[0] == '\0')
		return -EINVAL; /* autobind and the abstract namespace are not supported */
	memcpy(path, address->sun_path, path_length);
	path[path_length] = '\0';
	return 0;
}

/* The socket bound at path, referenced; caller holds unix_lock. */
struct unix_socket *unix_lookup_bound(const char *path, long *error)
{
	struct inode *inode;
	*error = path_walk(AT_FDCWD, path, LOOKUP_FOLLOW, &inode, NULL);
	if (*error)
		return NULL;
	struct unix_socket *socket = NULL;
	if (!S_ISSOCK(inode->mode))
		*error = -ECONNREFUSED;
	else if (!(socket = inode->private))
		*error = -ECONNREFUSED; /* nobody is bound there any more */
	else
		socket->refcount++;
	inode_put(inode);
	return socket;
}

long sys_bind(int fd, const void *user_address, uint32_t length)
{
	struct file *file;
	struct unix_socket *socket;
	struct sockaddr_un address;
	char path[UNIX_PATH_MAX + 1];
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	error = unix_get_address(user_address, length, &address, path);
	if (error)
		goto out;
	mutex_lock(&unix_lock);
	if (socket->address_length) {
		/* Already bound: -EINVAL, but like Linux (which makes the node first) a path
		 * that is taken reports -EADDRINUSE. */
		struct inode *existing;
		error = path_walk(AT_FDCWD, path, 0, &existing, NULL) == 0 ? -EADDRINUSE : -EINVAL;
		if (error == -EADDRINUSE)
			inode_put(existing);
		goto out_unlock;
	}
	struct inode *directory, *node = NULL;
	char last[NAME_MAX + 1];
	error = path_walk(AT_FDCWD, path, LOOKUP_PARENT, &directory, last);
	if (error)
		goto out_unlock;
	error = last[0] ? directory->ops->create(directory, last,
						 S_IFSOCK | (0777 & ~current->fs->umask), 0, &node)
			: -EINVAL;
	inode_put(directory);
	if (error == -EEXIST)
		error = -EADDRINUSE;
	if (error)
		goto out_unlock;
	node->private = socket; /* cleared when the socket closes */
	socket->node = node;
	socket->address = address;
	socket->address_length = length;
out_unlock:
	mutex_unlock(&unix_lock);
out:
	file_put(file);
	return error;
}

long sys_listen(int fd, int backlog)
{
	struct file *file;
	struct unix_socket *socket;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	mutex_lock(&unix_lock);
	if (socket->type != SOCK_STREAM)
		error = -EOPNOTSUPP;
	else if (socket->state == CONNECTED || !socket->address_length)
		error = -EINVAL;
	else {
		socket->state = LISTENING;
		socket->backlog_limit = backlog <= 0 ? 1 : MIN(backlog, BACKLOG_MAX);
	}
	mutex_unlock(&unix_lock);
	file_put(file);
	return error;
}

/* Sleep on the socket's queue with unix_lock dropped; -ERESTARTSYS when a signal arrives:
 * accept, connect, send and receive restart under SA_RESTART (signal(7); Spindle has no
 * SO_RCVTIMEO/SO_SNDTIMEO, the timeouts that would make them fail with EINTR instead). */
long unix_sleep_on(struct unix_socket *socket)
{
	struct wait_queue_entry entry;
	wait_entry_init(&entry, false);
	prepare_to_wait(&socket->wait, &entry, TASK_INTERRUPTIBLE);
	mutex_unlock(&unix_lock);
	if (!signal_pending(current))
		schedule();
	finish_wait(&socket->wait, &entry);
	mutex_lock(&unix_lock);
	return signal_pending(current) ? -ERESTARTSYS : 0;
}

long sys_connect(int fd, const void *user_address, uint32_t length)
{
	struct file *file;
	struct unix_socket *socket;
	struct sockaddr_un address;
	char path[UNIX_PATH_MAX + 1];
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	error = unix_get_address(user_address, length, &address, path);
	if (error)
		goto out;
	mutex_lock(&unix_lock);
	struct unix_socket *listener = unix_lookup_bound(path, &error);
	if (!listener)
		goto out_unlock;
	if (socket->type == SOCK_DGRAM) {
		/* A datagram socket just remembers its default destination. */
		if (listener->type != SOCK_DGRAM) {
			error = -EPROTOTYPE;
			unix_socket_put(listener);
			goto out_unlock;
		}
		if (socket->peer)
			unix_socket_put(socket->peer);
		socket->peer = listener;
		socket->state = CONNECTED;
		goto out_unlock;
	}
	if (socket->state != UNCONNECTED) {
		error = socket->state == CONNECTED ? -EISCONN : -EINVAL;
	} else if (listener->type != SOCK_STREAM) {
		error = -EPROTOTYPE;
	} else {
		while (listener->state == LISTENING && !listener->closed &&
		       listener->backlog_count >= listener->backlog_limit && error == 0) {
			if (file->flags & O_NONBLOCK)
				error = -EAGAIN;
			else
				error = unix_sleep_on(listener);
		}
		if (!error && (listener->state != LISTENING || listener->closed))
			error = -ECONNREFUSED;
	}
	if (!error) {
		/* The server's end of the new connection waits in the backlog for accept(). */
		struct unix_socket *server = socket_alloc(SOCK_STREAM);
		if (!server) {
			error = -ENOMEM;
		} else {
			server->state = socket->state = CONNECTED;
			server->peer = socket;
			socket->peer = server;
			socket->refcount++;
			server->refcount++;
			server->address = listener->address;
			server->address_length = listener->address_length;
			listener->backlog[listener->backlog_count++] = server;
			wake_up_all(&listener->wait);
		}
	}
	unix_socket_put(listener);
out_unlock:
	mutex_unlock(&unix_lock);
out:
	file_put(file);
	return error;
}

long unix_put_address(const struct unix_socket *socket, void *user_address, uint32_t *user_length)
{
	uint32_t length;
	struct sockaddr_un unnamed = {.sun_family = AF_UNIX};
	const struct sockaddr_un *address =
		socket && socket->address_length ? &socket->address : &unnamed;
	uint32_t actual = socket && socket->address_length ? (uint32_t)socket->address_length
							   : sizeof(uint16_t);
	if (!user_address)
		return 0;
	if (copy_from_user(&length, user_length, sizeof(length)) != 0)
		return -EFAULT;
	if ((int32_t)length < 0)
		return -EINVAL;
	if (copy_to_user(user_address, address, MIN(length, actual)) != 0 ||
	    copy_to_user(user_length, &actual, sizeof(actual)) != 0)
		return -EFAULT;
	return 0;
}

long sys_accept4(int fd, void *user_address, uint32_t *user_length, int flags)
{
	struct file *file;
	struct unix_socket *socket;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	mutex_lock(&unix_lock);
	while (socket->state == LISTENING && socket->backlog_count == 0 && error == 0) {
		if (file->flags & O_NONBLOCK)
			error = -EAGAIN;
		else
			error = unix_sleep_on(socket);
	}
	if (!error && socket->state != LISTENING)
		error = -EINVAL;
	struct unix_socket *server = NULL;
	if (!error) {
		server = socket->backlog[0];
		socket->backlog_count--;
		memmove(socket->backlog, socket->backlog + 1,
			(size_t)socket->backlog_count * sizeof(socket->backlog[0]));
		wake_up_all(&socket->wait); /* room in the backlog for a waiting connect */
	}
	mutex_unlock(&unix_lock);
	file_put(file);
	if (error)
		return error;
	long new_fd = install(server, flags);
	if (new_fd < 0) {
		mutex_lock(&unix_lock);
		drop_unaccepted(server);
		mutex_unlock(&unix_lock);
		return new_fd;
	}
	mutex_lock(&unix_lock);
	error = unix_put_address(server->peer, user_address, user_length);
	mutex_unlock(&unix_lock);
	return error ? error : new_fd;
}

long sys_accept(int fd, void *address, uint32_t *length)
{
	return sys_accept4(fd, address, length, 0);
}

/* What poll() sees: readable, writable, end of input, hang-up (unix(7), poll(2)). */
static unsigned socket_poll(struct file *file, struct poll_table *table)
{
	struct unix_socket *socket = unix_socket_of(file);
	unsigned events = 0;
	poll_wait(file, &socket->wait, table);
	mutex_lock(&unix_lock);
	if (socket->type == SOCK_STREAM) {
		struct unix_socket *peer = socket->peer;
		bool peer_gone = socket->state == CONNECTED && (!peer || peer->closed);
		if (socket->head != socket->tail ||
		    (socket->state == LISTENING && socket->backlog_count))
			events |= POLLIN | POLLRDNORM;
		/* Like Linux: end of input (our SHUT_RD or the peer's SHUT_WR) is readable and
		 * POLLRDHUP; POLLHUP once neither direction can carry data any more. */
		if (peer_gone || socket->read_shut || (peer && peer->write_shut))
			events |= POLLIN | POLLRDNORM | POLLRDHUP;
		if (peer_gone ||
		    (socket->write_shut && (socket->read_shut || (peer && peer->write_shut))))
			events |= POLLHUP;
		if (socket->state == CONNECTED && peer && !peer->closed &&
		    SOCKET_BUFFER - (peer->head - peer->tail) > 0)
			events |= POLLOUT | POLLWRNORM;
	} else {
		if (!list_is_empty(&socket->datagrams))
			events |= POLLIN | POLLRDNORM;
		events |= POLLOUT | POLLWRNORM;
	}
	mutex_unlock(&unix_lock);
	return events;
}

/* A server end that no file will ever hold (backlog dropped, accept failed): cut it off
 * from its client and free it. Caller holds unix_lock. */
static void drop_unaccepted(struct unix_socket *server)
{
	server->closed = true;
	struct unix_socket *client = server->peer;
	if (client) {
		wake_up_all(&client->wait); /* the client sees the server vanish */
		if (client->peer == server) {
			client->peer = NULL;
			unix_socket_put(server);
		}
		server->peer = NULL;
		unix_socket_put(client);
	}
	unix_socket_put(server);
}

static void socket_release(struct file *file)
{
	struct unix_socket *socket = unix_socket_of(file);
	mutex_lock(&unix_lock);
	socket->closed = true;
	if (socket->node) {
		socket->node->private = NULL; /* connect() to the path now gets ECONNREFUSED */
		inode_put(socket->node);
		socket->node = NULL;
	}
	if (socket->peer) {
		struct unix_socket *peer = socket->peer;
		wake_up_all(&peer->wait); /* readers see end of file, writers EPIPE */
		if (peer->peer == socket) {
			peer->peer = NULL;
			unix_socket_put(socket);
		}
		socket->peer = NULL;
		unix_socket_put(peer);
	}
	/* Connections nobody accepted: their clients see the server vanish. */
	for (int i = 0; i < socket->backlog_count; i++)
		drop_unaccepted(socket->backlog[i]);
	socket->backlog_count = 0;
	wake_up_all(&socket->wait);
	unix_socket_put(socket);
	mutex_unlock(&unix_lock);
	unix_rights_release(); /* descriptors still in flight to it are closed now */
}

static const struct file_operations socket_ops = {
	.read = unix_socket_read,
	.write = unix_socket_write,
	.poll = socket_poll,
	.release = socket_release,
};

static const struct inode_operations socket_inode_ops = {0};
