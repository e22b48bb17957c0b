/*
 * demo-fork: fork() gives the child a copy of the parent's memory -- but a lazy one.
 * Both processes start out sharing every page read-only; the first write to a page makes
 * the kernel copy just that page (copy-on-write). This demo writes to a variable and to a
 * few pages of a buffer in the child, and shows that the parent never sees the child's
 * writes and that exactly the written pages were copied (counted by /proc/spindle).
 * Read docs/fork.md alongside.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUFFER_PAGES 64

/* The variable gets a page of its own so the count below is exact. */
static struct {
	int value;
	char rest_of_the_page[4096 - sizeof(int)];
} shared __attribute__((aligned(4096))) = {100, {0}};
#define shared_variable shared.value

static long cow_copies(void)
{
	char text[1024];
	int fd = open("/proc/spindle", O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (length <= 0)
		return -1;
	text[length] = '\0';
	char *line = strstr(text, "cow_copies ");
	return line ? strtol(line + 11, NULL, 10) : -1;
}

int main(void)
{
	char *buffer = mmap(NULL, BUFFER_PAGES * 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(buffer, 'p', BUFFER_PAGES * 4096); /* make every page real before the fork */
	printf("parent (pid %d): variable = %d, a %d-page buffer filled with 'p'\n", getpid(),
	       shared_variable, BUFFER_PAGES);
	fflush(stdout);

	pid_t child = fork();
	if (child == 0) {
		long before = cow_copies();
		shared_variable = 200;
		for (int page = 0; page < 5; page++)
			buffer[page * 4096] = 'c';
		long after = cow_copies();
		printf("child  (pid %d, parent %d): wrote variable = %d and 5 buffer pages\n",
		       getpid(), getppid(), shared_variable);
		printf("child: the kernel copied %ld pages for those writes (the variable's page, "
		       "5 buffer pages); the other %d buffer pages are still shared\n",
		       after - before, BUFFER_PAGES - 5);
		return 0;
	}
	int status;
	waitpid(child, &status, 0);
	printf("parent: after the child exited, variable = %d and buffer[0] = '%c' -- the "
	       "child's writes went to its own copies\n",
	       shared_variable, buffer[0]);
	return 0;
}
