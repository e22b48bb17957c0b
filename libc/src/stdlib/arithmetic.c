/*
 * Integer arithmetic and pseudo-random numbers (man 3 abs, man 3 div, man 3 rand;
 * C11 §7.22.6, §7.22.2). rand is a 64-bit linear congruential generator (Knuth's MMIX
 * constants) returning the top 31 bits; rand_r keeps its whole state in the caller's
 * unsigned int, so it steps a 32-bit generator and scrambles the output, whose low bits
 * would otherwise repeat with short periods.
 */
#include <stdint.h>
#include <stdlib.h>

int abs(int value)
{
	return value < 0 ? -value : value;
}

long labs(long value)
{
	return value < 0 ? -value : value;
}

long long llabs(long long value)
{
	return value < 0 ? -value : value;
}

div_t div(int numerator, int denominator)
{
	div_t result = {numerator / denominator, numerator % denominator};

	return result;
}

ldiv_t ldiv(long numerator, long denominator)
{
	ldiv_t result = {numerator / denominator, numerator % denominator};

	return result;
}

lldiv_t lldiv(long long numerator, long long denominator)
{
	lldiv_t result = {numerator / denominator, numerator % denominator};

	return result;
}

static uint64_t random_state = 1;

void srand(unsigned int seed)
{
	random_state = seed;
}

int rand(void)
{
	random_state = random_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(random_state >> 33);
}

int rand_r(unsigned int *seed)
{
	uint32_t state = *seed;

	state = state * 1103515245u + 12345u;
	*seed = state;
	state ^= state >> 16;
	state *= 0x7feb352du;
	state ^= state >> 15;
	return (int)(state & RAND_MAX);
}
