/*
 * Signal handling (signal(7), sigaction(2), sigprocmask(2), sigreturn(2)): handlers get the
 * right signal number and siginfo, masks hold signals back until unblocked, rt_sigreturn
 * puts back every register, interrupted sleeps return EINTR or restart under SA_RESTART,
 * SIGCHLD reports exits, ignoring SIGCHLD reaps children, faults reach a handler with
 * si_addr, and bad arguments fail as on Linux. A child that must wait for its parent to
 * sleep reads the parent's State in /proc (no sleeps as synchronisation).
 */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "uapi/futex.h"
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

static volatile int handled_count;
static volatile int handled_signal;
static volatile int handled_code;
static volatile pid_t handled_pid;
static volatile int handled_status;
static void *volatile handled_address;
static volatile sigset_t mask_in_handler;
static volatile int handled_value;

#define SIGRTMIN_TEST 40 /* a real-time signal no libc reserves */

static void on_signal_info(int signal_number, siginfo_t *info, void *context)
{
	(void)context;
	handled_count++;
	handled_signal = signal_number;
	handled_code = info->si_code;
	handled_pid = info->si_pid;
	handled_status = info->si_status;
	handled_value = info->si_value.sival_int;
	sigset_t current;
	sigprocmask(SIG_BLOCK, NULL, &current);
	mask_in_handler = current;
}

static void on_signal(int signal_number)
{
	handled_count++;
	handled_signal = signal_number;
}

static int install(int signal_number, int flags)
{
	struct sigaction action = {0};
	if (flags & SA_SIGINFO)
		action.sa_sigaction = on_signal_info;
	else
		action.sa_handler = on_signal;
	action.sa_flags = flags;
	return sigaction(signal_number, &action, NULL);
}

static sigset_t set_of(int signal_number)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, signal_number);
	return set;
}

/* Spin (yielding) until process pid sleeps: it is then inside the blocking call. */
static void wait_until_sleeping(pid_t pid)
{
	char path[64], buffer[512];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t length = fd >= 0 ? read(fd, buffer, sizeof(buffer) - 1) : -1;
		if (fd >= 0)
			close(fd);
		buffer[length > 0 ? length : 0] = '\0';
		if (strstr(buffer, "State:\tS"))
			return;
		sched_yield();
	}
}

/* A child that sends `signal_number` to us once we sleep, then exits. */
static pid_t signal_me_when_asleep(int signal_number)
{
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, signal_number);
		_exit(0);
	}
	return child;
}

UTEST(signal_handler_gets_signo_and_siginfo)
{
	EXPECT_EQ(install(SIGUSR1, SA_SIGINFO), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(handled_signal, SIGUSR1);
	EXPECT_EQ(handled_code, SI_TKILL);
	EXPECT_EQ(handled_pid, getpid());
	/* The signal is blocked while its handler runs, and unblocked after. */
	EXPECT(sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 1);
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1) == 0);

	EXPECT_EQ(install(SIGUSR2, SA_SIGINFO), 0);
	EXPECT_EQ(kill(getpid(), SIGUSR2), 0);
	EXPECT_EQ(handled_count, 2);
	EXPECT_EQ(handled_signal, SIGUSR2);
	EXPECT_EQ(handled_code, SI_USER);
}

UTEST(signal_blocked_stays_pending_until_unblocked)
{
	EXPECT_EQ(install(SIGUSR1, 0), 0);
	sigset_t block = set_of(SIGUSR1), pending;
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(raise(SIGUSR1), 0); /* a standard signal pends only once */
	EXPECT_EQ(handled_count, 0);
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT(sigismember(&pending, SIGUSR1) == 1);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT(sigismember(&pending, SIGUSR1) == 0);
}

UTEST(signal_ignored_and_default_ignored_are_dropped)
{
	EXPECT(signal(SIGUSR1, SIG_IGN) == SIG_DFL);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT(signal(SIGUSR1, SIG_DFL) == SIG_IGN);
	EXPECT_EQ(raise(SIGWINCH), 0); /* default: ignore */
	sigset_t pending;
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT_EQ(pending, 0);
}

