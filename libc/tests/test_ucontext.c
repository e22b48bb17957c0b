/*
 * Tests for user contexts (man 3 getcontext, man 3 makecontext, <ucontext.h>): a context
 * resumed twice, nested swaps, arguments through makecontext (registers and stack), the
 * return to uc_link and the exit when it is NULL, the SysV stack alignment at the entry
 * function, the signal mask and floating-point control words travelling with a context,
 * setcontext of a signal handler's own context, a switch out of a handler, and the errors.
 * Runs natively on the host (make test-libc-host) and inside Spindle (tests/boot/run.sh).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "test.h"

#define STACK_SIZE (64 * 1024)

static ucontext_t main_context, context_a, context_b;
static char stack_a[STACK_SIZE] __attribute__((aligned(16)));
static char stack_b[STACK_SIZE] __attribute__((aligned(16)));
static char trace[32];
static int trace_length;

static void note(char step)
{
	trace[trace_length++] = step;
	trace[trace_length] = '\0';
}

static void make(ucontext_t *context, char *stack, size_t size, ucontext_t *link)
{
	TEST_CHECK_EQUAL(getcontext(context), 0);
	context->uc_stack.ss_sp = stack;
	context->uc_stack.ss_size = size;
	context->uc_link = link;
}

static sigset_t current_mask(void)
{
	sigset_t mask;
	TEST_CHECK_EQUAL(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	return mask;
}

static void test_getcontext_resumes_twice(void)
{
	volatile int visits = 0;
	ucontext_t context;
	TEST_CHECK_EQUAL(getcontext(&context), 0);
	visits++;
	if (visits < 3)
		setcontext(&context);
	TEST_CHECK_EQUAL(visits, 3);
}

static void nested_b(void)
{
	note('b');
	TEST_CHECK_EQUAL(swapcontext(&context_b, &context_a), 0);
	note('B');
}

static void nested_a(void)
{
	note('a');
	TEST_CHECK_EQUAL(swapcontext(&context_a, &context_b), 0);
	note('A');
	TEST_CHECK_EQUAL(swapcontext(&context_a, &context_b), 0);
	note('!'); /* never: b returns to main through uc_link */
}

/* main -> a -> b -> a -> b -> (b returns) -> main */
static void test_nested_swaps(void)
{
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	makecontext(&context_a, nested_a, 0);
	make(&context_b, stack_b, sizeof(stack_b), &main_context);
	makecontext(&context_b, nested_b, 0);
	note('m');
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	note('M');
	TEST_CHECK_STRING(trace, "mabABM");
}

static long received[8];

static void eight_arguments(int a, long b, char *c, int d, int e, int f, long g, int h)
{
	received[0] = a, received[1] = b, received[2] = (long)(intptr_t)c, received[3] = d;
	received[4] = e, received[5] = f, received[6] = g, received[7] = h;
}

static void test_makecontext_passes_arguments(void)
{
	static char text[] = "pointer";
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	makecontext(&context_a, eight_arguments, 8, -1, 0x123456789abcL, text, 4, 5, 6,
		    -7000000000L, 8);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	TEST_CHECK_EQUAL(received[0], -1);
	TEST_CHECK_EQUAL(received[1], 0x123456789abcL);
	TEST_CHECK_EQUAL(received[2], (long)(intptr_t)text);
	TEST_CHECK_EQUAL(received[3], 4);
	TEST_CHECK_EQUAL(received[5], 6);
	TEST_CHECK_EQUAL(received[6], -7000000000L);
	TEST_CHECK_EQUAL(received[7], 8);
}

static volatile int link_reached;

static void returns_at_once(void)
{
	link_reached = 1;
}

/* uc_link need not be the context that switched in: here it is one made earlier. */
static void test_return_goes_to_uc_link(void)
{
	volatile int round = 0;
	ucontext_t landing;
	TEST_CHECK_EQUAL(getcontext(&landing), 0);
	if (round++ == 0) {
		make(&context_a, stack_a, sizeof(stack_a), &landing);
		makecontext(&context_a, returns_at_once, 0);
		setcontext(&context_a);
		TEST_CHECK(!"setcontext returned");
	}
	TEST_CHECK_EQUAL(round, 2);
	TEST_CHECK_EQUAL(link_reached, 1);
}

