/*
 * Switch cases: handing the CPU to another flow of control and back (man 2 futex,
 * man 3 swapcontext for the idea of a coroutine switch).
 *
 * thread_pingpong  two threads of one process take turns on a futex word: each round trip
 *                  is two futex waits, two futex wakes and two kernel context switches.
 * coroutine        the same hand-over done entirely in user space with libc's
 *                  swapcontext(3) (docs/coroutines.md): no system call while the signal mask
 *                  stays the same. Also a round trip of two switches, so the two figures
 *                  compare directly.
 * coroutine_bare   the least a switch can be: the bench's own swap of the six callee-saved
 *                  registers and the stack pointer (switch_asm.S), without the x87 control
 *                  word, MXCSR and signal-mask bookkeeping swapcontext(3) owes its callers.
 */
#include "bench.h"
#include <pthread.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

/* 0: the main thread's turn, 1: the partner's. */
static int turn;
static long partner_rounds;

static void futex_wait_while(int *word, int value)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == value)
		syscall(SYS_futex, word, FUTEX_WAIT, value, NULL, NULL, 0);
}

static void pass_turn(int *word, int value)
{
	__atomic_store_n(word, value, __ATOMIC_RELEASE);
	syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void *partner(void *unused)
{
	(void)unused;
	for (long i = 0; i < partner_rounds; i++) {
		futex_wait_while(&turn, 0);
		pass_turn(&turn, 0);
	}
	return NULL;
}

static uint64_t thread_ping_pong(long iterations)
{
	pthread_t thread;
	uint64_t start = 0;
	turn = 0;
	partner_rounds = iterations + 1;
	if (pthread_create(&thread, NULL, partner, NULL) != 0)
		return bench_fail("pthread_create");
	for (long i = 0; i <= iterations; i++) {
		if (i == 1)
			start = bench_ticks(); /* after the first, warming-up round trip */
		pass_turn(&turn, 1);
		futex_wait_while(&turn, 1);
	}
	uint64_t ticks = bench_ticks() - start;
	pthread_join(thread, NULL);
	return ticks;
}

void bench_coroutine_switch(void **save_sp, void *load_sp);

#define COROUTINE_STACK_WORDS 2048

static void *main_sp, *coroutine_sp;
static uint64_t coroutine_stack[COROUTINE_STACK_WORDS] __attribute__((aligned(16)));

static void coroutine_body(void)
{
	for (;;)
		bench_coroutine_switch(&coroutine_sp, main_sp);
}

/* A stack that bench_coroutine_switch "returns" into coroutine_body from, as if called. */
static void coroutine_prepare(void)
{
	uint64_t *top = coroutine_stack + COROUTINE_STACK_WORDS;
	top[-1] = 0;			    /* coroutine_body's return address: it never returns */
	top[-2] = (uint64_t)coroutine_body; /* where the switch's ret goes */
	for (int i = 3; i <= 8; i++)
		top[-i] = 0; /* rbp rbx r12 r13 r14 r15 */
	coroutine_sp = top - 8;
}

static uint64_t bare_ping_pong(long iterations)
{
	coroutine_prepare();
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++)
		bench_coroutine_switch(&main_sp, coroutine_sp);
	return bench_ticks() - start;
}

static ucontext_t main_context, body_context;

static void context_body(void)
{
	for (;;)
		swapcontext(&body_context, &main_context);
}

static uint64_t swapcontext_ping_pong(long iterations)
{
	static char stack[16384] __attribute__((aligned(16)));
	if (getcontext(&body_context) != 0)
		return bench_fail("getcontext");
	body_context.uc_stack.ss_sp = stack;
	body_context.uc_stack.ss_size = sizeof(stack);
	body_context.uc_link = NULL;
	makecontext(&body_context, context_body, 0);
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++)
		if (swapcontext(&main_context, &body_context) != 0)
			return bench_fail("swapcontext");
	return bench_ticks() - start;
}

const struct bench_case bench_switch_cases[] = {
	{"thread_pingpong", "futex round trip between two threads (two switches)", BENCH_LATENCY,
	 2000, thread_ping_pong},
	{"coroutine", "round trip between two coroutines with libc's swapcontext(3)", BENCH_LATENCY,
	 100000, swapcontext_ping_pong},
	{"coroutine_bare", "round trip between two coroutines, bench's own register swap",
	 BENCH_LATENCY, 100000, bare_ping_pong},
	{NULL, NULL, 0, 0, NULL},
};
