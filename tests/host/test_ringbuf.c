/* Ring buffer (kernel/lib/ringbuf.c): FIFO order, full/empty, wrap-around, bad sizes. */
#include "harness.h"
#include "ringbuf.h"
#include "uapi/errno.h"

HOST_TEST(ringbuf_fifo_and_wrap)
{
	uint8_t storage[8];
	struct ringbuf ring;
	uint8_t out[16];

	CHECK_EQ(ringbuf_init(&ring, storage, 6), -EINVAL);
	CHECK_EQ(ringbuf_init(&ring, storage, 0), -EINVAL);
	CHECK_EQ(ringbuf_init(&ring, storage, 8), 0);
	CHECK_EQ(ringbuf_used(&ring), 0);
	CHECK_EQ(ringbuf_write(&ring, "abcdef", 6), 6);
	CHECK_EQ(ringbuf_read(&ring, out, 4), 4);
	CHECK(out[0] == 'a' && out[3] == 'd');
	/* Wraps around the end of storage; only 6 of 10 fit. */
	CHECK_EQ(ringbuf_write(&ring, "0123456789", 10), 6);
	CHECK_EQ(ringbuf_space(&ring), 0);
	CHECK_EQ(ringbuf_read(&ring, out, 16), 8);
	CHECK(out[0] == 'e' && out[1] == 'f' && out[2] == '0' && out[7] == '5');
	CHECK_EQ(ringbuf_read(&ring, out, 16), 0);
}

HOST_TEST(ringbuf_streams_without_loss)
{
	uint8_t storage[64];
	struct ringbuf ring;
	ringbuf_init(&ring, storage, sizeof(storage));
	uint32_t written = 0, read = 0, errors = 0;
	for (int round = 0; round < 10000; round++) {
		uint8_t chunk[37];
		size_t want = (size_t)(round % 37);
		for (size_t i = 0; i < want; i++)
			chunk[i] = (uint8_t)(written + i);
		written += (uint32_t)ringbuf_write(&ring, chunk, want);
		size_t got = ringbuf_read(&ring, chunk, (size_t)(round % 29));
		for (size_t i = 0; i < got; i++)
			errors += chunk[i] != (uint8_t)(read + i);
		read += (uint32_t)got;
	}
	CHECK_EQ(errors, 0);
	CHECK_EQ(written - read, ringbuf_used(&ring));
}