static void writes_then_returns(int fd)
{
	TEST_CHECK_EQUAL(write(fd, "r", 1), 1);
}

/* With uc_link NULL, the thread exits with status 0 when the function returns. */
static void test_null_uc_link_exits(void)
{
	int fds[2];
	TEST_CHECK_EQUAL(pipe(fds), 0);
	pid_t child = fork();
	TEST_CHECK(child >= 0);
	if (child == 0) {
		make(&context_a, stack_a, sizeof(stack_a), NULL);
		makecontext(&context_a, writes_then_returns, 1, fds[1]);
		setcontext(&context_a);
		_exit(3);
	}
	int status;
	char byte = 0;
	TEST_CHECK_EQUAL(waitpid(child, &status, 0), child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
	TEST_CHECK_EQUAL(read(fds[0], &byte, 1), 1);
	TEST_CHECK_EQUAL(byte, 'r');
}

static int alignment_checks;

/*
 * The ABI's entry state is rsp + 8 on a 16-byte boundary: then the frame pointer pushed by
 * the prologue is 16-aligned, and movaps to a 16-aligned local does not fault.
 */
static void check_alignment(void)
{
	float local[4] __attribute__((aligned(16))) = {1, 2, 3, 4};
	TEST_CHECK_EQUAL((uintptr_t)__builtin_frame_address(0) % 16, 0);
	__asm__ volatile("movaps %0, %%xmm0\n\tmovaps %%xmm0, %0" : "+m"(local) : : "xmm0");
	alignment_checks++;
}

static void aligned_none(void)
{
	check_alignment();
}

static void aligned_seven(int a, int b, int c, int d, int e, int f, int g)
{
	TEST_CHECK_EQUAL(a + b + c + d + e + f + g, 28);
	check_alignment();
}

static void aligned_eight(int a, int b, int c, int d, int e, int f, int g, int h)
{
	TEST_CHECK_EQUAL(a + b + c + d + e + f + g + h, 36);
	check_alignment();
}

static void test_entry_stack_is_aligned(void)
{
	/* Stacks whose top is 16-aligned, 8 past it, and odd. */
	static const size_t sizes[] = {STACK_SIZE, STACK_SIZE - 8, STACK_SIZE - 13};
	for (size_t i = 0; i < 3; i++) {
		make(&context_a, stack_a, sizes[i], &main_context);
		makecontext(&context_a, aligned_none, 0);
		TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
		make(&context_a, stack_a, sizes[i], &main_context);
		makecontext(&context_a, aligned_seven, 7, 1, 2, 3, 4, 5, 6, 7);
		TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
		make(&context_a, stack_a, sizes[i], &main_context);
		makecontext(&context_a, aligned_eight, 8, 1, 2, 3, 4, 5, 6, 7, 8);
		TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	}
	TEST_CHECK_EQUAL(alignment_checks, 9);
}

static sigset_t mask_seen;

static void record_mask(void)
{
	mask_seen = current_mask();
}

/* A context saved with SIGUSR1 blocked brings the block along, and leaving takes it away. */
static void test_signal_mask_travels_with_context(void)
{
	sigset_t usr1 = 0, empty = 0;
	sigaddset(&usr1, SIGUSR1);
	TEST_CHECK_EQUAL(sigprocmask(SIG_SETMASK, &usr1, NULL), 0);
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	makecontext(&context_a, record_mask, 0);
	TEST_CHECK_EQUAL(sigprocmask(SIG_SETMASK, &empty, NULL), 0);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	TEST_CHECK_EQUAL(mask_seen, usr1);
	TEST_CHECK_EQUAL(current_mask(), 0);
	/* And the other way round: main's mask is restored, not the function's. */
	TEST_CHECK_EQUAL(sigprocmask(SIG_SETMASK, &usr1, NULL), 0);
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	context_a.uc_sigmask = empty;
	makecontext(&context_a, record_mask, 0);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	TEST_CHECK_EQUAL(mask_seen, 0);
	TEST_CHECK_EQUAL(current_mask(), usr1);
}

static sigset_t kernel_mask(void)
{
	sigset_t mask = 0;
	TEST_CHECK_EQUAL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &mask, sizeof(mask)), 0);
	return mask;
}

