/*
 * /proc: a process's status shows its ids, and the kernel's copy-on-write counter shows
 * exactly one copied page per page a forked child writes.
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

/* The value after "key" in a /proc file ("key:\tvalue" or "key value"), or -1. */
static long proc_value(const char *path, const char *key)
{
	static char text[4096];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t length = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (length <= 0)
		return -1;
	text[length] = '\0';
	size_t key_length = strlen(key);
	for (char *line = text; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, key, key_length) == 0 &&
		    (line[key_length] == ':' || line[key_length] == ' '))
			return strtol(line + key_length + 1, NULL, 10);
	}
	return -1;
}

UTEST(proc_self_status_ids)
{
	EXPECT_EQ(proc_value("/proc/self/status", "Pid"), getpid());
	EXPECT_EQ(proc_value("/proc/self/status", "Tgid"), getpid());
	EXPECT_EQ(proc_value("/proc/self/status", "PPid"), getppid());
	EXPECT_EQ(proc_value("/proc/self/status", "Threads"), 1);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/status", getppid());
	EXPECT_EQ(proc_value(path, "Pid"), getppid());
	EXPECT_ERRNO(open("/proc/99999/status", O_RDONLY), ENOENT);
	EXPECT(proc_value("/proc/meminfo", "MemFree") > 0);
}