UTEST(signal_resethand_and_nodefer)
{
	EXPECT_EQ(install(SIGUSR1, SA_SIGINFO | SA_RESETHAND | SA_NODEFER), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(handled_count, 1);
	EXPECT(sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 0);
	struct sigaction old;
	EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	EXPECT(old.sa_handler == SIG_DFL);
}

UTEST(signal_default_action_terminates)
{
	pid_t child = fork();
	if (child == 0) {
		raise(SIGUSR1);
		_exit(0);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
}

static volatile int interrupted_loop_done;

static void on_signal_end_loop(int signal_number)
{
	(void)signal_number;
	/* Trash the registers the interrupted loop holds; rt_sigreturn must put them back. */
	__asm__ volatile("xor %%ebx, %%ebx\n\txor %%ecx, %%ecx\n\txor %%r8d, %%r8d\n\t"
			 "xor %%r9d, %%r9d\n\txor %%r10d, %%r10d\n\txor %%r11d, %%r11d\n\t"
			 "xor %%r12d, %%r12d\n\txor %%r13d, %%r13d\n\tpxor %%xmm0, %%xmm0"
			 :
			 :
			 : "rbx", "rcx", "r8", "r9", "r10", "r11", "r12", "r13", "xmm0");
	interrupted_loop_done = 1;
}

UTEST(signal_sigreturn_restores_registers_of_interrupted_loop)
{
	static const uint64_t values[9] = {
		0x1111111111111111, 0x2222222222222222, 0x3333333333333333,
		0x4444444444444444, 0x5555555555555555, 0x6666666666666666,
		0x7777777777777777, 0x8888888888888888, 0x9999999999999999};
	uint64_t seen[9] = {0};
	volatile int *ready =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(ready != MAP_FAILED);
	EXPECT_EQ(signal(SIGUSR1, on_signal_end_loop) != SIG_ERR, 1);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		while (!*ready)
			sched_yield();
		kill(parent, SIGUSR1);
		_exit(0);
	}
	/* The signal arrives while the loop spins in user mode: delivery on an interrupt
	 * return, so even rcx and r11 (which a syscall clobbers) must survive. */
	__asm__ volatile("mov 0(%[in]), %%rbx\n\t"
			 "mov 8(%[in]), %%rcx\n\t"
			 "mov 16(%[in]), %%r8\n\t"
			 "mov 24(%[in]), %%r9\n\t"
			 "mov 32(%[in]), %%r10\n\t"
			 "mov 40(%[in]), %%r11\n\t"
			 "mov 48(%[in]), %%r12\n\t"
			 "mov 56(%[in]), %%r13\n\t"
			 "movq 64(%[in]), %%xmm0\n\t"
			 "movl $1, (%[ready])\n"
			 "1:\tcmpl $0, %[done]\n\t"
			 "je 1b\n\t"
			 "mov %%rbx, 0(%[out])\n\t"
			 "mov %%rcx, 8(%[out])\n\t"
			 "mov %%r8, 16(%[out])\n\t"
			 "mov %%r9, 24(%[out])\n\t"
			 "mov %%r10, 32(%[out])\n\t"
			 "mov %%r11, 40(%[out])\n\t"
			 "mov %%r12, 48(%[out])\n\t"
			 "mov %%r13, 56(%[out])\n\t"
			 "movq %%xmm0, 64(%[out])"
			 :
			 : [in] "r"(values), [out] "r"(seen), [ready] "r"(ready),
			   [done] "m"(interrupted_loop_done)
			 : "rbx", "rcx", "r8", "r9", "r10", "r11", "r12", "r13", "xmm0", "memory");
	for (int i = 0; i < 9; i++)
		EXPECT_EQ(seen[i], values[i]);
	waitpid(child, NULL, 0);
	munmap((void *)ready, 4096);
}

UTEST(signal_interrupts_pipe_read_with_eintr)
{
	int pipe_fds[2];
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(install(SIGUSR1, 0), 0); /* no SA_RESTART */
	pid_t child = signal_me_when_asleep(SIGUSR1);
	char byte;
	EXPECT_ERRNO(read(pipe_fds[0], &byte, 1), EINTR);
	EXPECT_EQ(handled_count, 1);
	waitpid(child, NULL, 0);
}

UTEST(signal_sa_restart_restarts_pipe_read)
{
	int pipe_fds[2];
	EXPECT_EQ(pipe(pipe_fds), 0);
	EXPECT_EQ(install(SIGUSR1, SA_RESTART), 0);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, SIGUSR1);
		/* Once the parent sleeps again the read was restarted: give it data. */
		wait_until_sleeping(parent);
		write(pipe_fds[1], "x", 1);
		_exit(0);
	}
	char byte = 0;
	EXPECT_EQ(read(pipe_fds[0], &byte, 1), 1);
	EXPECT_EQ(byte, 'x');
	EXPECT_EQ(handled_count, 1);
	waitpid(child, NULL, 0);
}

