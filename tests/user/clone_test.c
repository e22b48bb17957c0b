/*
 * clone(2) flags that need no separate stack (the child gets a copy-on-write copy of ours):
 * the EINVAL combinations, CLONE_FILES, CLONE_FS, CLONE_PARENT, CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID, CLONE_SETTLS, and an exit signal other than SIGCHLD.
 * Threads (CLONE_VM | CLONE_THREAD) are exercised through musl's pthreads (musl_test.c).
 */
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

#define SIGCHLD_NUMBER 17

static long raw_clone(unsigned long flags, int *parent_tid, int *child_tid, unsigned long tls)
{
	return syscall(SYS_clone, flags, 0, parent_tid, child_tid, tls);
}

UTEST(clone_invalid_combinations)
{
	EXPECT_ERRNO(raw_clone(CLONE_THREAD | SIGCHLD_NUMBER, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(raw_clone(CLONE_SIGHAND | SIGCHLD_NUMBER, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(raw_clone(CLONE_FS | CLONE_NEWNS | SIGCHLD_NUMBER, NULL, NULL, 0), EINVAL);
	/* clone(2) takes any exit signal number, even one that is not a signal (Linux); such
	 * a child is a "clone" child, which only __WALL or __WCLONE waits for. */
	long child = raw_clone(200, NULL, NULL, 0);
	if (child == 0)
		_exit(7);
	EXPECT(child > 0);
	int status;
	EXPECT_ERRNO(waitpid((pid_t)child, &status, WNOHANG), ECHILD);
	EXPECT_EQ(waitpid((pid_t)child, &status, 0x40000000 /* __WALL */), child);
	EXPECT_EQ(WEXITSTATUS(status), 7);
}

UTEST(clone_files_shares_the_fd_table)
{
	int fd = open("/dev/null", O_RDONLY);
	long child = raw_clone(CLONE_FILES | SIGCHLD_NUMBER, NULL, NULL, 0);
	if (child == 0) {
		close(fd); /* closes it for the parent too */
		_exit(0);
	}
	waitpid((pid_t)child, NULL, 0);
	EXPECT_ERRNO(fcntl(fd, F_GETFD), EBADF);

	fd = open("/dev/null", O_RDONLY);
	child = raw_clone(SIGCHLD_NUMBER, NULL, NULL, 0); /* without: a copy */
	if (child == 0) {
		close(fd);
		_exit(0);
	}
	waitpid((pid_t)child, NULL, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
}

UTEST(clone_fs_shares_the_working_directory)
{
	char path[64];
	long child = raw_clone(CLONE_FS | SIGCHLD_NUMBER, NULL, NULL, 0);
	if (child == 0) {
		chdir("/tmp");
		_exit(0);
	}
	waitpid((pid_t)child, NULL, 0);
	EXPECT(getcwd(path, sizeof(path)) && strcmp(path, "/tmp") == 0);
	chdir("/");
	child = raw_clone(SIGCHLD_NUMBER, NULL, NULL, 0);
	if (child == 0) {
		chdir("/tmp");
		_exit(0);
	}
	waitpid((pid_t)child, NULL, 0);
	EXPECT(getcwd(path, sizeof(path)) && strcmp(path, "/") == 0);
}

UTEST(clone_tid_words_and_tls)
{
	int parent_word = 0, child_word = 0;
	long child =
		raw_clone(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_SETTLS | SIGCHLD_NUMBER,
			  &parent_word, &child_word, 0x123450);
	if (child == 0) {
		unsigned long fs = 0;
		syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs);
		/* In the child's copy of memory: its own tid. */
		_exit(child_word == getpid() && fs == 0x123450 ? 0 : 1);
	}
	EXPECT_EQ(parent_word, child);
	EXPECT_EQ(child_word, 0); /* the parent's copy is untouched */
	int status;
	waitpid((pid_t)child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

UTEST(clone_parent_makes_a_sibling)
{
	/* A child that clones with CLONE_PARENT: the new task is our child, not its. */
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t me = getpid();
	pid_t middle = fork();
	if (middle == 0) {
		long sibling = raw_clone(CLONE_PARENT | SIGCHLD_NUMBER, NULL, NULL, 0);
		if (sibling == 0) {
			shared[0] = getppid();
			_exit(0);
		}
		shared[1] = sibling > 0 ? (int)sibling : -errno;
		_exit(0);
	}
	waitpid(middle, NULL, 0);
	if (shared[1] <= 0)
		printf("  clone(CLONE_PARENT) failed: errno %d\n", -shared[1]);
	EXPECT(shared[1] > 0);
	EXPECT_EQ(waitpid(shared[1], NULL, 0), shared[1]); /* we can reap it: it is ours */
	EXPECT_EQ(shared[0], me);
}

UTEST(clone_exit_signal_zero_needs_wall)
{
	long child = raw_clone(0, NULL, NULL, 0);
	if (child == 0)
		_exit(4);
	/* A child that reports with no signal is invisible to a plain wait... */
	EXPECT_ERRNO(waitpid((pid_t)child, NULL, WNOHANG), ECHILD);
	/* ...and collected with __WALL (0x40000000). */
	int status;
	EXPECT_EQ(waitpid((pid_t)child, &status, 0x40000000), child);
	EXPECT_EQ(WEXITSTATUS(status), 4);
}
