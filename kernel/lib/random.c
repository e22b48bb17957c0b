/*
 * xorshift128+ (include/random.h). The state is stirred with the TSC on every call, so
 * values also depend on when they are asked for.
 */
#include "random.h"
#include "arch/cpu.h"
#include "spinlock.h"
#include "string.h"

static struct spinlock random_lock = SPINLOCK_INIT("random");
static uint64_t state[2] = {0x9e3779b97f4a7c15ull, 0xbf58476d1ce4e5b9ull};

uint64_t random_u64(void)
{
	uint64_t flags = spin_lock_irqsave(&random_lock);
	state[0] ^= rdtsc();
	uint64_t s1 = state[0];
	const uint64_t s0 = state[1];
	state[0] = s0;
	s1 ^= s1 << 23;
	state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
	uint64_t result = state[1] + s0;
	spin_unlock_irqrestore(&random_lock, flags);
	return result;
}

void random_fill(void *buffer, size_t length)
{
	uint8_t *bytes = buffer;
	while (length > 0) {
		uint64_t value = random_u64();
		size_t chunk = MIN(length, sizeof(value));
		memcpy(bytes, &value, chunk);
		bytes += chunk;
		length -= chunk;
	}
}