UTEST(signal_interrupts_nanosleep_with_remaining_time)
{
	EXPECT_EQ(install(SIGUSR1, SA_RESTART), 0); /* nanosleep never restarts */
	pid_t child = signal_me_when_asleep(SIGUSR1);
	struct timespec request = {.tv_sec = 100}, remaining = {0};
	EXPECT_ERRNO(nanosleep(&request, &remaining), EINTR);
	EXPECT(remaining.tv_sec > 0 && remaining.tv_sec <= 100);
	EXPECT_EQ(handled_count, 1);
	waitpid(child, NULL, 0);
}

UTEST(signal_sigchld_reports_exit_and_sigsuspend_waits)
{
	EXPECT_EQ(install(SIGCHLD, SA_SIGINFO), 0);
	sigset_t block = set_of(SIGCHLD), empty;
	sigemptyset(&empty);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	pid_t child = fork();
	if (child == 0)
		_exit(7);
	EXPECT_ERRNO(sigsuspend(&empty), EINTR);
	EXPECT_EQ(handled_signal, SIGCHLD);
	EXPECT_EQ(handled_code, CLD_EXITED);
	EXPECT_EQ(handled_pid, child);
	EXPECT_EQ(handled_status, 7);
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGCHLD) == 1); /* sigsuspend put the old mask back */
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

