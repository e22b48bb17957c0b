/*
 * top: the task list, refreshed, with each task's share of the CPU (top(1)). Every delay
 * seconds it reads /proc/<pid>/stat for every process (proc(5): utime and stime in clock
 * ticks, fields 14 and 15) and shows how many ticks each used since the previous frame,
 * as a percentage of the time that passed (CLOCK_MONOTONIC); the first frame averages
 * over each task's lifetime (starttime, field 22, against /proc/uptime). Sorted busiest
 * first. Keys: q quits (read with poll(2) and a timeout, the terminal in non-canonical
 * mode). -n N stops after N frames, so scripts and tests can run it; -d SECONDS sets the
 * delay (0 allowed). Watching the scheduler: run `top` while a CPU-bound job runs.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_TASKS 512

struct task {
	int pid;
	char name[32], state;
	long ticks, start;
	double cpu;
};

static struct task previous[MAX_TASKS];
static int previous_count;

static int read_text(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, buffer, size - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (length <= 0)
		return -1;
	buffer[length] = '\0';
	return 0;
}

static bool parse_stat(const char *pid_text, struct task *task)
{
	char path[64], stat[1024];
	snprintf(path, sizeof(path), "/proc/%s/stat", pid_text);
	if (read_text(path, stat, sizeof(stat)) < 0)
		return false;
	char *open_paren = strchr(stat, '('), *close_paren = strrchr(stat, ')');
	if (!open_paren || !close_paren)
		return false;
	*close_paren = '\0';
	task->pid = atoi(pid_text);
	snprintf(task->name, sizeof(task->name), "%s", open_paren + 1);
	task->state = close_paren[2];
	char *fields = close_paren + 4; /* field 4 onwards */
	long values[19];
	for (int i = 0; i < 19; i++)
		values[i] = strtol(fields, &fields, 10);
	task->ticks = values[10] + values[11]; /* fields 14 and 15 */
	task->start = values[18];	       /* field 22 */
	return true;
}

/* strtod for the simple decimals of /proc/uptime and -d ("12.5"); *end after them. */
static double parse_decimal(const char *text, char **end)
{
	double value = 0, scale = 1;
	const char *p = text;
	for (; *p >= '0' && *p <= '9'; p++)
		value = value * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			value += (*p - '0') * (scale /= 10);
	*end = (char *)p;
	return value;
}

static int by_cpu(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return x->pid - y->pid;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void frame(double elapsed, bool first, bool clear)
{
	static struct task tasks[MAX_TASKS];
	int count = 0;
	long hz = sysconf(_SC_CLK_TCK);
	char text[256] = "";
	read_text("/proc/uptime", text, sizeof(text));
	char *end;
	double uptime = parse_decimal(text, &end);
	DIR *proc = opendir("/proc");
	struct dirent *entry;
	while (proc && (entry = readdir(proc)) && count < MAX_TASKS) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
			continue;
		struct task *task = &tasks[count];
		if (!parse_stat(entry->d_name, task))
			continue;
		long used = task->ticks;
		double span = uptime - (double)task->start / (double)hz;
		if (!first) {
			span = elapsed;
			for (int i = 0; i < previous_count; i++)
				if (previous[i].pid == task->pid) {
					used = task->ticks - previous[i].ticks;
					break;
				}
		}
		task->cpu = span > 0 ? 100.0 * (double)used / (double)hz / span : 0;
		if (task->cpu > 100.0)
			task->cpu = 100.0;
		count++;
	}
	if (proc)
		closedir(proc);
	memcpy(previous, tasks, sizeof(struct task) * (size_t)count);
	previous_count = count;
	qsort(tasks, (size_t)count, sizeof(struct task), by_cpu);
	char load[128] = "";
	read_text("/proc/loadavg", load, sizeof(load));
	char *newline = strchr(load, '\n');
	if (newline)
		*newline = '\0';
	if (clear)
		fputs("\x1b[H\x1b[2J", stdout);
	printf("top - up %.0f s, load %s, %d tasks\n", uptime, load, count);
	printf("  PID S  %%CPU     TIME COMMAND\n");
	for (int i = 0; i < count; i++) {
		long seconds = tasks[i].ticks / hz;
		printf("%5d %c %5.1f %02ld:%02ld:%02ld %s\n", tasks[i].pid, tasks[i].state,
		       tasks[i].cpu, seconds / 3600, seconds / 60 % 60, seconds % 60,
		       tasks[i].name);
	}
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "usage: top [-n FRAMES] [-d SECONDS]   (q quits)\n");
	exit(1);
}

int main(int argc, char **argv)
{
	long frames = -1;
	double delay = 2.0;
	for (int i = 1; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			frames = strtol(argv[++i], &end, 10);
			if (*end || frames <= 0)
				usage();
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			delay = parse_decimal(argv[++i], &end);
			if (*end || end == argv[i])
				usage();
		} else
			usage();
	}
	struct termios saved, raw;
	bool terminal = tcgetattr(0, &saved) == 0;
	if (terminal) {
		raw = saved;
		raw.c_lflag &= ~(unsigned)(ICANON | ECHO);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &raw);
	}
	bool clear = isatty(1) && frames != 1 && frames < 0;
	bool keys = true; /* false once standard input is at its end */
	double last = now_seconds();
	for (long shown = 0; frames < 0 || shown < frames; shown++) {
		double now = now_seconds();
		frame(now - last, shown == 0, clear);
		last = now;
		if (frames >= 0 && shown + 1 >= frames)
			break;
		struct pollfd input = {.fd = keys ? 0 : -1, .events = POLLIN};
		if (poll(&input, 1, (int)(delay * 1000)) > 0) {
			char key = 0;
			if (read(0, &key, 1) <= 0)
				keys = false;
			else if (key == 'q')
				break;
		}
	}
	if (terminal)
		tcsetattr(0, TCSANOW, &saved);
	return 0;
}
