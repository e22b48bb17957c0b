/*
 * ps: the processes alive right now (ps(1)), read from /proc/<pid>/stat and cmdline
 * (proc(5)), which the kernel writes from its task list at the moment they are opened
 * (kernel/fs/procfs.c, procfs_pid.c).
 *   PID TGID PPID  the ids (a process's directory is named by its tgid)
 *   S              state: R running, S sleeping, D uninterruptible, T stopped, Z zombie
 *   NLWP           threads in the process
 *   TIME           user + system CPU time
 *   COMMAND        the arguments, or [name] when there are none (kernel threads, zombies)
 * ps -T lists every thread (from /proc/<pid>/task/<tid>/stat): PID is the thread's id,
 * TGID its process's, as in the classic picture of pid and tgid. ps -j adds PGID and SID,
 * the process group and session (fields 5 and 6), to watch the shell's job control.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool show_groups; /* -j */

static ssize_t read_file(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t length = read(fd, buffer, size - 1);
	close(fd);
	buffer[length > 0 ? length : 0] = '\0';
	return length;
}

/* One line: the stat file of thread tid_text in process pid_text (the same for a process). */
static void show(const char *pid_text, const char *tid_text)
{
	char path[96], stat[1024], command[256];
	if (strcmp(pid_text, tid_text) == 0)
		snprintf(path, sizeof(path), "/proc/%s/stat", pid_text);
	else
		snprintf(path, sizeof(path), "/proc/%s/task/%s/stat", pid_text, tid_text);
	if (read_file(path, stat, sizeof(stat)) <= 0)
		return; /* gone in the meantime */
	/* "pid (comm) state ppid ..." -- comm may hold spaces: find the last ')'. */
	char *open_paren = strchr(stat, '('), *close_paren = strrchr(stat, ')');
	if (!open_paren || !close_paren)
		return;
	*close_paren = '\0';
	const char *name = open_paren + 1;
	char state = close_paren[2];
	char *fields = close_paren + 4; /* field 4 on: ppid pgrp session ... */
	long values[20] = {0};
	for (int i = 0; i < 20; i++)
		values[i] = strtol(fields, &fields, 10);
	/* field n is values[n - 4]: ppid 4, utime 14, stime 15, num_threads 20 */
	long ppid = values[0], ticks = values[10] + values[11], threads = values[16];
	long pgid = values[1], sid = values[2];
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid_text);
	ssize_t length = read_file(path, command, sizeof(command));
	if (length <= 0) {
		snprintf(command, sizeof(command), "[%s]", name);
	} else {
		for (ssize_t i = 0; i < length - 1; i++) /* NUL-separated -> spaces */
			if (command[i] == '\0')
				command[i] = ' ';
	}
	long seconds = ticks / 100;
	if (show_groups)
		printf("%5ld %5ld ", pgid, sid);
	printf("%5s %5s %5ld %c %4ld %02ld:%02ld:%02ld %s\n", tid_text, pid_text, ppid, state,
	       threads, seconds / 3600, seconds / 60 % 60, seconds % 60, command);
}

/* Every thread of process pid_text, from /proc/<pid>/task. */
static void show_threads(const char *pid_text)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%s/task", pid_text);
	DIR *task = opendir(path);
	struct dirent *entry;
	while (task && (entry = readdir(task))) {
		if (entry->d_name[0] >= '1' && entry->d_name[0] <= '9')
			show(pid_text, entry->d_name);
	}
	if (task)
		closedir(task);
}

int main(int argc, char **argv)
{
	bool threads = argc == 2 && strcmp(argv[1], "-T") == 0;
	show_groups = argc == 2 && strcmp(argv[1], "-j") == 0;
	if (argc > 1 && !threads && !show_groups) {
		fprintf(stderr, "usage: %s [-T | -j]\n", argv[0]);
		return 1;
	}
	DIR *proc = opendir("/proc");
	if (!proc) {
		perror("/proc");
		return 1;
	}
	printf("%s  PID  TGID  PPID S NLWP     TIME COMMAND\n", show_groups ? " PGID   SID " : "");
	struct dirent *entry;
	while ((entry = readdir(proc))) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
			continue;
		if (threads)
			show_threads(entry->d_name);
		else
			show(entry->d_name, entry->d_name);
	}
	closedir(proc);
	return 0;
}
