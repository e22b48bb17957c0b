/*
 * demo: the catalogue of demonstration programs. With no arguments it lists every
 * /bin/demo-* present (found at run time, so a demo added later shows up too) with one line
 * on what it shows and the docs/ page that explains it; `demo NAME [ARGS...]` runs
 * /bin/demo-NAME. Each demo also runs on its own as /bin/demo-NAME, and non-interactively
 * as init in `make test` (tests/boot/run.sh).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PREFIX	  "demo-"
#define MAX_DEMOS 64

struct demo_entry {
	const char *name; /* after "demo-" */
	const char *summary;
	const char *page;
};

static const struct demo_entry known[] = {
	{"fork", "fork() copies memory lazily: only the pages written get copied", "docs/fork.md"},
	{"vfork", "vfork(): the child borrows the parent's memory while the parent waits",
	 "docs/fork.md"},
	{"clone", "clone()'s flags decide what is shared: a process, a thread, or between",
	 "docs/threads.md"},
	{"threads", "producer and consumer threads: a mutex and two condition variables",
	 "docs/threads.md"},
	{"pipe", "a fast writer and a slow reader: a full pipe puts the writer to sleep",
	 "docs/ipc.md"},
	{"fifo", "a named pipe in the file system joins two processes", "docs/ipc.md"},
	{"shm", "producer and consumer processes sharing a System V memory segment", "docs/ipc.md"},
	{"msg", "one System V message queue, workers picking jobs by message type", "docs/ipc.md"},
	{"socket", "an echo server and clients on a UNIX domain socket, with poll()",
	 "docs/ipc.md"},
	{"signals", "handlers, blocked and pending signals, EINTR, SIGCHLD, SIGSEGV",
	 "docs/signals.md"},
	{"nice", "nice values: how busy processes share the CPU", "docs/scheduler.md"},
	{"rt", "real-time policies (SCHED_FIFO, SCHED_RR) run before normal tasks",
	 "docs/scheduler.md"},
	{"coro-generator", "a Fibonacci generator: a coroutine that yields numbers",
	 "docs/coroutines.md"},
	{"coro-pipeline", "producer -> filter -> consumer coroutines in one thread, no locks",
	 "docs/coroutines.md"},
	{"coro-sched", "an echo server for many clients in one thread: coroutines + poll()",
	 "docs/coroutines.md"},
	{"switch-cost", "what a switch costs: coroutines, threads, processes, N = 2..1024",
	 "docs/coroutines.md"},
};

static const struct demo_entry *find_known(const char *name)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].name, name) == 0)
			return &known[i];
	return NULL;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_demos(void)
{
	char *names[MAX_DEMOS];
	int count = 0;
	DIR *directory = opendir("/bin");
	if (!directory) {
		fprintf(stderr, "demo: cannot list /bin: %s\n", strerror(errno));
		return 1;
	}
	struct dirent *entry;
	while ((entry = readdir(directory)) && count < MAX_DEMOS)
		if (strncmp(entry->d_name, PREFIX, strlen(PREFIX)) == 0 &&
		    (names[count] = strdup(entry->d_name + strlen(PREFIX))))
			count++;
	closedir(directory);
	qsort(names, (size_t)count, sizeof(names[0]), compare_names);

	printf("Spindle's demos: each is /bin/demo-NAME. Run one with `demo NAME` (try `demo "
	       "fork`)\nand read its page alongside; every demo explains what it shows as it "
	       "runs.\n\n");
	for (int i = 0; i < count; i++) {
		const struct demo_entry *demo = find_known(names[i]);
		printf("  %-15s %s", names[i], demo ? demo->summary : "(no description yet)");
		if (demo)
			printf(" [%s]", demo->page);
		printf("\n");
		free(names[i]);
	}
	printf("\n%d demos.\n", count);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return list_demos();
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		printf("usage: demo            list the demos\n"
		       "       demo NAME [ARGS...]  run /bin/demo-NAME\n");
		return 0;
	}
	const char *name = argv[1];
	if (strncmp(name, PREFIX, strlen(PREFIX)) == 0)
		name += strlen(PREFIX);
	char path[256];
	if (snprintf(path, sizeof(path), "/bin/" PREFIX "%s", name) >= (int)sizeof(path) ||
	    strchr(name, '/')) {
		fprintf(stderr, "demo: bad name: %s\n", argv[1]);
		return 2;
	}
	argv[1] = path;
	execv(path, argv + 1);
	fprintf(stderr, "demo: cannot run %s: %s (type `demo` for the list)\n", path,
		strerror(errno));
	return 127;
}
