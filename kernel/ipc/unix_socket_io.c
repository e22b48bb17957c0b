/*
 * Data on UNIX domain sockets (unix(7), send(2), recv(2), shutdown(2), getsockname(2),
 * getpeername(2), getsockopt(2)): stream bytes through the peer's receive ring, datagrams
 * as whole messages, EOF and EPIPE after shutdown or close (SIGPIPE unless MSG_NOSIGNAL).
 * Sockets are created, connected and closed in unix_socket.c; unix_lock guards both.
 */
#include "kmalloc.h"
#include "poll.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "uapi/socket.h"
#include "vfs.h"
#include "unix_socket.h"

long unix_stream_send(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
		      size_t count, int flags, struct unix_rights **rights)
{
	size_t done = 0;
	long error = 0;
	while (done < count) {
		struct unix_socket *peer = socket->peer;
		if (socket->state != CONNECTED) {
			error = -ENOTCONN;
			break;
		}
		if (!peer || socket->write_shut || peer->closed || peer->read_shut) {
			error = -EPIPE; /* the other end is gone (unix(7)) */
			break;
		}
		size_t room = SOCKET_BUFFER - (peer->head - peer->tail);
		if (room == 0) {
			if ((file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT)) {
				error = -EAGAIN;
				break;
			}
			error = unix_sleep_on(peer);
			if (error)
				break;
			continue;
		}
		size_t length = MIN(room, count - done);
		if (rights && *rights) { /* the descriptors travel with this first byte */
			(*rights)->position = peer->head;
			(*rights)->length = length;
			list_add_tail(&(*rights)->node, &peer->rights);
			*rights = NULL;
		}
		for (size_t copied = 0; copied < length;) {
			size_t at = (peer->head + copied) % SOCKET_BUFFER;
			size_t chunk = MIN(length - copied, SOCKET_BUFFER - at);
			if (io_copy_from_buffer(peer->ring + at, buffer, done + copied, chunk) !=
			    0) {
				error = -EFAULT;
				length = copied;
				break;
			}
			copied += chunk;
		}
		peer->head += length;
		done += length;
		wake_up_all(&peer->wait);
		if (error)
			break;
	}
	if (error == -EPIPE && !(flags & MSG_NOSIGNAL))
		signal_send_to_current(SIGPIPE);
	return done ? (long)done : error;
}

long unix_stream_receive(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			 size_t count, int flags, struct unix_rights **rights)
{
	long error = 0;
	while (socket->head == socket->tail) {
		if (socket->read_shut || socket->state != CONNECTED || !socket->peer ||
		    socket->peer->closed || socket->peer->write_shut)
			return socket->state == CONNECTED || socket->read_shut ? 0 : -ENOTCONN;
		if ((file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT))
			return -EAGAIN;
		error = unix_sleep_on(socket);
		if (error)
			return error;
	}
	size_t length = MIN(count, socket->head - socket->tail);
	/* Descriptors arrive with the bytes they were sent with: a read that reaches such bytes
	 * takes them and ends with those bytes, as Linux's stops after the skb that carried
	 * them; a read may start before them (Linux glues messages of one stream together). */
	struct unix_rights *batch = NULL;
	if (!list_is_empty(&socket->rights)) {
		batch = list_first_entry(&socket->rights, struct unix_rights, node);
		if (batch->position >= socket->tail + length)
			batch = NULL; /* beyond this read */
		else
			length = MIN(length, batch->position + batch->length - socket->tail);
	}
	for (size_t copied = 0; copied < length;) {
		size_t at = (socket->tail + copied) % SOCKET_BUFFER;
		size_t chunk = MIN(length - copied, SOCKET_BUFFER - at);
		if (io_copy_to_buffer(buffer, copied, socket->ring + at, chunk) != 0)
			return -EFAULT;
		copied += chunk;
	}
	if (!(flags & MSG_PEEK)) {
		if (batch) {
			list_del(&batch->node);
			if (rights)
				*rights = batch;
			else
				unix_rights_drop(batch); /* read() or recv(): nowhere to put them */
		}
		socket->tail += length;
		wake_up_all(&socket->wait); /* a blocked sender may go on */
	}
	return (long)length;
}

