/*
 * /proc: a process's status shows its ids, and the kernel's copy-on-write counter shows
 * exactly one copied page per page a forked child writes.
 */
#include <fcntl.h>
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
