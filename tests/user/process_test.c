/*
 * Processes: fork's copy-on-write isolation, exit statuses, wait's errors, exec's errors,
 * argument passing, and a faulting child ending with SIGSEGV while the parent carries on.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

static int global_value = 10;

UTEST(fork_copy_on_write_isolates)
{
	int stack_value = 20;
	int *heap_value = malloc(sizeof(int));
	*heap_value = 30;
	int *mapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*mapped = 40;
	pid_t child = fork();
	if (child == 0) {
		global_value = 11;
		stack_value = 21;
		*heap_value = 31;
		*mapped = 41;
		_exit(global_value == 11 && stack_value == 21 && *heap_value == 31 && *mapped == 41
			      ? 0
			      : 1);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(global_value, 10);
	EXPECT_EQ(stack_value, 20);
	EXPECT_EQ(*heap_value, 30);
	EXPECT_EQ(*mapped, 40);
}

UTEST(fork_shared_mapping_is_shared)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 1;
	pid_t child = fork();
	if (child == 0) {
		*shared = 2;
		_exit(0);
	}
	waitpid(child, NULL, 0);
	EXPECT_EQ(*shared, 2);
}

UTEST(exit_statuses)
{
	for (int code = 0; code < 300; code += 37) {
		pid_t child = fork();
		if (child == 0)
			_exit(code);
		int status;
		EXPECT_EQ(waitpid(child, &status, 0), child);
		EXPECT(WIFEXITED(status));
		EXPECT_EQ(WEXITSTATUS(status), code & 0xff);
	}
}

UTEST(segfault_kills_only_the_child)
{
	pid_t child = fork();
	if (child == 0) {
		int *volatile nowhere = (int *)16;
		*nowhere = 1;
		_exit(0);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), 11);
}

UTEST(wait_errors_and_nohang)
{
	EXPECT_ERRNO(waitpid(-1, NULL, 0), ECHILD);
	EXPECT_ERRNO(waitpid(-1, NULL, 0x12345), EINVAL);
	pid_t child = fork();
	if (child == 0) {
		struct timespec wait = {0, 20 * 1000 * 1000};
		nanosleep(&wait, NULL);
		_exit(3);
	}
	EXPECT_EQ(waitpid(child, NULL, WNOHANG), 0);
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(WEXITSTATUS(status), 3);
}

UTEST(exec_errors)
{
	char *argv[] = {"x", NULL};
	EXPECT_ERRNO(execve("/no/such/program", argv, NULL), ENOENT);
	EXPECT_ERRNO(execve("/etc/motd", argv, NULL), EACCES);
	EXPECT_ERRNO(execve("/tests", argv, NULL), EACCES);
	int fd = open("/tmp/not-elf", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	EXPECT_EQ(write(fd, "garbage, not an ELF file at all", 31), 31);
	close(fd);
	EXPECT_ERRNO(execve("/tmp/not-elf", argv, NULL), ENOEXEC);
	unlink("/tmp/not-elf");
	/* A huge argument list: more than ARG_MAX. */
	static char big[200 * 1024];
	memset(big, 'a', sizeof(big) - 1);
	char *huge[] = {"x", big, big, NULL};
	EXPECT_ERRNO(execve("/bin/echo", huge, NULL), E2BIG);
}

UTEST(exec_passes_arguments_and_status)
{
	int fd = open("/tmp/echo-output", O_CREAT | O_RDWR | O_TRUNC, 0644);
	pid_t child = fork();
	if (child == 0) {
		dup2(fd, 1);
		char *argv[] = {"echo", "one", "two  three", NULL};
		execv("/bin/echo", argv);
		_exit(99);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char buffer[64] = {0};
	EXPECT_EQ(pread(fd, buffer, sizeof(buffer) - 1, 0), 15);
	EXPECT(strcmp(buffer, "one two  three\n") == 0);
	close(fd);
	unlink("/tmp/echo-output");

	child = fork();
	if (child == 0) {
		char *argv[] = {"/bin/false", NULL};
		execv("/bin/false", argv);
		_exit(99);
	}
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 1);
}

UTEST(vfork_parent_waits_and_shares)
{
	volatile int shared = 0;
	pid_t child = vfork();
	if (child == 0) {
		shared = 42; /* the parent's memory: vfork shares it */
		_exit(0);
	}
	EXPECT(child > 0);
	EXPECT_EQ(shared, 42); /* the child ran to _exit before the parent resumed */
	waitpid(child, NULL, 0);
}

UTEST(vfork_then_failed_exec_still_shares)
{
	volatile int stage = 0;
	pid_t child = vfork();
	if (child == 0) {
		execl("/no/such/file", "x", (char *)NULL);
		stage = 1; /* still in the parent's memory after a failed exec */
		_exit(0);
	}
	waitpid(child, NULL, 0);
	EXPECT_EQ(stage, 1);
}

UTEST(ids)
{
	EXPECT(getpid() > 1);
	EXPECT(getppid() >= 1);
	EXPECT_EQ(getuid(), 0);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0)
		_exit(getppid() == parent ? 0 : 1);
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

UTEST(orphans_are_adopted_by_init)
{
	volatile int *report =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	report[0] = 0;
	pid_t child = fork();
	if (child == 0) {
		if (fork() == 0) {
			/* The grandchild: wait until its parent is gone and init has adopted it. */
			while (getppid() != 1)
				sched_yield();
			report[0] = getppid();
			_exit(0);
		}
		_exit(0);
	}
	waitpid(child, NULL, 0);
	while (report[0] == 0)
		sched_yield();
	EXPECT_EQ(report[0], 1);
}

/* Regression: a MAP_SHARED page never touched before fork was faulted in privately by each
 * process afterwards, so the two never saw each other's writes. */
UTEST(fork_shared_mapping_untouched_before_fork)
{
	volatile int *shared =
		mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t child = fork();
	if (child == 0) {
		shared[1024] = 77;
		_exit(0);
	}
	waitpid(child, NULL, 0);
	EXPECT_EQ(shared[1024], 77);
}

/* exec must give the new program clean registers: no MXCSR or xmm state leaks through. */
UTEST(exec_resets_sse_state)
{
	pid_t child = fork();
	if (child == 0) {
		unsigned int odd = 0x7f80;
		unsigned long pattern = 0x1234;
		__asm__ volatile("ldmxcsr %0" : : "m"(odd));
		__asm__ volatile("movq %0, %%xmm7" : : "r"(pattern));
		execl("/tests/mxcsr-check", "mxcsr-check", (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

/* An ELF entry point outside user space: the program dies with SIGSEGV, the kernel lives. */
UTEST(exec_non_canonical_entry_is_sigsegv)
{
	static char image[64 * 1024];
	int fd = open("/tests/musl-hello", O_RDONLY); /* a small static ELF */
	ssize_t length = read(fd, image, sizeof(image));
	close(fd);
	EXPECT(length > 64 && length < (ssize_t)sizeof(image));
	unsigned long bad_entry = 0x0000800000000000ul;
	memcpy(image + 24, &bad_entry, sizeof(bad_entry)); /* e_entry */
	fd = open("/tmp/bad-entry", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	write(fd, image, (size_t)length);
	close(fd);
	pid_t child = fork();
	if (child == 0) {
		execl("/tmp/bad-entry", "bad-entry", (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), 11);
	unlink("/tmp/bad-entry");
}