long unix_datagram_send(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			size_t count, int flags, struct unix_socket *target,
			struct unix_rights **rights)
{
	if (count > DATAGRAM_MAX)
		return -EMSGSIZE;
	struct datagram *datagram = kmalloc(sizeof(*datagram) + count);
	if (!datagram)
		return -ENOMEM;
	if (io_copy_from_buffer(datagram->data, buffer, 0, count) != 0) {
		kfree(datagram);
		return -EFAULT;
	}
	datagram->length = count;
	datagram->from = socket->address;
	datagram->from_length = socket->address_length;
	long error = 0;
	while (!target->closed && target->queued_bytes + count > SOCKET_BUFFER &&
	       target->queued_bytes > 0) {
		if ((file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT)) {
			error = -EAGAIN;
			break;
		}
		error = unix_sleep_on(target);
		if (error)
			break;
	}
	if (!error && target->closed)
		error = -ECONNREFUSED;
	if (error) {
		kfree(datagram);
		return error;
	}
	datagram->rights = rights ? *rights : NULL;
	if (rights)
		*rights = NULL;
	list_add_tail(&datagram->node, &target->datagrams);
	target->queued_bytes += count;
	wake_up_all(&target->wait);
	return (long)count;
}

long unix_datagram_receive(struct file *file, struct unix_socket *socket, struct io_buffer *buffer,
			   size_t count, int flags, struct sockaddr_un *from, size_t *from_length,
			   size_t *full_length, struct unix_rights **rights)
{
	while (list_is_empty(&socket->datagrams)) {
		if (socket->read_shut)
			return 0;
		if ((file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT))
			return -EAGAIN;
		long error = unix_sleep_on(socket);
		if (error)
			return error;
	}
	struct datagram *datagram = list_first_entry(&socket->datagrams, struct datagram, node);
	size_t length = MIN(count, datagram->length); /* the rest of a long one is lost */
	if (io_copy_to_buffer(buffer, 0, datagram->data, length) != 0)
		return -EFAULT;
	*from = datagram->from;
	*from_length = datagram->from_length;
	if (full_length)
		*full_length = datagram->length;
	if (!(flags & MSG_PEEK)) {
		if (datagram->rights && rights)
			*rights = datagram->rights;
		else if (datagram->rights)
			unix_rights_drop(datagram->rights);
		list_del(&datagram->node);
		socket->queued_bytes -= datagram->length;
		kfree(datagram);
		wake_up_all(&socket->wait);
	}
	return (long)length;
}

struct unix_socket *unix_datagram_target(struct unix_socket *socket, const void *user_address,
					 uint32_t address_length, long *error)
{
	struct unix_socket *target = socket->peer;
	*error = 0;
	if (user_address) {
		struct sockaddr_un address;
		char path[UNIX_PATH_MAX + 1];
		*error = unix_get_address(user_address, address_length, &address, path);
		return *error ? NULL : unix_lookup_bound(path, error);
	}
	if (!target) {
		*error = -ENOTCONN;
		return NULL;
	}
	target->refcount++;
	return target;
}

long sys_sendto(int fd, const void *user_buffer, size_t count, int flags, const void *user_address,
		uint32_t address_length)
{
	struct file *file;
	struct unix_socket *socket;
	struct io_buffer buffer = {.address = (char *)user_buffer, .user = true};
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_MORE)) {
		file_put(file);
		return -EOPNOTSUPP;
	}
	mutex_lock(&unix_lock);
	if (socket->type == SOCK_STREAM) {
		error = user_address && socket->state == CONNECTED
				? -EISCONN
				: unix_stream_send(file, socket, &buffer, count, flags, NULL);
	} else {
		struct unix_socket *target =
			unix_datagram_target(socket, user_address, address_length, &error);
		if (target) {
			error = target->type != SOCK_DGRAM
					? -EPROTOTYPE
					: unix_datagram_send(file, socket, &buffer, count, flags,
							     target, NULL);
			unix_socket_put(target);
		}
	}
	mutex_unlock(&unix_lock);
	file_put(file);
	return error;
}

