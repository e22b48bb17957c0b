/*
 * ipcs: list System V IPC objects (ipcs(1), svipc(7)), as util-linux's ipcs prints them.
 * It reads /proc/sysvipc/{msg,shm,sem}, which the kernel writes from its id tables
 * (kernel/ipc/sysvipc.c, ipc_proc_show), so it shows exactly what is alive right now.
 *   ipcs        all three kinds
 *   ipcs -q     message queues      ipcs -m   shared memory      ipcs -s   semaphores
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHM_DEST 01000

enum { COLUMNS_MAX = 20 };

/* Split one line of numbers into values; returns how many. */
static int parse_line(char *line, long long *values)
{
	int count = 0;
	char *cursor = line;
	while (count < COLUMNS_MAX) {
		char *end;
		long long value = strtoll(cursor, &end, 10);
		if (end == cursor)
			break;
		values[count++] = value;
		cursor = end;
	}
	return count;
}

/* The perms column is octal in /proc: reparse it as such. */
static unsigned octal_column(const char *line, int column)
{
	const char *cursor = line;
	for (int i = 0; i < column; i++) {
		while (*cursor == ' ')
			cursor++;
		while (*cursor && *cursor != ' ')
			cursor++;
	}
	return (unsigned)strtoul(cursor, NULL, 8);
}

static const char *owner(long long uid)
{
	static char buffer[16];
	if (uid == 0)
		return "root";
	snprintf(buffer, sizeof(buffer), "%lld", uid);
	return buffer;
}

static int list(const char *kind)
{
	char path[32], line[512];
	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	FILE *file = fopen(path, "r");
	if (!file) {
		perror(path);
		return 1;
	}
	if (strcmp(kind, "msg") == 0) {
		printf("\n------ Message Queues --------\n");
		printf("key        msqid      owner      perms      used-bytes   messages    \n");
	} else if (strcmp(kind, "shm") == 0) {
		printf("\n------ Shared Memory Segments --------\n");
		printf("key        shmid      owner      perms      bytes      nattch     status   "
		       "   \n");
	} else {
		printf("\n------ Semaphore Arrays --------\n");
		printf("key        semid      owner      perms      nsems     \n");
	}
	fgets(line, sizeof(line), file); /* the header */
	while (fgets(line, sizeof(line), file)) {
		long long v[COLUMNS_MAX];
		int count = parse_line(line, v);
		unsigned perms = octal_column(line, 2);
		if (strcmp(kind, "msg") == 0 && count >= 8) {
			/* key msqid perms cbytes qnum lspid lrpid uid ... */
			printf("0x%08x %-10lld %-10s %-10o %-12lld %-12lld\n", (unsigned)v[0], v[1],
			       owner(v[7]), perms & 0777, v[3], v[4]);
		} else if (strcmp(kind, "shm") == 0 && count >= 8) {
			/* key shmid perms size cpid lpid nattch uid ... */
			printf("0x%08x %-10lld %-10s %-10o %-10lld %-10lld %-12s\n", (unsigned)v[0],
			       v[1], owner(v[7]), perms & 0777, v[3], v[6],
			       perms & SHM_DEST ? "dest" : "");
		} else if (count >= 5) {
			/* key semid perms nsems uid ... */
			printf("0x%08x %-10lld %-10s %-10o %-10lld\n", (unsigned)v[0], v[1],
			       owner(v[4]), perms & 0777, v[3]);
		}
	}
	printf("\n");
	fclose(file);
	return 0;
}

int main(int argc, char **argv)
{
	bool queues = false, memory = false, semaphores = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0) {
			queues = true;
		} else if (strcmp(argv[i], "-m") == 0) {
			memory = true;
		} else if (strcmp(argv[i], "-s") == 0) {
			semaphores = true;
		} else if (strcmp(argv[i], "-a") == 0) {
			queues = memory = semaphores = true;
		} else {
			fprintf(stderr, "usage: ipcs [-a] [-q] [-m] [-s]\n");
			return 1;
		}
	}
	if (!queues && !memory && !semaphores)
		queues = memory = semaphores = true;
	int failed = 0;
	if (queues)
		failed |= list("msg");
	if (memory)
		failed |= list("shm");
	if (semaphores)
		failed |= list("sem");
	return failed;
}
