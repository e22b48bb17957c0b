/*
 * Job control through musl's own wrappers (setsid, tcsetpgrp, tcgetpgrp, tcgetsid, and
 * ioctl TIOCSCTTY/TIOCSTI): a session takes the terminal, puts a job in the foreground,
 * "types" ^C and ^Z, and reads the wait statuses; a background read stops with SIGTTIN.
 * Prints one line per step; tests/user/musl_test.c compares them. termios(3), setpgid(2).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int terminal(void)
{
	int fd =
		open("/dev/ttyS0", O_RDWR | O_NOCTTY); /* Linux, where /dev/console cannot be one */
	return fd >= 0 ? fd : open("/dev/console", O_RDWR | O_NOCTTY);
}

/* A job in its own group that waits (or reads the terminal); returns its pid. */
static pid_t job(int fd, int reads)
{
	pid_t pid = fork();
	if (pid == 0) {
		char byte;
		setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL);
		if (reads)
			read(fd, &byte, 1);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	return pid;
}

static void describe(const char *what, int status)
{
	if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, WTERMSIG(status) == SIGINT ? "SIGINT" : "other");
	else if (WIFSTOPPED(status))
		printf("%s: stopped by %s\n", what,
		       WSTOPSIG(status) == SIGTSTP   ? "SIGTSTP"
		       : WSTOPSIG(status) == SIGTTIN ? "SIGTTIN"
						     : "other");
	else
		printf("%s: status %d\n", what, status);
}

static int session(void)
{
	struct termios saved, quiet;
	int status;
	char key;
	setsid();
	int fd = terminal();
	if (ioctl(fd, TIOCSCTTY, 0) != 0)
		return 1;
	signal(SIGTTOU, SIG_IGN);
	tcgetattr(fd, &saved);
	quiet = saved;
	quiet.c_lflag &= ~ECHO;
	tcsetattr(fd, TCSANOW, &quiet);
	printf("leader owns the terminal: %d\n",
	       tcgetpgrp(fd) == getpid() && tcgetsid(fd) == getpid());

	pid_t first = job(fd, 0);
	tcsetpgrp(fd, first);
	key = 3;
	ioctl(fd, TIOCSTI, &key);
	waitpid(first, &status, WUNTRACED);
	describe("^C", status);

	pid_t second = job(fd, 0);
	tcsetpgrp(fd, second);
	key = 26;
	ioctl(fd, TIOCSTI, &key);
	waitpid(second, &status, WUNTRACED);
	describe("^Z", status);
	kill(second, SIGKILL);
	waitpid(second, NULL, 0);

	tcsetpgrp(fd, getpgrp());
	pid_t reader = job(fd, 1);
	waitpid(reader, &status, WUNTRACED);
	describe("background read", status);
	kill(reader, SIGKILL);
	waitpid(reader, NULL, 0);
	tcsetattr(fd, TCSANOW, &saved);
	fflush(stdout);
	return 0;
}

int main(void)
{
	pid_t leader = fork();
	if (leader == 0)
		_exit(session());
	int status;
	waitpid(leader, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