UTEST(fork_copies_exactly_the_written_pages)
{
	enum { PAGES = 12 };
	char *buffer = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	memset(buffer, 1, PAGES * 4096); /* present before fork: shared copy-on-write after */
	pid_t child = fork();
	if (child == 0) {
		long before = proc_value("/proc/spindle", "cow_copies");
		for (int page = 0; page < PAGES; page++)
			buffer[page * 4096] = 2;
		long after = proc_value("/proc/spindle", "cow_copies");
		_exit(after - before == PAGES ? 0 : 1);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(buffer[0], 1);
}

UTEST(proc_spindle_counts_pipes_sockets_and_ipc_objects)
{
	long pipes = proc_value("/proc/spindle", "pipes");
	long sockets = proc_value("/proc/spindle", "sockets");
	long objects = proc_value("/proc/spindle", "ipc_objects");
	int fds[2], pair[2];
	pipe(fds);
	syscall(SYS_socketpair, 1 /* AF_UNIX */, 1 /* SOCK_STREAM */, 0, pair);
	int queue = (int)syscall(SYS_msgget, 0 /* IPC_PRIVATE */, 0600);
	EXPECT_EQ(proc_value("/proc/spindle", "pipes"), pipes + 1);
	EXPECT_EQ(proc_value("/proc/spindle", "sockets"), sockets + 2);
	EXPECT_EQ(proc_value("/proc/spindle", "ipc_objects"), objects + 1);
	close(fds[0]);
	close(fds[1]);
	close(pair[0]);
	close(pair[1]);
	syscall(SYS_msgctl, queue, 0 /* IPC_RMID */, NULL);
	EXPECT_EQ(proc_value("/proc/spindle", "pipes"), pipes);
	EXPECT_EQ(proc_value("/proc/spindle", "sockets"), sockets);
	EXPECT_EQ(proc_value("/proc/spindle", "ipc_objects"), objects);
}

static ssize_t read_whole(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t length = read(fd, buffer, size - 1);
	close(fd);
	buffer[length > 0 ? length : 0] = '\0';
	return length;
}

UTEST(proc_pid_stat_cmdline_and_maps)
{
	static char text[8192];
	char expected[128];
	/* stat: "pid (comm) state ppid pgrp session ..." (proc(5)) */
	EXPECT(read_whole("/proc/self/stat", text, sizeof(text)) > 0);
	snprintf(expected, sizeof(expected), "%d (utest) R %d ", getpid(), getppid());
	EXPECT(strncmp(text, expected, strlen(expected)) == 0);
	/* cmdline: the arguments, NUL-separated; a child's, read from its own memory */
	int fds[2];
	pipe(fds);
	pid_t child = fork();
	if (child == 0) {
		char byte;
		close(fds[1]);
		read(fds[0], &byte, 1); /* keep running until the parent has looked */
		_exit(0);
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cmdline", child);
	ssize_t length = read_whole(path, text, sizeof(text));
	EXPECT(length > 0 && strcmp(text, "/tests/utest") == 0); /* argv[0], then a NUL */
	if (utest_failures)
		printf("  cmdline: %zd '%s'\n", length, text);
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	snprintf(expected, sizeof(expected), "%d (utest) S %d ", child, getpid());
	read_whole(path, text, sizeof(text));
	while (strstr(text, ") R ")) { /* running until it reaches its read, then asleep */
		sched_yield();
		read_whole(path, text, sizeof(text));
	}
	EXPECT(strncmp(text, expected, strlen(expected)) == 0);
	close(fds[1]);
	waitpid(child, NULL, 0);
	/* maps: one line per VMA; an anonymous shared mapping and the stack are there */
	char *shared = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT(read_whole("/proc/self/maps", text, sizeof(text)) > 0);
	snprintf(expected, sizeof(expected), "%08lx-%08lx rw-s 00000000 00:00 0",
		 (unsigned long)shared, (unsigned long)shared + 8192);
	EXPECT(strstr(text, expected) != NULL);
	EXPECT(strstr(text, "[stack]") != NULL);
	munmap(shared, 8192);
	EXPECT_ERRNO(open("/proc/99999/maps", O_RDONLY), ENOENT);
}

UTEST(ps_and_kill_utilities)
{
	int fds[2];
	pipe(fds);
	pid_t sleeper = fork();
	if (sleeper == 0) {
		char byte;
		close(fds[1]);
		read(fds[0], &byte, 1); /* sleeps until killed */
		_exit(0);
	}
	close(fds[0]);
	int out[2];
	pipe(out);
	pid_t ps = fork();
	if (ps == 0) {
		dup2(out[1], 1);
		execl("/bin/ps", "ps", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	static char text[8192];
	size_t length = 0;
	ssize_t count;
	while ((count = read(out[0], text + length, sizeof(text) - 1 - length)) > 0)
		length += (size_t)count;
	text[length] = '\0';
	close(out[0]);
	waitpid(ps, NULL, 0);
	EXPECT(strncmp(text, "  PID  TGID  PPID S NLWP     TIME COMMAND\n", 41) == 0);
	char expected[96];
	snprintf(expected, sizeof(expected), "%5d %5d %5d S    1 00:00:00 /tests/utest", sleeper,
		 sleeper, getpid());
	EXPECT(strstr(text, expected) != NULL);
	if (utest_failures)
		printf("%s", text);
	/* kill -KILL <pid> ends it; the wait status says so */
	char pid_text[16];
	snprintf(pid_text, sizeof(pid_text), "%d", sleeper);
	pid_t killer = fork();
	if (killer == 0) {
		execl("/bin/kill", "kill", "-KILL", pid_text, (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(killer, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	waitpid(sleeper, &status, 0);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == 9);
	close(fds[1]);
}

static int thread_pipe[2];
static volatile long thread_tid;

static void *sleeping_thread(void *argument)
{
	(void)argument;
	thread_tid = syscall(SYS_gettid);
	char byte;
	read(thread_pipe[0], &byte, 1); /* until the test is done looking */
	return NULL;
}

UTEST(proc_task_lists_threads_and_ps_T_shows_them)
{
	pipe(thread_pipe);
	pthread_t thread;
	EXPECT_EQ(pthread_create(&thread, NULL, sleeping_thread, NULL), 0);
	while (!thread_tid)
		sched_yield();
	/* /proc/self/task: one directory per thread, the leader's named by the pid */
	DIR *task = opendir("/proc/self/task");
	EXPECT(task != NULL);
	int entries = 0, found_leader = 0, found_thread = 0;
	struct dirent *entry;
	while (task && (entry = readdir(task))) {
		if (entry->d_name[0] == '.')
			continue;
		entries++;
		found_leader += atol(entry->d_name) == getpid();
		found_thread += atol(entry->d_name) == thread_tid;
	}
	if (task)
		closedir(task);
	EXPECT_EQ(entries, 2);
	EXPECT(found_leader == 1 && found_thread == 1);
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/task/%ld/status", thread_tid);
	EXPECT_EQ(proc_value(path, "Pid"), thread_tid);
	EXPECT_EQ(proc_value(path, "Tgid"), getpid());
	EXPECT_EQ(proc_value(path, "Threads"), 2);
	EXPECT_EQ(proc_value("/proc/self/status", "Threads"), 2);
	/* ps -T: the thread's line has PID = its tid and TGID = our pid */
	int out[2];
	pipe(out);
	pid_t ps = fork();
	if (ps == 0) {
		dup2(out[1], 1);
		execl("/bin/ps", "ps", "-T", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	static char text[8192];
	size_t length = 0;
	ssize_t count;
	while ((count = read(out[0], text + length, sizeof(text) - 1 - length)) > 0)
		length += (size_t)count;
	text[length] = '\0';
	close(out[0]);
	waitpid(ps, NULL, 0);
	char expected[64];
	snprintf(expected, sizeof(expected), "%5ld %5d ", thread_tid, getpid());
	EXPECT(strstr(text, expected) != NULL);
	write(thread_pipe[1], "x", 1);
	pthread_join(thread, NULL);
	close(thread_pipe[0]);
	close(thread_pipe[1]);
}

UTEST(proc_loadavg_format)
{
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	static char text[256];
	EXPECT(read_whole("/proc/loadavg", text, sizeof(text)) > 0);
	/* "0.00 0.01 0.05 1/23 456": three averages, runnable/all tasks, the last pid */
	char *cursor = text;
	for (int i = 0; i < 3; i++) {
		char *end;
		strtoul(cursor, &end, 10);
		EXPECT(end > cursor && *end == '.' && end[3] == ' ');
		cursor = end + 4;
	}
	char *end;
	long running = strtol(cursor, &end, 10);
	EXPECT(running >= 1 && *end == '/');
	long all = strtol(end + 1, &end, 10);
	EXPECT(all >= running && *end == ' ');
	EXPECT_EQ(strtol(end + 1, NULL, 10), child); /* nobody made a task since */
}

/* The active objects of one slabinfo line, e.g. "kmalloc-64  ...", or -1. */
static long slab_active(const char *text, const char *cache)
{
	size_t length = strlen(cache);
	for (const char *line = text; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, cache, length) == 0 && line[length] == ' ')
			return strtol(line + length, NULL, 10);
	}
	return -1;
}

/* Read /proc/slabinfo; check each cache line's columns; return all active objects. */
static long slab_total(char *text, size_t size)
{
	long total = 0;
	EXPECT(read_whole("/proc/slabinfo", text, size) > 0);
	EXPECT(strncmp(text, "slabinfo - version: 2.1\n# name", 30) == 0);
	const char *line = strchr(text, '\n') + 1;
	for (line = strchr(line, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		char *cursor = strchr(line, ' ');
		EXPECT(cursor && strncmp(line, "kmalloc-", 8) == 0);
		unsigned long active = strtoul(cursor, &cursor, 10);
		unsigned long objects = strtoul(cursor, &cursor, 10);
		unsigned long size_of_one = strtoul(cursor, &cursor, 10);
		EXPECT(active <= objects && size_of_one > 0);
		total += (long)active;
	}
	return total;
}

UTEST(proc_slabinfo_counts_kmalloc_objects_per_cache)
{
	static char text[4096];
	int pipes[16][2];
	long before = slab_total(text, sizeof(text));
	EXPECT(slab_active(text, "kmalloc-64") >= 0);
	EXPECT(slab_active(text, "kmalloc-large") >= 0);
	/* Each pipe is a kmalloc'd object: sixteen more show up, then go away again. */
	for (int i = 0; i < 16; i++)
		EXPECT_EQ(pipe(pipes[i]), 0);
	EXPECT(slab_total(text, sizeof(text)) >= before + 16);
	for (int i = 0; i < 16; i++) {
		close(pipes[i][0]);
		close(pipes[i][1]);
	}
	EXPECT_EQ(slab_total(text, sizeof(text)), before);
}
