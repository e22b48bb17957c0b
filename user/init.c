/*
 * init: pid 1, the first user program (started by the kernel, see kernel/init/main.c).
 *
 * It starts the shell on the console and restarts it when it exits, and, like every init,
 * collects the exit status of any orphan the kernel hands it (otherwise they would stay
 * zombies forever). With arguments, it runs that command once instead and exits with its
 * status, which makes the kernel power QEMU off -- handy for scripted runs:
 *   init=/sbin/init /bin/ls /bin
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run argv[0] in a child. A login shell gets a session of its own that owns the console as
 * its controlling terminal (what getty does on Linux), so ^C and ^Z reach its jobs. */
static pid_t start(char *const argv[], bool login)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (login && (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) < 0))
			fprintf(stderr, "init: no controlling terminal: %s\n", strerror(errno));
		execv(argv[0], argv);
		fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork failed: %s\n", strerror(errno));
	return pid;
}

int main(int argc, char **argv)
{
	int status;
	if (argc > 1) {
		pid_t child = start(argv + 1, false);
		for (;;) {
			pid_t reaped = wait(&status);
			if (reaped == child || reaped < 0)
				break;
		}
		return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	printf("\nWelcome to Spindle. This is /bin/sh; type `demo` to see the demos, or try `ls "
	       "/bin`, `help`, `exit`.\n");
	char *shell[] = {"/bin/sh", NULL};
	for (;;) {
		pid_t child = start(shell, true);
		if (child < 0)
			return 1;
		for (;;) {
			pid_t reaped = wait(&status);
			if (reaped == child)
				break;
			if (reaped < 0 && errno == ECHILD)
				break;
		}
		printf("init: the shell exited (status %d); starting a new one\n", status);
	}
}
