/*
 * demo-coro-generator: a Fibonacci generator built from a coroutine (<coro.h>, man 3
 * makecontext). The generator is an ordinary loop that calls coro_yield(value) for each
 * number; every coro_yield freezes the loop -- its registers and its own stack, with the
 * local variables a and b on it -- and returns to main, whose coro_resume() receives the
 * number. The next coro_resume() continues the loop right after its coro_yield. When the
 * next number would not fit in 64 bits the loop ends and the function returns: that is the
 * generator finishing, and coro_resume() says so by returning 0.
 * Read docs/coroutines.md alongside. Optional argument: how many numbers to print first.
 */
#include <coro.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct fibonacci_state {
	uint64_t *a_address, *b_address; /* where the generator keeps a and b, for main to peek */
};

static void *fibonacci(void *argument)
{
	struct fibonacci_state *state = argument;
	uint64_t a = 0, b = 1, count = 0;
	state->a_address = &a;
	state->b_address = &b;
	for (;;) {
		coro_yield(&a); /* hand out a pointer to the current number */
		count++;
		if (b < a) /* a + b wrapped around: the previous number was the last */
			break;
		uint64_t next = a + b;
		a = b;
		b = next;
	}
	return (void *)(uintptr_t)count;
}

int main(int argc, char **argv)
{
	int shown = argc > 1 ? atoi(argv[1]) : 16;
	struct fibonacci_state state = {0};
	int main_local = 0;
	void *value;

	printf("demo-coro-generator: a Fibonacci generator on its own stack "
	       "(docs/coroutines.md)\n");
	struct coro *generator = coro_create(fibonacci, &state, 0);
	if (!generator) {
		perror("coro_create");
		return 1;
	}
	for (int n = 0; n < shown; n++) {
		if (coro_resume(generator, &value) != 1)
			break;
		printf("fib(%d) = %llu\n", n, (unsigned long long)*(uint64_t *)value);
		if (n == 0)
			printf("  (the generator's a lives at %p, on its own mmap'd stack; main's "
			       "locals are near %p)\n",
			       (void *)state.a_address, (void *)&main_local);
	}
	printf("main took %d numbers; the generator waits inside its loop with a = %llu, b = "
	       "%llu\n",
	       shown, (unsigned long long)*state.a_address, (unsigned long long)*state.b_address);

	uint64_t last = 0;
	int n = shown, status;
	while ((status = coro_resume(generator, &value)) == 1) {
		last = *(uint64_t *)value;
		n++;
	}
	if (status != 0) {
		perror("coro_resume");
		return 1;
	}
	printf("generator finished after %llu values: fib(%d) = %llu is the largest that fits "
	       "in 64 bits\n",
	       (unsigned long long)(uintptr_t)value, n - 1, (unsigned long long)last);
	if (coro_resume(generator, &value) == -1)
		printf("resuming it again fails: it is finished\n");
	coro_destroy(generator);
	return 0;
}
