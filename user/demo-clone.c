/*
 * demo-clone: one system call, clone(), makes both processes and threads; the flags decide
 * what the child shares. Each child prints its ids: the pid (gettid()), the thread-group id
 * (getpid()) and its parent's id. A thread keeps the creator's tgid -- it is the same
 * process -- while every other child is a new process with tgid == pid.
 * Read docs/fork.md and docs/tasks.md alongside.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)

static int memory_probe;

static void row(const char *what, const char *memory)
{
	printf("%-34s %5ld %5d %5d   %s\n", what, syscall(SYS_gettid), getpid(), getppid(), memory);
	fflush(stdout);
}

static int clone_child(void *argument)
{
	memory_probe = 1; /* visible to the parent only if the memory is shared */
	row(argument, "");
	return 0;
}

static void *thread_main(void *argument)
{
	row(argument, "shared (same process)");
	return NULL;
}

static void run_clone(const char *what, int flags)
{
	char *stack = malloc(STACK_SIZE);
	memory_probe = 0;
	pid_t child = clone(clone_child, stack + STACK_SIZE, flags | SIGCHLD, (void *)what);
	waitpid(child, NULL, 0);
	printf("%-34s %27s\n", "",
	       memory_probe ? "-> the parent saw its write: shared"
			    : "-> the parent did not: copied");
	free(stack);
}

int main(void)
{
	printf("%-34s %5s %5s %5s   %s\n", "who", "pid", "tgid", "ppid", "memory");
	row("the demo itself (main thread)", "");

	run_clone("clone(SIGCHLD) = fork()", 0);
	run_clone("clone(CLONE_VM | CLONE_FS | ...)", CLONE_VM | CLONE_FS | CLONE_FILES);

	pthread_t thread;
	pthread_create(&thread, NULL, thread_main, "pthread_create() (CLONE_THREAD)");
	pthread_join(thread, NULL);

	memory_probe = 0;
	pid_t child = vfork();
	if (child == 0) {
		memory_probe = 1;
		printf("%-34s %5ld %5d %5d   %s\n", "vfork()", syscall(SYS_gettid), getpid(),
		       getppid(), "borrowed; the parent sleeps");
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("\nA thread has its own pid but the process's tgid: getpid() is the tgid.\n");
	return 0;
}
