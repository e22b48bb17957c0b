/*
 * A static musl program using stdio, malloc, getdents64 (through readdir), fork, execve,
 * threads and wait: prints what it sees; tests/user/musl_test.c checks the output.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread_main(void *argument)
{
	return (void *)((long)argument * 2);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		printf("exec ok: %s\n", argv[1]);
		return 0;
	}
	char *buffer = malloc(1 << 20);
	memset(buffer, 'x', 1 << 20);
	printf("malloc ok: %c\n", buffer[(1 << 20) - 1]);
	free(buffer);

	DIR *directory = opendir("/tests");
	int found = 0;
	struct dirent *entry;
	while (directory && (entry = readdir(directory)) != NULL)
		found += strcmp(entry->d_name, "musl-hello") == 0;
	closedir(directory);
	printf("readdir ok: %d\n", found);

	fflush(stdout); /* stdout to a file is fully buffered: flush before the child writes */
	pid_t child = fork();
	if (child == 0) {
		execl("/tests/musl-tour", "musl-tour", "from-child", (char *)NULL);
		_exit(99);
	}
	int status;
	waitpid(child, &status, 0);
	printf("child exited: %d\n", WEXITSTATUS(status));

	pthread_t thread;
	void *result;
	pthread_create(&thread, NULL, thread_main, (void *)21);
	pthread_join(thread, &result);
	printf("thread returned: %ld\n", (long)result);
	return 0;
}