UTEST(signal_sigchld_ignored_reaps_children)
{
	EXPECT(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	pid_t child = fork();
	if (child == 0)
		_exit(3);
	EXPECT_ERRNO(wait(NULL), ECHILD);
}

/* Write to an unmapped address the compiler cannot see through. */
static void touch_address(uintptr_t address)
{
	volatile int *pointer;
	__asm__("" : "=r"(pointer) : "0"(address));
	*pointer = 1;
}

static void on_segv(int signal_number, siginfo_t *info, void *context)
{
	(void)context;
	bool right = signal_number == SIGSEGV && info->si_addr == (void *)0x10 &&
		     info->si_code == SEGV_MAPERR;
	_exit(right ? 42 : 1);
}

UTEST(signal_sigsegv_handler_gets_fault_address)
{
	pid_t child = fork();
	if (child == 0) {
		struct sigaction action = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
		sigaction(SIGSEGV, &action, NULL);
		touch_address(0x10);
		_exit(2);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

UTEST(signal_blocked_sigsegv_still_kills)
{
	pid_t child = fork();
	if (child == 0) {
		struct sigaction action = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
		sigaction(SIGSEGV, &action, NULL);
		sigset_t block = set_of(SIGSEGV);
		sigprocmask(SIG_BLOCK, &block, NULL);
		touch_address(0x10);
		_exit(2);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

static void on_signal_bad_stack(int signal_number)
{
	(void)signal_number;
}

UTEST(signal_frame_on_bad_stack_kills_with_sigsegv)
{
	pid_t child = fork();
	if (child == 0) {
		signal(SIGUSR1, on_signal_bad_stack);
		__asm__ volatile(
			"mov $16, %%rsp\n\t"
			"mov %[number], %%eax\n\t"
			"mov %[pid], %%edi\n\t"
			"mov %[signal], %%esi\n\t"
			"syscall\n\t"
			"ud2"
			:
			: [number] "i"(SYS_kill), [pid] "r"(getpid()), [signal] "i"(SIGUSR1)
			: "rax", "rdi", "rsi", "memory");
		_exit(2);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

UTEST(signal_errors_match_linux)
{
	struct sigaction action = {.sa_handler = on_signal};
	EXPECT_ERRNO(sigaction(SIGKILL, &action, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &action, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(0, &action, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(65, &action, NULL), EINVAL);
	EXPECT_EQ(sigaction(SIGKILL, NULL, &action), 0); /* reading is allowed */
	EXPECT_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, (void *)16, NULL, 8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)16, NULL, 8), EFAULT);
	sigset_t set = set_of(SIGUSR1), old;
	EXPECT_ERRNO(sigprocmask(99, &set, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 16), EINVAL);
	EXPECT_ERRNO(sigaddset(&set, 0), EINVAL);
	/* SIGKILL and SIGSTOP cannot be blocked: they are dropped from the mask. */
	sigfillset(&set);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, NULL, &old), 0);
	EXPECT(sigismember(&old, SIGKILL) == 0 && sigismember(&old, SIGSTOP) == 0);
	EXPECT(sigismember(&old, SIGUSR1) == 1);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

static void *install_from_thread(void *argument)
{
	(void)argument;
	return (void *)(long)install(SIGUSR1, SA_SIGINFO);
}

UTEST(signal_handlers_are_shared_by_threads)
{
	pthread_t thread;
	void *result = (void *)1;
	EXPECT_EQ(pthread_create(&thread, NULL, install_from_thread, NULL), 0);
	EXPECT_EQ(pthread_join(thread, &result), 0);
	EXPECT(result == NULL);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0); /* process-directed, handler set by the thread */
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(handled_signal, SIGUSR1);
}

static char alternate_stack[4 * SIGSTKSZ];
static volatile uintptr_t handler_local_address;
static volatile int altstack_flags_in_handler;

static void on_signal_note_stack(int signal_number)
{
	int local;
	stack_t now;
	(void)signal_number;
	handler_local_address = (uintptr_t)&local;
	sigaltstack(NULL, &now);
	altstack_flags_in_handler = now.ss_flags;
	/* In use: it cannot be changed now. */
	stack_t other = {.ss_sp = alternate_stack, .ss_size = SIGSTKSZ};
	if (sigaltstack(&other, NULL) == 0 || errno != EPERM)
		altstack_flags_in_handler = -1;
}

UTEST(signal_sa_onstack_runs_handler_on_sigaltstack)
{
	stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof(alternate_stack)}, old;
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
	EXPECT_EQ(sigaltstack(&stack, NULL), 0);
	struct sigaction action = {.sa_handler = on_signal_note_stack, .sa_flags = SA_ONSTACK};
	EXPECT_EQ(sigaction(SIGUSR1, &action, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	uintptr_t base = (uintptr_t)alternate_stack;
	EXPECT(handler_local_address > base &&
	       handler_local_address < base + sizeof(alternate_stack));
	EXPECT_EQ(altstack_flags_in_handler, SS_ONSTACK);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, 0);
	EXPECT(old.ss_sp == alternate_stack && old.ss_size == sizeof(alternate_stack));

	stack_t small = {.ss_sp = alternate_stack, .ss_size = MINSIGSTKSZ - 1};
	EXPECT_ERRNO(sigaltstack(&small, NULL), ENOMEM);
	stack_t bad_flags = {.ss_sp = alternate_stack, .ss_size = SIGSTKSZ, .ss_flags = 4};
	EXPECT_ERRNO(sigaltstack(&bad_flags, NULL), EINVAL);
	stack_t disable = {.ss_flags = SS_DISABLE};
	EXPECT_EQ(sigaltstack(&disable, NULL), 0);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
}

static void on_overflow(int signal_number)
{
	(void)signal_number;
	_exit(42);
}

/* Recurses until the stack runs out (depth is never reached). */
static int recurse(volatile char *previous, long depth)
{
	volatile char frame[256];
	frame[0] = previous ? previous[0] + 1 : 0;
	if (depth == 0)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

UTEST(signal_stack_overflow_caught_on_sigaltstack)
{
	pid_t child = fork();
	if (child == 0) {
		stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof(alternate_stack)};
		sigaltstack(&stack, NULL);
		struct sigaction action = {.sa_handler = on_overflow, .sa_flags = SA_ONSTACK};
		sigaction(SIGSEGV, &action, NULL);
		recurse(NULL, 1L << 40);
		_exit(1);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

UTEST(signal_sigwaitinfo_takes_blocked_signal_without_handler)
{
	EXPECT_EQ(install(SIGUSR1, 0), 0);
	sigset_t set = set_of(SIGUSR1);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(sigwaitinfo(&set, &info), SIGUSR1);
	EXPECT_EQ(info.si_signo, SIGUSR1);
	EXPECT_EQ(info.si_code, SI_TKILL);
	EXPECT_EQ(info.si_pid, getpid());
	EXPECT_EQ(handled_count, 0);
	sigset_t pending;
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT_EQ(pending, 0);

	struct timespec zero = {0, 0};
	EXPECT_ERRNO(sigtimedwait(&set, NULL, &zero), EAGAIN);
	struct timespec bad = {0, 1000000000};
	EXPECT_ERRNO(sigtimedwait(&set, NULL, &bad), EINVAL);

	/* A signal sent while we wait wakes us. */
	pid_t child = signal_me_when_asleep(SIGUSR1);
	int number = 0;
	EXPECT_EQ(sigwait(&set, &number), 0);
	EXPECT_EQ(number, SIGUSR1);
	EXPECT_EQ(handled_count, 0);
	waitpid(child, NULL, 0);
	/* The mask is what it was before the wait. */
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1) == 1);
}

UTEST(signal_alarm_sends_sigalrm)
{
	EXPECT_EQ(install(SIGALRM, SA_SIGINFO), 0);
	EXPECT_EQ(alarm(100), 0u);
	EXPECT_EQ(alarm(1), 100u); /* replaces the first, reports what was left */
	while (handled_count == 0)
		pause();
	EXPECT_EQ(handled_signal, SIGALRM);
	EXPECT_EQ(handled_code, SI_KERNEL);
	EXPECT_EQ(alarm(0), 0u); /* nothing left */
}

UTEST(signal_setitimer_repeats_and_getitimer_reports)
{
	EXPECT_EQ(install(SIGALRM, 0), 0);
	struct itimerval value = {.it_interval = {0, 5000}, .it_value = {0, 5000}}, now;
	EXPECT_EQ(setitimer(ITIMER_REAL, &value, NULL), 0);
	while (handled_count < 3)
		pause();
	EXPECT_EQ(getitimer(ITIMER_REAL, &now), 0);
	EXPECT_EQ(now.it_interval.tv_usec, 5000);
	struct itimerval off = {0}, old;
	EXPECT_EQ(setitimer(ITIMER_REAL, &off, &old), 0);
	EXPECT_EQ(old.it_interval.tv_usec, 5000);
	EXPECT_EQ(getitimer(ITIMER_REAL, &now), 0);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
	struct itimerval bad = {.it_value = {0, 1000000}};
	EXPECT_ERRNO(setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
	EXPECT_ERRNO(setitimer(5, &value, NULL), EINVAL);
}

UTEST(signal_alarm_default_action_terminates)
{
	pid_t child = fork();
	if (child == 0) {
		alarm(1);
		for (;;)
			pause();
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM);
}

UTEST(signal_sigpipe_ignored_gives_epipe)
{
	int pipe_fds[2];
	EXPECT_EQ(pipe(pipe_fds), 0);
	close(pipe_fds[0]);
	EXPECT(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	EXPECT_ERRNO(write(pipe_fds[1], "x", 1), EPIPE);
	EXPECT_EQ(install(SIGPIPE, SA_SIGINFO), 0);
	EXPECT_ERRNO(write(pipe_fds[1], "x", 1), EPIPE);
	EXPECT_EQ(handled_signal, SIGPIPE);
	close(pipe_fds[1]);
}

static volatile pid_t handler_thread_id;

static void on_signal_note_thread(int signal_number)
{
	(void)signal_number;
	handler_thread_id = gettid();
}

static void *wait_for_any_signal(void *argument)
{
	sigset_t none;
	sigemptyset(&none);
	*(volatile pid_t *)argument = gettid();
	while (!handler_thread_id)
		sigsuspend(&none);
	return NULL;
}

UTEST(signal_process_directed_goes_to_thread_not_blocking_it)
{
	EXPECT(signal(SIGUSR1, on_signal_note_thread) != SIG_ERR);
	sigset_t block = set_of(SIGUSR1);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0); /* the thread inherits it... */
	volatile pid_t thread_id = 0;
	pthread_t thread;
	EXPECT_EQ(pthread_create(&thread, NULL, wait_for_any_signal, (void *)&thread_id), 0);
	while (!thread_id)
		sched_yield();
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0); /* ...but unblocks it inside sigsuspend */
	EXPECT_EQ(pthread_join(thread, NULL), 0);
	EXPECT_EQ(handler_thread_id, thread_id);
	EXPECT(handler_thread_id != gettid());
}

static void *spin_until_signalled(void *argument)
{
	(void)argument;
	while (!handler_thread_id)
		sched_yield();
	return NULL;
}

UTEST(signal_tgkill_reaches_that_thread)
{
	EXPECT(signal(SIGUSR1, on_signal_note_thread) != SIG_ERR);
	volatile pid_t thread_id = 0;
	pthread_t thread, spinner;
	sigset_t block = set_of(SIGUSR1);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	EXPECT_EQ(pthread_create(&thread, NULL, wait_for_any_signal, (void *)&thread_id), 0);
	EXPECT_EQ(pthread_create(&spinner, NULL, spin_until_signalled, NULL), 0);
	while (!thread_id)
		sched_yield();
	EXPECT_EQ(syscall(SYS_tgkill, getpid(), thread_id, SIGUSR1), 0);
	EXPECT_EQ(pthread_join(thread, NULL), 0);
	EXPECT_EQ(pthread_join(spinner, NULL), 0);
	EXPECT_EQ(handler_thread_id, thread_id);
}

UTEST(signal_sigqueue_carries_a_value)
{
	EXPECT_EQ(install(SIGRTMIN_TEST, SA_SIGINFO), 0);
	union sigval value = {.sival_int = 4242};
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN_TEST, value), 0);
	EXPECT_EQ(handled_signal, SIGRTMIN_TEST);
	EXPECT_EQ(handled_code, SI_QUEUE);
	EXPECT_EQ(handled_pid, getpid());
	EXPECT_EQ(handled_value, 4242);

	/* From a child to its parent. */
	pid_t parent = getpid();
	sigset_t block = set_of(SIGUSR2);
	EXPECT_EQ(install(SIGUSR2, SA_SIGINFO), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	pid_t child = fork();
	if (child == 0) {
		union sigval from_child = {.sival_int = 7};
		_exit(sigqueue(parent, SIGUSR2, from_child) == 0 ? 0 : 1);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	EXPECT_EQ(handled_signal, SIGUSR2);
	EXPECT_EQ(handled_pid, child);
	EXPECT_EQ(handled_value, 7);

	/* Pretending to be the kernel (si_code >= 0) is for signalling oneself only. */
	siginfo_t forged;
	memset(&forged, 0, sizeof(forged));
	forged.si_code = SI_USER;
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &forged), EPERM);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getpid(), 65, &forged), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (void *)16), EFAULT);
}