long sys_recvfrom(int fd, void *user_buffer, size_t count, int flags, void *user_address,
		  uint32_t *address_length)
{
	struct file *file;
	struct unix_socket *socket;
	struct io_buffer buffer = {.address = user_buffer, .user = true};
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_WAITALL)) {
		file_put(file);
		return -EOPNOTSUPP;
	}
	mutex_lock(&unix_lock);
	struct unix_socket sender = {0};
	if (socket->type == SOCK_STREAM) {
		error = unix_stream_receive(file, socket, &buffer, count, flags, NULL);
		if (error >= 0 && user_address && socket->peer) {
			sender.address = socket->peer->address;
			sender.address_length = socket->peer->address_length;
		}
	} else {
		error = unix_datagram_receive(file, socket, &buffer, count, flags, &sender.address,
					      &sender.address_length, NULL, NULL);
	}
	if (error >= 0 && user_address) {
		long copy_error = unix_put_address(&sender, user_address, address_length);
		if (copy_error)
			error = copy_error;
	}
	mutex_unlock(&unix_lock);
	unix_rights_release();
	file_put(file);
	return error;
}

ssize_t unix_socket_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct unix_socket *socket = unix_socket_of(file);
	struct sockaddr_un from;
	size_t from_length;
	mutex_lock(&unix_lock);
	long result = socket->type == SOCK_STREAM
			      ? unix_stream_receive(file, socket, buffer, count, 0, NULL)
			      : unix_datagram_receive(file, socket, buffer, count, 0, &from,
						      &from_length, NULL, NULL);
	mutex_unlock(&unix_lock);
	unix_rights_release();
	return result;
}

ssize_t unix_socket_write(struct file *file, struct io_buffer *buffer, size_t count,
			  int64_t *offset)
{
	struct unix_socket *socket = unix_socket_of(file);
	long result;
	mutex_lock(&unix_lock);
	if (socket->type == SOCK_STREAM) {
		result = unix_stream_send(file, socket, buffer, count, 0, NULL);
	} else if (!socket->peer) {
		result = -ENOTCONN;
	} else {
		result = unix_datagram_send(file, socket, buffer, count, 0, socket->peer, NULL);
	}
	mutex_unlock(&unix_lock);
	return result;
}

long sys_shutdown(int fd, int how)
{
	struct file *file;
	struct unix_socket *socket;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	if (how < SHUT_RD || how > SHUT_RDWR) {
		file_put(file);
		return -EINVAL;
	}
	mutex_lock(&unix_lock);
	if (socket->state != CONNECTED) {
		error = -ENOTCONN;
	} else {
		if (how != SHUT_WR)
			socket->read_shut = true;
		if (how != SHUT_RD)
			socket->write_shut = true;
		wake_up_all(&socket->wait);
		if (socket->peer)
			wake_up_all(&socket->peer->wait);
	}
	mutex_unlock(&unix_lock);
	file_put(file);
	return error;
}

static long name_common(int fd, void *address, uint32_t *length, bool peer)
{
	struct file *file;
	struct unix_socket *socket;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	mutex_lock(&unix_lock);
	if (peer && (socket->state != CONNECTED || !socket->peer))
		error = -ENOTCONN;
	else
		error = unix_put_address(peer ? socket->peer : socket, address, length);
	mutex_unlock(&unix_lock);
	file_put(file);
	return error;
}

long sys_getsockname(int fd, void *address, uint32_t *length)
{
	return name_common(fd, address, length, false);
}

long sys_getpeername(int fd, void *address, uint32_t *length)
{
	return name_common(fd, address, length, true);
}

long sys_setsockopt(int fd, int level, int name, const void *value, uint32_t length)
{
	struct file *file;
	struct unix_socket *socket;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	file_put(file);
	/* SO_REUSEADDR has no effect on UNIX sockets; anything else is not supported. */
	return level == SOL_SOCKET && name == SO_REUSEADDR ? 0 : -ENOPROTOOPT;
}

long sys_getsockopt(int fd, int level, int name, void *value, uint32_t *length)
{
	struct file *file;
	struct unix_socket *socket;
	long error = unix_get_socket(fd, &file, &socket);
	if (error)
		return error;
	int answer = 0;
	if (level != SOL_SOCKET || (name != SO_TYPE && name != SO_ERROR))
		error = -ENOPROTOOPT;
	else
		answer = name == SO_TYPE ? socket->type : 0;
	file_put(file);
	uint32_t size;
	if (!error && copy_from_user(&size, length, sizeof(size)) != 0)
		error = -EFAULT;
	if (!error && size < sizeof(answer))
		error = -EINVAL;
	if (!error) {
		size = sizeof(answer);
		if (copy_to_user(value, &answer, sizeof(answer)) != 0 ||
		    copy_to_user(length, &size, sizeof(size)) != 0)
			error = -EFAULT;
	}
	return error;
}
