/*
 * demo-vfork: vfork() creates a child that borrows the parent's memory instead of copying
 * it, so the parent must not run until the child is done with it: the parent sleeps until
 * the child calls execve() or _exit(). The timestamps below show the parent frozen for as
 * long as the child dawdles, and the child's write to the shared variable seen by the
 * parent afterwards. Read docs/fork.md alongside.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long milliseconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int main(void)
{
	volatile int borrowed = 1;
	long start = milliseconds();
	printf("[%4ld ms] parent: calling vfork()\n", milliseconds() - start);
	fflush(stdout);
	pid_t child = vfork();
	if (child == 0) {
		/* The child runs first, on the parent's memory and stack. Only safe things here:
		 * write a variable, sleep, and then _exit or exec. */
		struct timespec pause = {0, 300 * 1000 * 1000};
		nanosleep(&pause, NULL);
		borrowed = 2;
		_exit(0);
	}
	printf("[%4ld ms] parent: running again -- it was asleep while the child used its "
	       "memory\n",
	       milliseconds() - start);
	printf("           the child's write is visible: borrowed = %d\n", borrowed);
	waitpid(child, NULL, 0);

	start = milliseconds();
	child = vfork();
	if (child == 0) {
		execl("/bin/echo", "echo",
		      "           (the second child is /bin/echo now; exec "
		      "gave it its own memory and woke the parent)",
		      (char *)NULL);
		_exit(127);
	}
	printf("[%4ld ms] parent: the second child exec'd, so the parent is already back\n",
	       milliseconds() - start);
	waitpid(child, NULL, 0);
	return 0;
}
