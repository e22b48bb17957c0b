/*
 * Tests for processes (man 2 fork, man 2 vfork, man 2 execve, man 3 execvp, man 2 wait4,
 * man 2 waitid, man 2 kill, man 3 exit, man 3 atexit, man 3 abort): exit statuses and
 * signals as the parent sees them, exec success and failure, and the order of exit work.
 * Synchronisation is by pipes and waitpid only, never by sleeping.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

/* Waits for child and returns its status word. */
static int wait_for(pid_t child)
{
	int status = -1;

	TEST_CHECK_EQUAL(waitpid(child, &status, 0), child);
	return status;
}

static void test_fork_exit_status(void)
{
	pid_t parent = getpid(), child = fork();
	int status;

	TEST_CHECK(child >= 0);
	if (child == 0) {
		if (getppid() != parent)
			_exit(99);
		_exit(42);
	}
	TEST_CHECK(child != parent);
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK(!WIFSIGNALED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 42);
	errno = 0;
	TEST_CHECK_EQUAL(wait(&status), -1);
	TEST_CHECK_EQUAL(errno, ECHILD);
}

static void test_killed_child(void)
{
	int fds[2], status;
	char byte;
	pid_t child;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		close(fds[1]);
		read(fds[0], &byte, 1); /* blocks until the parent kills us */
		_exit(0);
	}
	close(fds[0]);
	/* Still running: WNOHANG finds nothing to reap. */
	TEST_CHECK_EQUAL(waitpid(child, &status, WNOHANG), 0);
	TEST_CHECK_EQUAL(kill(child, SIGKILL), 0);
	status = wait_for(child);
	TEST_CHECK(WIFSIGNALED(status));
	TEST_CHECK(!WIFEXITED(status));
	TEST_CHECK_EQUAL(WTERMSIG(status), SIGKILL);
	close(fds[1]);
	TEST_CHECK_EQUAL(kill(child, 0), -1);
	TEST_CHECK_EQUAL(errno, ESRCH);
}

static void test_vfork(void)
{
	volatile int shared = 0;
	pid_t child = vfork();
	int status;

	if (child == 0) {
		/* The child borrows the parent's memory until _exit. */
		shared = 7;
		_exit(3);
	}
	TEST_CHECK(child > 0);
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 3);
	TEST_CHECK_EQUAL(shared, 7);
}

