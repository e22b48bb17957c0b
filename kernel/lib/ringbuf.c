/*
 * Byte ring buffer (include/ringbuf.h). Pure code, tested on the host.
 */
#include "ringbuf.h"
#include "uapi/errno.h"

int ringbuf_init(struct ringbuf *ring, uint8_t *storage, size_t size)
{
	if (size == 0 || (size & (size - 1)) != 0)
		return -EINVAL;
	ring->data = storage;
	ring->size = size;
	ring->head = 0;
	ring->tail = 0;
	return 0;
}

size_t ringbuf_used(const struct ringbuf *ring)
{
	return ring->head - ring->tail;
}

size_t ringbuf_space(const struct ringbuf *ring)
{
	return ring->size - ringbuf_used(ring);
}

size_t ringbuf_write(struct ringbuf *ring, const void *source, size_t length)
{
	const uint8_t *bytes = source;
	size_t space = ringbuf_space(ring);
	if (length > space)
		length = space;
	for (size_t i = 0; i < length; i++)
		ring->data[(ring->head + i) & (ring->size - 1)] = bytes[i];
	ring->head += length;
	return length;
}

size_t ringbuf_read(struct ringbuf *ring, void *destination, size_t length)
{
	uint8_t *bytes = destination;
	size_t used = ringbuf_used(ring);
	if (length > used)
		length = used;
	for (size_t i = 0; i < length; i++)
		bytes[i] = ring->data[(ring->tail + i) & (ring->size - 1)];
	ring->tail += length;
	return length;
}