static void record_kernel_mask(void)
{
	mask_seen = kernel_mask();
}

/*
 * The rule of <ucontext.h>: a switch between contexts whose mask equals the one libc
 * remembers makes no system call. Made visible by changing the mask behind libc's back
 * with a raw system call: had the switch called rt_sigprocmask, SIGUSR2 would be unblocked
 * inside the entered context, and main's saved mask would contain it.
 */
static void test_switch_with_same_mask_makes_no_system_call(void)
{
	sigset_t usr2 = 0;
	sigaddset(&usr2, SIGUSR2);
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	makecontext(&context_a, record_kernel_mask, 0);
	TEST_CHECK_EQUAL(context_a.uc_sigmask, 0);
	TEST_CHECK_EQUAL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &usr2, NULL, sizeof(usr2)), 0);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	TEST_CHECK_EQUAL(mask_seen, usr2);
	TEST_CHECK_EQUAL(main_context.uc_sigmask, 0);
	/* sigprocmask() makes libc forget, and the next switch installs the context's mask. */
	TEST_CHECK_EQUAL(sigprocmask(SIG_BLOCK, &usr2, NULL), 0);
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	context_a.uc_sigmask = 0;
	makecontext(&context_a, record_kernel_mask, 0);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), 0);
	TEST_CHECK_EQUAL(mask_seen, 0);
	TEST_CHECK_EQUAL(kernel_mask(), usr2);
}

static volatile int handler_runs;

/* Leaves the handler through setcontext of the kernel's context instead of returning. */
static void resume_interrupted(int signal_number, siginfo_t *info, void *context)
{
	(void)info;
	ucontext_t *interrupted = context;
	TEST_CHECK_EQUAL(signal_number, SIGUSR1);
	TEST_CHECK(interrupted->uc_flags & UC_SIGCONTEXT_SS);
	TEST_CHECK(current_mask() & (1ull << (SIGUSR1 - 1)));
	handler_runs++;
	setcontext(interrupted);
	TEST_CHECK(!"setcontext of the signal context returned");
}

static void test_setcontext_of_signal_context(void)
{
	struct sigaction action = {.sa_sigaction = resume_interrupted, .sa_flags = SA_SIGINFO};
	TEST_CHECK_EQUAL(sigaction(SIGUSR1, &action, NULL), 0);
	volatile long before = 0x5151;
	TEST_CHECK_EQUAL(raise(SIGUSR1), 0);
	TEST_CHECK_EQUAL(handler_runs, 1);
	TEST_CHECK_EQUAL(before, 0x5151);
	TEST_CHECK_EQUAL(current_mask(), 0); /* the handler's block of SIGUSR1 is gone */
	TEST_CHECK_EQUAL(raise(SIGUSR1), 0);
	TEST_CHECK_EQUAL(handler_runs, 2);
}

static ucontext_t handler_context;

static void runs_beside_handler(void)
{
	mask_seen = current_mask();
	swapcontext(&context_a, &handler_context);
}

static void switch_from_handler(int signal_number)
{
	(void)signal_number;
	swapcontext(&handler_context, &context_a);
	handler_runs++;
}

/*
 * A handler switches to a context saved outside it (as a preemptive scheduler would): that
 * context must run with its own mask, not the handler's (libc forgets the mask it knew
 * when a handler starts, so the switch asks the kernel).
 */
