/*
 * Signal handling (signal(7), sigaction(2), sigprocmask(2), sigreturn(2)): handlers get the
 * right signal number and siginfo, masks hold signals back until unblocked, rt_sigreturn
 * puts back every register, interrupted sleeps return EINTR or restart under SA_RESTART,
 * SIGCHLD reports exits, ignoring SIGCHLD reaps children, faults reach a handler with
 * si_addr, and bad arguments fail as on Linux. A child that must wait for its parent to
 * sleep reads the parent's State in /proc (no sleeps as synchronisation).
 */
#include "signal_helpers.h"

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
