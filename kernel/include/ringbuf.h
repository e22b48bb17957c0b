/*
 * A byte ring buffer over caller-provided storage whose size is a power of two.
 * head and tail count bytes ever written and read; their difference is the fill level, so a
 * full ring and an empty ring are never confused. Single producer, single consumer; the
 * caller provides any locking (the serial driver fills it from its interrupt handler with
 * the console lock held).
 */
#ifndef SPINDLE_RINGBUF_H
#define SPINDLE_RINGBUF_H

#include "types.h"

struct ringbuf {
	uint8_t *data;
	size_t size; /* power of two */
	size_t head; /* total bytes written */
	size_t tail; /* total bytes read */
};

/* Returns 0, or -EINVAL when size is not a power of two. */
int ringbuf_init(struct ringbuf *ring, uint8_t *storage, size_t size);
size_t ringbuf_used(const struct ringbuf *ring);
size_t ringbuf_space(const struct ringbuf *ring);
/* Copy in up to length bytes; returns how many fitted. */
size_t ringbuf_write(struct ringbuf *ring, const void *source, size_t length);
/* Copy out up to length bytes; returns how many there were. */
size_t ringbuf_read(struct ringbuf *ring, void *destination, size_t length);

#endif
