/*
 * A megabyte and a bit through a byte stream (pipe, FIFO or stream socket), checked byte
 * by byte: byte n of the stream is (n * factor) mod 256, so a lost, doubled or reordered
 * byte shows. Shared by pipe_test.c, fifo_poll_test.c and socket_test.c.
 */
#ifndef SPINDLE_TESTS_STREAM_CHECK_H
#define SPINDLE_TESTS_STREAM_CHECK_H

#include <stdint.h>
#include <unistd.h>

enum { STREAM_CHUNKS = 1100, STREAM_CHUNK = 1000, STREAM_BYTES = STREAM_CHUNKS * STREAM_CHUNK };

/* The writing side (run it in a child): 0 when every write went through whole. */
static inline int stream_write_pattern(int fd, unsigned factor)
{
	static uint8_t chunk[STREAM_CHUNK];
	uint32_t counter = 0;
	for (int i = 0; i < STREAM_CHUNKS; i++) {
		for (size_t j = 0; j < sizeof(chunk); j++)
			chunk[j] = (uint8_t)(counter++ * factor);
		if (write(fd, chunk, sizeof(chunk)) != sizeof(chunk))
			return 1;
	}
	return 0;
}

/* The reading side: reads to end of file in pieces of `piece` bytes (at most 4096),
 * counting the bytes and the wrong ones. */
static inline void stream_read_pattern(int fd, unsigned factor, size_t piece, uint32_t *bytes,
				       uint32_t *wrong)
{
	static uint8_t buffer[4096];
	ssize_t count;
	*bytes = *wrong = 0;
	while ((count = read(fd, buffer, piece)) > 0) {
		for (ssize_t i = 0; i < count; i++)
			*wrong += buffer[i] != (uint8_t)((*bytes)++ * factor);
	}
}

#endif