static volatile int queued_values[8];
static volatile int queued_count;

static void on_queued(int signal_number, siginfo_t *info, void *context)
{
	(void)signal_number;
	(void)context;
	if (queued_count < 8)
		queued_values[queued_count] = info->si_value.sival_int;
	queued_count++;
}

UTEST(signal_realtime_signals_queue_in_order)
{
	struct sigaction action = {.sa_sigaction = on_queued, .sa_flags = SA_SIGINFO};
	EXPECT_EQ(sigaction(SIGRTMIN_TEST, &action, NULL), 0);
	sigset_t block = set_of(SIGRTMIN_TEST);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	for (int i = 1; i <= 3; i++) {
		union sigval value = {.sival_int = i * 10};
		EXPECT_EQ(sigqueue(getpid(), SIGRTMIN_TEST, value), 0);
	}
	EXPECT_EQ(queued_count, 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	EXPECT_EQ(queued_count, 3);
	EXPECT_EQ(queued_values[0], 10);
	EXPECT_EQ(queued_values[1], 20);
	EXPECT_EQ(queued_values[2], 30);

	/* Ignoring the signal throws away every queued instance. */
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	union sigval value = {.sival_int = 1};
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN_TEST, value), 0);
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN_TEST, value), 0);
	EXPECT(signal(SIGRTMIN_TEST, SIG_IGN) != SIG_ERR);
	sigset_t pending;
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT(sigismember(&pending, SIGRTMIN_TEST) == 0);
	/* Left pending at exit: freed with the process (the leak check would notice). */
	EXPECT_EQ(sigaction(SIGRTMIN_TEST, &action, NULL), 0);
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN_TEST, value), 0);
}

