/*
 * What the hostile-program tests share (hostile_test.c, hostile_wait_test.c): running a
 * body in a child and learning how it ended, the kernel's object counters from
 * /proc/spindle, and the free memory from /proc/meminfo. Each test file gets its own copy.
 */
#ifndef SPINDLE_HOSTILE_H
#define SPINDLE_HOSTILE_H

#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run body in a child: the signal that ended it, 0 for exit(0), 1000 + code for others. */
static __attribute__((unused)) int hostile_run(void (*body)(void))
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		body();
		_exit(0);
	}
	int status = 0;
	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	return WEXITSTATUS(status) ? 1000 + WEXITSTATUS(status) : 0;
}

#define HOSTILE_COUNTERS 16
struct kernel_counters {
	char names[HOSTILE_COUNTERS][32];
	unsigned long values[HOSTILE_COUNTERS];
	int count;
};

static __attribute__((unused)) void hostile_counters(struct kernel_counters *counters)
{
	char text[1024];
	int fd = open("/proc/spindle", O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	text[length > 0 ? length : 0] = '\0';
	counters->count = 0;
	for (char *line = text; *line && counters->count < HOSTILE_COUNTERS;) {
		char *space = strchr(line, ' '), *end = strchr(line, '\n');
		if (!space || !end || space > end || space - line >= 32)
			break;
		memcpy(counters->names[counters->count], line, (size_t)(space - line));
		counters->names[counters->count][space - line] = '\0';
		counters->values[counters->count++] = strtoul(space + 1, NULL, 10);
		line = end + 1;
	}
}

/* Equal but for the running total of copy-on-write copies and the free frames (the test's
 * own stack and data may take a page meanwhile; the kernel's leak check at the end of the
 * suite compares frames exactly); prints what differs. */
static __attribute__((unused)) bool hostile_counters_equal(const struct kernel_counters *before,
							   const struct kernel_counters *after)
{
	bool equal = before->count == after->count && before->count > 0;
	for (int i = 0; i < before->count && i < after->count; i++) {
		if (strcmp(before->names[i], "cow_copies") == 0 ||
		    strcmp(before->names[i], "free_frames") == 0 ||
		    before->values[i] == after->values[i])
			continue;
		printf("  %s: %lu before, %lu after\n", before->names[i], before->values[i],
		       after->values[i]);
		equal = false;
	}
	return equal;
}

/* A task that has been reaped is freed once it is off the CPU: wait (yielding) until the
 * task count is back to `tasks` before comparing counters. */
static __attribute__((unused)) void hostile_settle(unsigned long tasks)
{
	for (int round = 0; round < 100000; round++) {
		struct kernel_counters now;
		hostile_counters(&now);
		for (int i = 0; i < now.count; i++)
			if (strcmp(now.names[i], "tasks") == 0 && now.values[i] <= tasks)
				return;
		sched_yield();
	}
}

static __attribute__((unused)) unsigned long hostile_tasks(const struct kernel_counters *counters)
{
	for (int i = 0; i < counters->count; i++)
		if (strcmp(counters->names[i], "tasks") == 0)
			return counters->values[i];
	return 0;
}

/* Spin (yielding) until process pid sleeps, interruptibly (S) or not (D, as a vfork
 * parent waits): it is then inside the blocking call. */
static __attribute__((unused)) void hostile_wait_until_blocked(pid_t pid)
{
	char path[64], buffer[512];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t length = fd >= 0 ? read(fd, buffer, sizeof(buffer) - 1) : -1;
		if (fd >= 0)
			close(fd);
		buffer[length > 0 ? length : 0] = '\0';
		if (length <= 0 || strstr(buffer, "State:\tS") || strstr(buffer, "State:\tD") ||
		    strstr(buffer, "State:\tZ"))
			return; /* blocked; or it did not block at all, which the caller sees */
		sched_yield();
	}
}

/* MemFree of /proc/meminfo, in bytes. */
static __attribute__((unused)) size_t hostile_free_memory(void)
{
	char text[256];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	text[length > 0 ? length : 0] = '\0';
	char *field = strstr(text, "MemFree:");
	return field ? strtoul(field + 8, NULL, 10) * 1024 : 0;
}

#endif