static void test_switch_out_of_handler_uses_context_mask(void)
{
	TEST_CHECK_EQUAL(current_mask(), 0);
	make(&context_a, stack_a, sizeof(stack_a), &main_context);
	makecontext(&context_a, runs_beside_handler, 0);
	signal(SIGUSR1, switch_from_handler);
	mask_seen = ~(sigset_t)0;
	TEST_CHECK_EQUAL(raise(SIGUSR1), 0);
	TEST_CHECK_EQUAL(handler_runs, 1);
	TEST_CHECK_EQUAL(mask_seen, 0);
	TEST_CHECK_EQUAL(current_mask(), 0);
}

static unsigned read_mxcsr(void)
{
	unsigned value;
	__asm__ volatile("stmxcsr %0" : "=m"(value));
	return value;
}

static void write_mxcsr(unsigned value)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(value));
}

static unsigned short read_fcw(void)
{
	unsigned short value;
	__asm__ volatile("fnstcw %0" : "=m"(value));
	return value;
}

static void write_fcw(unsigned short value)
{
	__asm__ volatile("fldcw %0" : : "m"(value));
}

/* MXCSR's rounding control and the x87 precision control come back with the context. */
static void test_floating_point_control_restored(void)
{
	unsigned mxcsr = read_mxcsr();
	unsigned short fcw = read_fcw();
	volatile int round = 0;
	ucontext_t context;
	write_mxcsr((mxcsr & ~0x6000u) | 0x4000u);	       /* round up */
	write_fcw((unsigned short)((fcw & ~0x300u) | 0x200u)); /* double precision */
	TEST_CHECK_EQUAL(getcontext(&context), 0);
	if (round++ == 0) {
		write_mxcsr(mxcsr);
		write_fcw(fcw);
		setcontext(&context);
	}
	TEST_CHECK_EQUAL(read_mxcsr() & 0x6000u, 0x4000u);
	TEST_CHECK_EQUAL(read_fcw() & 0x300u, 0x200u);
	write_mxcsr(mxcsr);
	write_fcw(fcw);
}

static void test_errors(void)
{
	errno = 0;
	TEST_CHECK_EQUAL(getcontext(NULL), -1);
	TEST_CHECK_EQUAL(errno, EFAULT);
	TEST_CHECK_EQUAL(setcontext(NULL), -1);
	TEST_CHECK_EQUAL(errno, EFAULT);
	TEST_CHECK_EQUAL(swapcontext(NULL, &main_context), -1);
	TEST_CHECK_EQUAL(errno, EFAULT);

	static ucontext_t never_filled;
	TEST_CHECK_EQUAL(setcontext(&never_filled), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);

	make(&context_a, NULL, STACK_SIZE, NULL);
	errno = 0;
	makecontext(&context_a, returns_at_once, 0);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(swapcontext(&main_context, &context_a), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);

	make(&context_a, stack_a, 32, NULL);
	makecontext(&context_a, returns_at_once, 0);
	TEST_CHECK_EQUAL(setcontext(&context_a), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);

	make(&context_a, stack_a, STACK_SIZE, NULL);
	makecontext(&context_a, returns_at_once, -1);
	TEST_CHECK_EQUAL(setcontext(&context_a), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(link_reached, 0);
}

static const struct libc_test tests[] = {
	{"getcontext resumes twice", test_getcontext_resumes_twice},
	{"nested swaps", test_nested_swaps},
	{"makecontext passes 8 arguments", test_makecontext_passes_arguments},
	{"return goes to uc_link", test_return_goes_to_uc_link},
	{"NULL uc_link exits 0", test_null_uc_link_exits},
	{"entry stack is 16-byte aligned", test_entry_stack_is_aligned},
	{"signal mask travels with context", test_signal_mask_travels_with_context},
	{"switch with the same mask makes no system call",
	 test_switch_with_same_mask_makes_no_system_call},
	{"setcontext of a signal context", test_setcontext_of_signal_context},
	{"switch out of handler uses context mask", test_switch_out_of_handler_uses_context_mask},
	{"floating-point control restored", test_floating_point_control_restored},
	{"errors", test_errors},
};

TEST_SUITE(ucontext, tests);
