/*
 * sendmsg(2) and recvmsg(2) on UNIX domain sockets, and the one piece of ancillary data
 * that matters most for them: SCM_RIGHTS, passing open file descriptors (unix(7), cmsg(3)).
 *
 * Passing a descriptor passes the open file, not the number: the sender's files are
 * referenced into a struct unix_rights that travels with the message (with its first byte,
 * for a stream); the receiver's recvmsg installs them as new descriptors of its own, which
 * share the open file description (offset, flags) with the sender's. A receiver that reads
 * the bytes without asking for the descriptors (read, recv, or too small a control buffer:
 * MSG_CTRUNC) gets them closed instead. Not supported: SCM_CREDENTIALS (EINVAL), and
 * collecting sockets that are in flight inside each other's queues (Linux has a garbage
 * collector for such cycles; here they stay until the machine stops).
 */
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "spinlock.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/uio.h"
#include "vfs.h"
#include "unix_socket.h"

#define IOV_MAX	    1024
#define CONTROL_MAX 4096 /* bytes of ancillary data a sendmsg may carry */

/* Descriptors dropped while unix_lock was held, closed by unix_rights_release(). */
static struct spinlock dropped_lock = SPINLOCK_INIT("unix-rights");
static LIST_HEAD(dropped_rights);

void unix_rights_drop(struct unix_rights *rights)
{
	uint64_t flags = spin_lock_irqsave(&dropped_lock);
	list_add_tail(&rights->node, &dropped_rights);
	spin_unlock_irqrestore(&dropped_lock, flags);
}

static void rights_free(struct unix_rights *rights)
{
	for (int i = 0; i < rights->count; i++) {
		if (rights->files[i])
			file_put(rights->files[i]);
	}
	kfree(rights);
}

void unix_rights_release(void)
{
	for (;;) {
		struct unix_rights *rights = NULL;
		uint64_t flags = spin_lock_irqsave(&dropped_lock);
		if (!list_is_empty(&dropped_rights)) {
			rights = list_first_entry(&dropped_rights, struct unix_rights, node);
			list_del(&rights->node);
		}
		spin_unlock_irqrestore(&dropped_lock, flags);
		if (!rights)
			return;
		rights_free(rights); /* may close a socket, which may drop more: loop */
	}
}

/* The message header and its iovecs, checked. *iovecs is kmalloc'd. */
static long read_message(const struct user_msghdr *user_message, struct user_msghdr *message,
			 struct iovec **iovecs, size_t *total)
{
	if (copy_from_user(message, user_message, sizeof(*message)) != 0)
		return -EFAULT;
	if (message->msg_iovlen > IOV_MAX)
		return -EMSGSIZE;
	*iovecs = kmalloc(message->msg_iovlen * sizeof(struct iovec) + 1);
	if (!*iovecs)
		return -ENOMEM;
	if (copy_from_user(*iovecs, message->msg_iov, message->msg_iovlen * sizeof(struct iovec)))
		return -EFAULT;
	*total = 0;
	for (size_t i = 0; i < message->msg_iovlen; i++) {
		if ((*iovecs)[i].iov_len > INT64_MAX - *total)
			return -EINVAL;
		*total += (*iovecs)[i].iov_len;
	}
	return 0;
}

/* SCM_RIGHTS from the sender's control buffer: the files, referenced. *rights stays NULL
 * when there are none. */
