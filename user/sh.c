/*
 * sh: a minimal shell until the user-space issue brings the real one: it reads a line,
 * splits it into words at spaces, and runs the command -- `cd`, `exit`, `help` itself,
 * anything else as a program found through PATH -- then waits for it and reports how
 * it ended when that was not a plain success.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 64

static int split(char *line, char **words)
{
	int count = 0;
	for (char *word = strtok(line, " \t\n"); word && count < MAX_WORDS - 1;
	     word = strtok(NULL, " \t\n"))
		words[count++] = word;
	words[count] = NULL;
	return count;
}

static int run(char **words)
{
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		execvp(words[0], words);
		fprintf(stderr, "sh: %s: %s\n", words[0],
			errno == ENOENT ? "not found" : strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "sh: %s: killed by signal %d\n", words[0], WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

int main(void)
{
	char line[1024];
	char *words[MAX_WORDS];
	int last_status = 0;
	for (;;) {
		if (isatty(0)) {
			printf("spindle$ ");
			fflush(stdout);
		}
		if (!fgets(line, sizeof(line), stdin))
			return last_status;
		if (split(line, words) == 0)
			continue;
		if (strcmp(words[0], "exit") == 0)
			return words[1] ? atoi(words[1]) : last_status;
		if (strcmp(words[0], "cd") == 0) {
			if (chdir(words[1] ? words[1] : "/") != 0)
				fprintf(stderr, "sh: cd: %s: %s\n", words[1], strerror(errno));
			continue;
		}
		if (strcmp(words[0], "help") == 0) {
			printf("Built in: cd DIR, exit [N], help. Programs live in /bin.\n");
			continue;
		}
		last_status = run(words);
	}
}
