/*
 * demo-signals: a tour of signal handling (signal(7), sigaction(2), sigprocmask(2)).
 *  1. A handler runs when another process kill()s us, and siginfo names the sender.
 *  2. A blocked signal waits in the pending set; sent three times it is still delivered
 *     once when unblocked, because standard signals do not queue.
 *  3. A signal that arrives while we sleep in read() on an empty pipe interrupts it: EINTR,
 *     unless the handler was installed with SA_RESTART, then the read simply goes on.
 *  4. A child's exit sends us SIGCHLD, with its pid and exit status in siginfo.
 *  5. A child that touches an unmapped address catches its own SIGSEGV, with the address.
 * Read docs/signals.md alongside.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int caught, from_pid, child_status;

static void on_signal(int signal_number, siginfo_t *info, void *context)
{
	(void)signal_number;
	(void)context;
	caught++;
	from_pid = info->si_pid;
	child_status = info->si_status;
}

static void catch_with(int signal_number, int flags)
{
	struct sigaction action = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | flags};
	sigaction(signal_number, &action, NULL);
}

/* Until `pid` sleeps (its /proc status says "S"): it is inside its blocking call then. */
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

static pid_t spawn_killer(int signal_number, int times, bool when_asleep)
{
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		if (when_asleep)
			wait_until_sleeping(parent);
		for (int i = 0; i < times; i++)
			kill(parent, signal_number);
		_exit(0);
	}
	return child;
}

static void interrupted_read(bool restart)
{
	int pipe_fds[2];
	pipe(pipe_fds);
	catch_with(SIGUSR1, restart ? SA_RESTART : 0);
	caught = 0;
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, SIGUSR1);
		wait_until_sleeping(parent);
		write(pipe_fds[1], "x", 1);
		_exit(0);
	}
	char byte;
	ssize_t result = read(pipe_fds[0], &byte, 1);
	if (result < 0)
		printf("3. without SA_RESTART: read() returned -1, errno %s, after %d handler "
		       "run\n",
		       errno == EINTR ? "EINTR" : strerror(errno), caught);
	else
		printf("3. with SA_RESTART: read() went on and returned %zd byte '%c', after %d "
		       "handler run\n",
		       result, byte, caught);
	if (result < 0)
		read(pipe_fds[0], &byte, 1); /* let the child finish its write */
	waitpid(child, NULL, 0);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static void on_segv(int signal_number, siginfo_t *info, void *context)
{
	(void)signal_number;
	(void)context;
	printf("5. child caught SIGSEGV at address %p and exits cleanly\n", info->si_addr);
	_exit(0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0); /* children print too, and leave with _exit */
	catch_with(SIGUSR1, 0);
	pid_t child = spawn_killer(SIGUSR1, 1, true);
	while (!caught)
		pause();
	printf("1. handler caught SIGUSR1 from pid %d (the child was %d)\n", from_pid, child);
	waitpid(child, NULL, 0);

	sigset_t block, pending;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	caught = 0;
	child = spawn_killer(SIGUSR1, 3, false);
	waitpid(child, NULL, 0);
	sigpending(&pending);
	printf("2. sent 3 times while blocked: pending %s, handled %d times\n",
	       sigismember(&pending, SIGUSR1) ? "yes" : "no", caught);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	printf("2. unblocked: handled %d time (standard signals do not queue)\n", caught);

	interrupted_read(false);
	interrupted_read(true);

	catch_with(SIGCHLD, 0);
	sigset_t chld, empty;
	sigemptyset(&chld);
	sigemptyset(&empty);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	caught = 0;
	child = fork();
	if (child == 0)
		_exit(7);
	while (!caught)
		sigsuspend(&empty);
	printf("4. SIGCHLD: child %d exited with status %d\n", from_pid, child_status);
	waitpid(child, NULL, 0);

	child = fork();
	if (child == 0) {
		struct sigaction action = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
		sigaction(SIGSEGV, &action, NULL);
		volatile int *bad;
		__asm__("" : "=r"(bad) : "0"((uintptr_t)0x10));
		*bad = 1;
		_exit(1);
	}
	int status;
	waitpid(child, &status, 0);
	printf("demo-signals: done, %s\n",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "all as expected" : "FAILED");
	return 0;
}