static long read_rights(const struct user_msghdr *message, struct unix_rights **rights)
{
	*rights = NULL;
	if (message->msg_controllen == 0)
		return 0;
	if (message->msg_controllen > CONTROL_MAX)
		return -ENOBUFS;
	uint8_t *control = kmalloc(message->msg_controllen);
	if (!control)
		return -ENOMEM;
	long error = 0;
	if (copy_from_user(control, message->msg_control, message->msg_controllen) != 0)
		error = -EFAULT;
	for (size_t at = 0; !error && at + sizeof(struct cmsghdr) <= message->msg_controllen;) {
		struct cmsghdr *header = (struct cmsghdr *)(control + at);
		if (header->cmsg_len < sizeof(*header) ||
		    header->cmsg_len > message->msg_controllen - at) {
			error = -EINVAL;
			break;
		}
		if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) {
			error = -EINVAL; /* SCM_CREDENTIALS and the rest: not supported */
			break;
		}
		int count = (int)((header->cmsg_len - sizeof(*header)) / sizeof(int));
		int already = *rights ? (*rights)->count : 0;
		if (already + count > SCM_MAX_FD) {
			error = already ? -ETOOMANYREFS : -EINVAL;
			break;
		}
		struct unix_rights *grown =
			kzalloc(sizeof(*grown) + (size_t)(already + count) * sizeof(struct file *));
		if (!grown) {
			error = -ENOMEM;
			break;
		}
		if (*rights) {
			memcpy(grown->files, (*rights)->files,
			       (size_t)already * sizeof(struct file *));
			kfree(*rights);
		}
		grown->count = already;
		*rights = grown;
		const int *fds = (const int *)(header + 1);
		for (int i = 0; i < count && !error; i++) {
			struct file *file = fd_get(fds[i]);
			if (!file)
				error = -EBADF;
			else
				grown->files[grown->count++] = file;
		}
		at += CMSG_ALIGN(header->cmsg_len);
	}
	kfree(control);
	if (error && *rights) {
		rights_free(*rights);
		*rights = NULL;
	}
	if (*rights && (*rights)->count == 0) {
		kfree(*rights);
		*rights = NULL;
	}
	return error;
}

long sys_sendmsg(int fd, const struct user_msghdr *user_message, int flags)
{
	struct file *file;
	struct unix_socket *socket;
	struct user_msghdr message;
	struct iovec *iovecs = NULL;
	struct unix_rights *rights = NULL;
	size_t total;
	long result = unix_get_socket(fd, &file, &socket);
	if (result)
		return result;
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_MORE)) {
		result = -EOPNOTSUPP;
		goto out_file;
	}
	result = read_message(user_message, &message, &iovecs, &total);
	if (!result)
		result = read_rights(&message, &rights);
	if (result)
		goto out_free;

	mutex_lock(&unix_lock);
	if (socket->type == SOCK_STREAM) {
		/* Each iovec in turn; the descriptors go with the first byte that is sent. */
		size_t sent = 0;
		if (message.msg_name)
			result = socket->state == CONNECTED ? -EISCONN : -EOPNOTSUPP;
		for (size_t i = 0; !result && i < message.msg_iovlen; i++) {
			struct io_buffer buffer = {.address = iovecs[i].iov_base, .user = true};
			long done = unix_stream_send(file, socket, &buffer, iovecs[i].iov_len,
						     flags, &rights);
			if (done < 0) {
				result = sent ? 0 : done;
				break;
			}
			sent += (size_t)done;
			if ((size_t)done < iovecs[i].iov_len)
				break;
		}
		if (!result)
			result = (long)sent;
	} else if (total > DATAGRAM_MAX) {
		result = -EMSGSIZE;
	} else {
		/* One datagram: gather the pieces first. */
		char *data = kmalloc(total + 1);
		struct unix_socket *target =
			data ? unix_datagram_target(socket, message.msg_name, message.msg_namelen,
						    &result)
			     : NULL;
		if (!data)
			result = -ENOMEM;
		for (size_t i = 0, at = 0; target && i < message.msg_iovlen; i++) {
			if (copy_from_user(data + at, iovecs[i].iov_base, iovecs[i].iov_len) != 0) {
				result = -EFAULT;
				break;
			}
			at += iovecs[i].iov_len;
		}
		if (target && !result) {
			struct io_buffer buffer = {.address = data, .user = false};
			result = target->type != SOCK_DGRAM
					 ? -EPROTOTYPE
					 : unix_datagram_send(file, socket, &buffer, total, flags,
							      target, &rights);
		}
		if (target)
			unix_socket_put(target);
		kfree(data);
	}
	if (rights) /* not sent */
		unix_rights_drop(rights);
	mutex_unlock(&unix_lock);
	unix_rights_release();
	goto out_iovecs;

out_free:
	if (rights)
		rights_free(rights);
out_iovecs:
	kfree(iovecs);
out_file:
	file_put(file);
	return result;
}

/* Give the receiver the descriptors as an SCM_RIGHTS message in its control buffer, as
 * many as fit (the rest are closed, MSG_CTRUNC). Returns the control bytes used. */
