/*
 * More signal handling (signal(7), sigwaitinfo(2), sigqueue(3)): waiting for signals,
 * SIGPIPE, signals to threads, queued real-time signals, restarts of futex and socket
 * waits, stop and continue, orphaned groups. The alternate stack is in signal_stack_test.c,
 * the timers in signal_timer_test.c.
 */
#include <sys/socket.h>

#include "signal_helpers.h"

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

/* recv on a UNIX socket is restarted under SA_RESTART (signal(7) lists the socket calls
 * without a timeout among those that restart). */
static long socket_receive_interrupted(bool restart)
{
	int pair[2];
	char byte = 0;
	EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	EXPECT_EQ(install(SIGUSR1, restart ? SA_RESTART : 0), 0);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, SIGUSR1);
		if (restart) {
			wait_until_sleeping(parent);
			write(pair[1], "r", 1);
		}
		_exit(0);
	}
	errno = 0;
	long result = recv(pair[0], &byte, 1, 0);
	int saved_errno = errno;
	waitpid(child, NULL, 0);
	close(pair[0]);
	close(pair[1]);
	errno = saved_errno;
	return result == 1 && byte != 'r' ? -2 : result;
}

UTEST(signal_socket_recv_eintr_or_restart)
{
	EXPECT_ERRNO(socket_receive_interrupted(false), EINTR);
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(socket_receive_interrupted(true), 1);
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
		setsid();	/* a new session: its group has no parent in the same session */
		raise(SIGTSTP); /* orphaned group: discarded, not a stop (signal(7)) */
		raise(SIGTTIN);
		_exit(42);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, WUNTRACED), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

/* The 16-hex-digit mask after "key:\t" in /proc/self/status (proc(5)). */
static uint64_t status_mask(const char *key)
{
	static char text[2048];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t length = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[length > 0 ? length : 0] = '\0';
	char *line = strstr(text, key);
	return line ? strtoull(line + strlen(key) + 2, NULL, 16) : ~0ull;
}

UTEST(signal_masks_in_proc_status)
{
	EXPECT_EQ(install(SIGUSR1, 0), 0);
	signal(SIGUSR2, SIG_IGN);
	sigset_t block = set_of(SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGTERM); /* process-directed, blocked: stays in the shared set */
	EXPECT_EQ(status_mask("SigBlk"), 1ull << (SIGTERM - 1));
	EXPECT_EQ(status_mask("ShdPnd"), 1ull << (SIGTERM - 1));
	EXPECT_EQ(status_mask("SigIgn") & (1ull << (SIGUSR2 - 1)), 1ull << (SIGUSR2 - 1));
	EXPECT_EQ(status_mask("SigCgt") & (1ull << (SIGUSR1 - 1)), 1ull << (SIGUSR1 - 1));
}

UTEST(signal_waitid_stops_alone_and_exits)
{
	pid_t child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	setpgid(child, child); /* not an orphaned group (see above) */
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(kill(child, SIGSTOP), 0);
	/* WSTOPPED without WEXITED: the stop is reported; WNOWAIT leaves it reportable. */
	EXPECT_EQ(waitid(P_PID, (id_t)child, &info, WSTOPPED | WNOWAIT), 0);
	EXPECT_EQ(info.si_pid, child);
	EXPECT_EQ(info.si_code, CLD_STOPPED);
	EXPECT_EQ(info.si_status, SIGSTOP);
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(waitid(P_PID, (id_t)child, &info, WSTOPPED), 0);
	EXPECT_EQ(info.si_code, CLD_STOPPED);
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(waitid(P_PID, (id_t)child, &info, WSTOPPED | WNOHANG), 0);
	EXPECT_EQ(info.si_pid, 0); /* nothing new to report */
	EXPECT_EQ(kill(child, SIGKILL), 0);
	/* An exit is not a stop: to a wait for stops alone the zombie is no candidate at all
	 * (ECHILD, as on Linux)... */
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(waitid(P_PID, (id_t)child, &info, WEXITED | WNOWAIT), 0);
	EXPECT_EQ(info.si_code, CLD_KILLED);
	EXPECT_ERRNO(waitid(P_PID, (id_t)child, &info, WSTOPPED | WNOHANG), ECHILD);
	/* ...WEXITED does. */
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(waitid(P_PID, (id_t)child, &info, WEXITED), 0);
	EXPECT_EQ(info.si_code, CLD_KILLED);
	EXPECT_EQ(info.si_status, SIGKILL);
	EXPECT_ERRNO(waitid(P_PID, (id_t)child, &info, WEXITED | WNOHANG), ECHILD);
}

UTEST(signal_ppoll_and_pselect6_wait_under_their_mask)
{
	EXPECT_EQ(install(SIGUSR1, SA_SIGINFO), 0);
	sigset_t blocked = set_of(SIGUSR1), open_mask;
	sigemptyset(&open_mask);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &blocked, NULL), 0);
	int fds[2];
	pipe(fds);
	struct {
		int fd;
		short events, revents;
	} entry = {fds[0], 1 /* POLLIN */, 0};
	/* SIGUSR1 is blocked, but ppoll waits with it open: the signal interrupts the wait
	 * (EINTR), the handler runs, and the old mask is back afterwards. */
	pid_t child = signal_me_when_asleep(SIGUSR1);
	EXPECT_ERRNO(syscall(SYS_ppoll, &entry, 1, NULL, &open_mask, 8), EINTR);
	EXPECT_EQ(handled_count, 1);
	EXPECT_EQ(handled_signal, SIGUSR1);
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1) == 1);
	waitpid(child, NULL, 0);
	/* Not interrupted: the mask is put back at once. */
	struct timespec zero = {0, 0};
	EXPECT_EQ(syscall(SYS_ppoll, &entry, 1, &zero, &open_mask, 8), 0);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1) == 1);
	EXPECT_ERRNO(syscall(SYS_ppoll, &entry, 1, &zero, &open_mask, 4), EINVAL);
	/* pselect6: the mask comes as a {pointer, size} pair. */
	struct {
		const sigset_t *mask;
		size_t size;
	} pair = {&open_mask, 8};
	child = signal_me_when_asleep(SIGUSR1);
	unsigned long read_set = 1ul << fds[0];
	EXPECT_ERRNO(syscall(SYS_pselect6, fds[0] + 1, &read_set, NULL, NULL, NULL, &pair), EINTR);
	EXPECT_EQ(handled_count, 2);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1) == 1);
	waitpid(child, NULL, 0);
	close(fds[0]);
	close(fds[1]);
}
