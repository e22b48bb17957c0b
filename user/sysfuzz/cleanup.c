/*
 * Putting things back after a sysfuzz batch (docs/robustness.md): the files, names and
 * System V objects it made are removed and its processes reaped, and the kernel's object
 * counters (/proc/spindle) are compared with the start, so every batch starts from the same
 * state and a leak names its batch.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH_CALLS	64
#define MAX_THREADS	4
#define PROGRESS_EVERY	64
#define TICK_US		5000
#define BLOCKED_SECONDS 3
#define HANG_SECONDS	20
#include "sysfuzz.h"

/* Remove a tree the batches left behind (they may have made files, links, fifos, sockets). */
void remove_tree(const char *path)
{
	struct stat status;
	if (lstat(path, &status) != 0)
		return;
	if (!S_ISDIR(status.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0755);
	DIR *directory = opendir(path);
	if (directory) {
		struct dirent *entry;
		char child[512];
		while ((entry = readdir(directory)) != NULL) {
			if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
			remove_tree(child);
		}
		closedir(directory);
	}
	rmdir(path);
}

/*
 * A batch can also make names outside FUZZ_DIR: after chdir("..") a relative name lands in
 * /tmp or /, and an unterminated path that later calls shortened ("/tmp/fu") too. The names
 * these two directories had at the start are kept; anything new is removed.
 */
#define OUTSIDE_NAMES 64
static const char *const outside_directories[2] = {"/", "/tmp"};
static char outside_names[2][OUTSIDE_NAMES][64];
static int outside_count[2];

static bool is_known_outside(int which, const char *name)
{
	for (int i = 0; i < outside_count[which]; i++)
		if (strcmp(outside_names[which][i], name) == 0)
			return true;
	return false;
}

/* record: remember what is there now; otherwise remove what was not there before. */
void scan_outside(bool record)
{
	char path[512];
	for (int which = 0; which < 2; which++) {
		DIR *directory = opendir(outside_directories[which]);
		struct dirent *entry;
		if (!directory)
			continue;
		while ((entry = readdir(directory)) != NULL) {
			if (record && outside_count[which] < OUTSIDE_NAMES)
				strlcpy(outside_names[which][outside_count[which]++], entry->d_name,
					64);
			if (record || is_known_outside(which, entry->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/%s", which ? "/tmp" : "", entry->d_name);
			if (verbose)
				dprintf(LOG_FD, "sysfuzz: removing %s\n", path);
			remove_tree(path);
		}
		closedir(directory);
	}
}

#define IPC_KINDS  3
#define IPC_ID_MAX 256
static const char *const ipc_files[IPC_KINDS] = {"/proc/sysvipc/msg", "/proc/sysvipc/sem",
						 "/proc/sysvipc/shm"};

/* The ids of one kind of System V IPC object alive now; returns how many. */
static int ipc_ids(int kind, int *ids)
{
	FILE *file = fopen(ipc_files[kind], "r");
	int count = 0;
	char line[512];
	if (!file)
		return 0;
	while (fgets(line, sizeof(line), file) && count < IPC_ID_MAX) {
		char *end;
		strtol(line, &end, 10); /* the key */
		if (end != line)	/* not the header */
			ids[count++] = (int)strtol(end, NULL, 10);
	}
	fclose(file);
	return count;
}

static int ipc_before[IPC_KINDS][IPC_ID_MAX], ipc_before_count[IPC_KINDS];

static void remove_new_ipc_objects(void)
{
	int now[IPC_ID_MAX];
	for (int kind = 0; kind < IPC_KINDS; kind++) {
		int count = ipc_ids(kind, now);
		for (int i = 0; i < count; i++) {
			bool old = false;
			for (int j = 0; j < ipc_before_count[kind]; j++)
				old |= ipc_before[kind][j] == now[i];
			if (old)
				continue;
			if (kind == 0)
				msgctl(now[i], IPC_RMID, NULL);
			else if (kind == 1)
				semctl(now[i], 0, IPC_RMID);
			else
				shmctl(now[i], IPC_RMID, NULL);
		}
	}
}

void read_counters(struct counters *counters)
{
	FILE *file = fopen("/proc/spindle", "r");
	counters->count = 0;
	if (!file)
		return;
	char line[128];
	while (counters->count < COUNTER_MAX && fgets(line, sizeof(line), file)) {
		char *space = strchr(line, ' ');
		if (!space || space - line >= 32)
			continue;
		*space = '\0';
		strcpy(counters->names[counters->count], line);
		counters->values[counters->count++] = strtoul(space + 1, NULL, 10);
	}
	fclose(file);
}

/*
 * The objects a batch can make (tasks, files, inodes, pipes, sockets, IPC objects, kmalloc
 * objects) must all be gone again. Free frames are left to the kernel's own check when we
 * run as init (kernel/lib/leakcheck.c): our stack and heap may have grown meanwhile.
 */
int compare_counters(uint64_t batch, const struct counters *before, const struct counters *after)
{
	int differences = 0;
	for (int i = 0; i < before->count && i < after->count; i++) {
		if (strcmp(before->names[i], "cow_copies") == 0 ||
		    strcmp(before->names[i], "free_frames") == 0 ||
		    before->values[i] == after->values[i])
			continue;
		printf("sysfuzz: batch %lu leaked: %s %lu before, %lu after\n", batch,
		       before->names[i], before->values[i], after->values[i]);
		differences++;
	}
	return differences;
}

unsigned long task_count_of(const struct counters *counters)
{
	for (int i = 0; i < counters->count; i++)
		if (strcmp(counters->names[i], "tasks") == 0)
			return counters->values[i];
	return 0;
}

static unsigned long task_count(void)
{
	struct counters counters;
	read_counters(&counters);
	return task_count_of(&counters);
}

/*
 * Collect every process a batch left: our children (clone with CLONE_PARENT makes siblings
 * of the batch), and, when we are init, the orphans. When we are not, orphans go to init;
 * and a task that has been reaped is freed once it is off the CPU: so then wait until the
 * kernel's task count is back where it was (bounded by HANG_SECONDS).
 */
static void reap_all(unsigned long baseline_tasks)
{
	int quiet_seconds = 0;
	while (quiet_seconds < HANG_SECONDS) {
		alarm(1);
		pid_t done = waitpid(-1, NULL, WAIT_ALL);
		alarm(0);
		if (done < 0 && errno == ECHILD)
			break;
		quiet_seconds = done > 0 ? 0 : quiet_seconds + 1;
	}
	if (baseline_tasks == 0)
		return;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (task_count() > baseline_tasks && now.tv_sec - start.tv_sec < HANG_SECONDS);
}

void clean_up(unsigned long baseline_tasks)
{
	reap_all(baseline_tasks);
	remove_tree(FUZZ_DIR);
	scan_outside(false);
	remove_new_ipc_objects();
}

void record_ipc_objects(void)
{
	for (int kind = 0; kind < IPC_KINDS; kind++)
		ipc_before_count[kind] = ipc_ids(kind, ipc_before[kind]);
}