/* A shared futex word; the child interrupts our wait, then (if asked) wakes it for real. */
static long futex_wait_interrupted(bool restart)
{
	volatile int *word =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(word != MAP_FAILED);
	EXPECT_EQ(install(SIGUSR1, restart ? SA_RESTART : 0), 0);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, SIGUSR1);
		if (restart) {
			wait_until_sleeping(parent);
			*word = 1;
			syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
		}
		_exit(0);
	}
	errno = 0;
	long result = syscall(SYS_futex, word, FUTEX_WAIT, 0, NULL, NULL, 0);
	int saved_errno = errno;
	waitpid(child, NULL, 0);
	munmap((void *)word, 4096);
	errno = saved_errno;
	return result;
}

UTEST(signal_futex_wait_eintr_or_restart)
{
	EXPECT_ERRNO(futex_wait_interrupted(false), EINTR);
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(futex_wait_interrupted(true), 0);
	EXPECT_EQ(handled_count, 2);
}

UTEST(signal_sigstop_sigcont_with_wuntraced_wcontinued)
{
	pid_t child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	/* Its own process group, whose parent (we) is in another group of the session: not
	 * an orphaned group, where Linux discards SIGTSTP (signal(7)) -- as it would be when
	 * the suite runs as init. */
	setpgid(child, child);
	int status = 0;
	EXPECT_EQ(kill(child, SIGSTOP), 0);
	EXPECT_EQ(waitpid(child, &status, WUNTRACED), child);
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	EXPECT_EQ(waitpid(child, &status, WUNTRACED | WNOHANG), 0); /* reported once */
	EXPECT_EQ(kill(child, SIGCONT), 0);
	EXPECT_EQ(waitpid(child, &status, WCONTINUED), child);
	EXPECT(WIFCONTINUED(status));
	/* SIGTSTP stops too; SIGKILL ends a stopped process. */
	EXPECT_EQ(kill(child, SIGTSTP), 0);
	EXPECT_EQ(waitpid(child, &status, WUNTRACED), child);
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
	EXPECT_EQ(kill(child, SIGKILL), 0);
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

UTEST(signal_sigchld_reports_stop_and_continue)
{
	EXPECT_EQ(install(SIGCHLD, SA_SIGINFO), 0);
	sigset_t block = set_of(SIGCHLD), empty;
	sigemptyset(&empty);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	pid_t child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	EXPECT_EQ(kill(child, SIGSTOP), 0);
	while (handled_count < 1)
		sigsuspend(&empty);
	EXPECT_EQ(handled_code, CLD_STOPPED);
	EXPECT_EQ(handled_status, SIGSTOP);
	EXPECT_EQ(handled_pid, child);
	EXPECT_EQ(kill(child, SIGCONT), 0);
	while (handled_count < 2)
		sigsuspend(&empty);
	EXPECT_EQ(handled_code, CLD_CONTINUED);
	EXPECT_EQ(handled_status, SIGCONT);
	EXPECT_EQ(kill(child, SIGKILL), 0);
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
}

UTEST(signal_sigtstp_discarded_in_orphaned_group)
{
	pid_t child = fork();
	if (child == 0) {
		setsid(); /* a new session: its group has no parent in the same session */
		raise(SIGTSTP); /* orphaned group: discarded, not a stop (signal(7)) */
		raise(SIGTTIN);
		_exit(42);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, WUNTRACED), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}