static long deliver_rights(struct unix_rights *rights, const struct user_msghdr *message, int flags,
			   int *message_flags)
{
	size_t room = message->msg_controllen;
	int fits = room > sizeof(struct cmsghdr)
			   ? (int)((room - sizeof(struct cmsghdr)) / sizeof(int))
			   : 0;
	int installed = 0;
	int fds[SCM_MAX_FD];
	while (installed < rights->count && installed < fits) {
		int fd = fd_install(rights->files[installed], 0, flags & MSG_CMSG_CLOEXEC);
		if (fd < 0)
			break;			 /* no descriptor left (EMFILE) */
		rights->files[installed] = NULL; /* the new descriptor owns the reference now */
		fds[installed++] = fd;
	}
	if (installed < rights->count)
		*message_flags |= MSG_CTRUNC;
	rights_free(rights); /* closes the ones that did not fit */
	if (installed == 0)
		return 0;
	struct cmsghdr header = {.cmsg_len = CMSG_LEN((size_t)installed * sizeof(int)),
				 .cmsg_level = SOL_SOCKET,
				 .cmsg_type = SCM_RIGHTS};
	uint8_t *control = message->msg_control;
	if (copy_to_user(control, &header, sizeof(header)) != 0 ||
	    copy_to_user(control + sizeof(header), fds, (size_t)installed * sizeof(int)) != 0)
		return -EFAULT;
	return (long)MIN(CMSG_SPACE((size_t)installed * sizeof(int)), room);
}

long sys_recvmsg(int fd, struct user_msghdr *user_message, int flags)
{
	struct file *file;
	struct unix_socket *socket;
	struct user_msghdr message;
	struct iovec *iovecs = NULL;
	struct unix_rights *rights = NULL;
	struct unix_socket sender = {0};
	size_t total, full_length = 0;
	int message_flags = 0;
	long result = unix_get_socket(fd, &file, &socket);
	if (result)
		return result;
	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_WAITALL | MSG_CMSG_CLOEXEC | MSG_TRUNC)) {
		result = -EOPNOTSUPP;
		goto out_file;
	}
	result = read_message(user_message, &message, &iovecs, &total);
	if (result)
		goto out_iovecs;
	/* Into a kernel buffer first, then out to the pieces. */
	size_t room = MIN(total, socket->type == SOCK_STREAM ? SOCKET_BUFFER : DATAGRAM_MAX);
	char *data = kmalloc(room + 1);
	if (!data) {
		result = -ENOMEM;
		goto out_iovecs;
	}
	struct io_buffer buffer = {.address = data, .user = false};
	struct unix_rights **want = message.msg_control ? &rights : NULL;
	mutex_lock(&unix_lock);
	if (socket->type == SOCK_STREAM) {
		result = unix_stream_receive(file, socket, &buffer, room, flags, want);
		if (result >= 0 && socket->peer) {
			sender.address = socket->peer->address;
			sender.address_length = socket->peer->address_length;
		}
	} else {
		result = unix_datagram_receive(file, socket, &buffer, room, flags, &sender.address,
					       &sender.address_length, &full_length, want);
		if (result >= 0 && full_length > (size_t)result)
			message_flags |= MSG_TRUNC; /* the rest of a long datagram is lost */
	}
	if (result >= 0 && message.msg_name) {
		long error =
			unix_put_address(&sender, message.msg_name,
					 (uint32_t *)((char *)user_message +
						      offsetof(struct user_msghdr, msg_namelen)));
		if (error)
			result = error;
	}
	mutex_unlock(&unix_lock);
	unix_rights_release();

	for (size_t i = 0, at = 0; result > 0 && at < (size_t)result; i++) {
		size_t piece = MIN(iovecs[i].iov_len, (size_t)result - at);
		if (copy_to_user(iovecs[i].iov_base, data + at, piece) != 0)
			result = -EFAULT;
		at += piece;
	}
	kfree(data);
	uint64_t control_used = 0;
	if (rights) {
		long used = deliver_rights(rights, &message, flags, &message_flags);
		if (used < 0 && result >= 0)
			result = used;
		control_used = used > 0 ? (uint64_t)used : 0;
	}
	if (result >= 0 &&
	    (copy_to_user(&user_message->msg_controllen, &control_used, sizeof(control_used)) !=
		     0 ||
	     copy_to_user(&user_message->msg_flags, &message_flags, sizeof(message_flags)) != 0))
		result = -EFAULT;
	if (result >= 0 && (flags & MSG_TRUNC) && socket->type == SOCK_DGRAM)
		result = (long)full_length; /* MSG_TRUNC asks for the real length */
out_iovecs:
	kfree(iovecs);
out_file:
	file_put(file);
	return result;
}