static void test_vfork_exec(void)
{
	char *argv[] = {"true", NULL};
	pid_t child = vfork();
	int status;

	if (child == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
}

static void test_execve(void)
{
	char *true_argv[] = {"true", NULL};
	char *false_argv[] = {"false", NULL};
	pid_t child;
	int status;

	child = fork();
	if (child == 0) {
		execve("/bin/true", true_argv, environ);
		_exit(127);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	child = fork();
	if (child == 0) {
		execvp("false", false_argv);
		_exit(127);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 1);
	child = fork();
	if (child == 0) {
		execl("/bin/sh", "sh", "-c", "exit 5", (char *)NULL);
		_exit(127);
	}
	status = wait_for(child);
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 5);
}

static void test_exec_failures(void)
{
	char *argv[] = {"missing", NULL};

	errno = 0;
	TEST_CHECK_EQUAL(execve("/no/such/program", argv, environ), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	errno = 0;
	TEST_CHECK_EQUAL(execvp("no-such-program-anywhere", argv), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	errno = 0;
	TEST_CHECK_EQUAL(execve("/tmp", argv, environ), -1);
	TEST_CHECK_EQUAL(errno, EACCES);
	setenv("PATH", "/no/such/dir::/also/missing", 1);
	TEST_CHECK_EQUAL(execvp("true-but-not-here", argv), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
}

static void test_exec_environment(void)
{
	char *argv[] = {"sh", "-c", "test \"$LIBC_TEST_PASSED\" = through", NULL};
	pid_t child;
	int status;

	TEST_CHECK_EQUAL(setenv("LIBC_TEST_PASSED", "through", 1), 0);
	child = fork();
	if (child == 0) {
		execv("/bin/sh", argv);
		_exit(127);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
}

static void test_waitid(void)
{
	siginfo_t info;
	pid_t child = fork();

	if (child == 0)
		_exit(9);
	memset(&info, 0, sizeof(info));
	TEST_CHECK_EQUAL(waitid(P_PID, (id_t)child, &info, WEXITED), 0);
	TEST_CHECK_EQUAL(info.si_pid, child);
	TEST_CHECK_EQUAL(info.si_signo, SIGCHLD);
	TEST_CHECK_EQUAL(info.si_code, CLD_EXITED);
	TEST_CHECK_EQUAL(info.si_status, 9);
	TEST_CHECK_EQUAL(waitpid(child, NULL, 0), -1);
	TEST_CHECK_EQUAL(errno, ECHILD);
}

static int handler_fd;

static void handler_a(void)
{
	write(handler_fd, "A", 1);
}

static void handler_b(void)
{
	write(handler_fd, "B", 1);
}

static void handler_c(void)
{
	write(handler_fd, "C", 1);
	/* Registered during exit: runs next. */
	atexit(handler_a);
}

static void test_atexit_order(void)
{
	char buffer[16];
	int fds[2], status;
	pid_t child;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		handler_fd = fds[1];
		atexit(handler_a);
		atexit(handler_b);
		atexit(handler_c);
		exit(4);
	}
	close(fds[1]);
	status = wait_for(child);
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 4);
	TEST_CHECK_EQUAL(read(fds[0], buffer, sizeof(buffer)), 4);
	TEST_CHECK(memcmp(buffer, "CABA", 4) == 0);
}

static void test_return_from_main_path(void)
{
	pid_t child = fork();
	int status;

	/* _Exit skips atexit handlers. */
	if (child == 0) {
		atexit(abort);
		_Exit(6);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 6);
}

static int constructor_ran;
static int destructor_fd = -1;

__attribute__((constructor)) static void mark_constructor(void)
{
	constructor_ran = 1;
}

/* Runs at every exit of this program; only the test below gives it a pipe to write to. */
__attribute__((destructor)) static void report_destructor(void)
{
	if (destructor_fd >= 0)
		write(destructor_fd, "D", 1);
}

static void write_handler_mark(void)
{
	write(destructor_fd, "H", 1);
}

static void test_constructors_and_destructors(void)
{
	char buffer[8];
	int fds[2], status;
	pid_t child;

	TEST_CHECK_EQUAL(constructor_ran, 1);
	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		destructor_fd = fds[1];
		atexit(write_handler_mark);
		exit(0);
	}
	close(fds[1]);
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	/* atexit handlers run before destructors. */
	TEST_CHECK_EQUAL(read(fds[0], buffer, sizeof(buffer)), 2);
	TEST_CHECK(memcmp(buffer, "HD", 2) == 0);
}

static void test_abort(void)
{
	pid_t child = fork();
	int status;

	if (child == 0)
		abort();
	status = wait_for(child);
	TEST_CHECK(WIFSIGNALED(status));
	TEST_CHECK_EQUAL(WTERMSIG(status), SIGABRT);
}

static void test_raise(void)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	status = wait_for(child);
	TEST_CHECK(WIFSIGNALED(status));
	TEST_CHECK_EQUAL(WTERMSIG(status), SIGTERM);
}

static void test_process_groups(void)
{
	int fds[2], status;
	pid_t child;
	char byte = 0;

	TEST_CHECK_EQUAL(pipe(fds), 0);
	child = fork();
	if (child == 0) {
		if (setpgid(0, 0) < 0 || getpgrp() != getpid())
			_exit(1);
		if (setsid() != -1 || errno != EPERM) /* a group leader cannot */
			_exit(2);
		write(fds[1], "x", 1);
		_exit(0);
	}
	TEST_CHECK_EQUAL(read(fds[0], &byte, 1), 1);
	TEST_CHECK_EQUAL(getpgid(child), child);
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
	/* 0 is legitimate: Linux reports 0 when our session leader lives
	 * outside this pid namespace (a container, as CI uses). */
	TEST_CHECK(getsid(0) >= 0);

	child = fork();
	if (child == 0) {
		if (setsid() != getpid() || getsid(0) != getpid())
			_exit(3);
		_exit(getpgrp() == getpid() ? 0 : 4);
	}
	status = wait_for(child);
	TEST_CHECK(WIFEXITED(status));
	TEST_CHECK_EQUAL(WEXITSTATUS(status), 0);
}

static const struct libc_test tests[] = {
	{"fork waitpid exit status and ECHILD", test_fork_exit_status},
	{"kill SIGKILL and WNOHANG", test_killed_child},
	{"vfork _exit shares memory", test_vfork},
	{"vfork execve", test_vfork_exec},
	{"execve execvp execl", test_execve},
	{"exec failures ENOENT EACCES", test_exec_failures},
	{"exec passes the environment", test_exec_environment},
	{"waitid", test_waitid},
	{"atexit runs last-registered first", test_atexit_order},
	{"_Exit skips atexit", test_return_from_main_path},
	{"constructors, then atexit before destructors", test_constructors_and_destructors},
	{"abort kills with SIGABRT", test_abort},
	{"raise", test_raise},
	{"setpgid getpgid setsid", test_process_groups},
};

TEST_SUITE(process, tests);
