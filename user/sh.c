/*
 * sh: a minimal shell until the user-space issue brings the real one: it reads a line,
 * splits it into words at spaces, and runs it -- `cd`, `exit`, `help` itself, anything else
 * as programs found through PATH, joined by pipes when the line has `|`, with `< file`,
 * `> file` and `>> file` redirections -- then waits for them and reports how the last one
 * ended when that was not a plain success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
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

/* Apply the redirections among words (removing them); returns false on an error. */
static bool redirect(char **words)
{
	int out = 0;
	for (int in = 0; words[in]; in++) {
		const char *symbol = words[in];
		int flags = -1, target = 0;
		if (strcmp(symbol, "<") == 0)
			flags = O_RDONLY;
		else if (strcmp(symbol, ">") == 0)
			flags = O_WRONLY | O_CREAT | O_TRUNC, target = 1;
		else if (strcmp(symbol, ">>") == 0)
			flags = O_WRONLY | O_CREAT | O_APPEND, target = 1;
		if (flags < 0) {
			words[out++] = words[in];
			continue;
		}
		if (!words[in + 1]) {
			fprintf(stderr, "sh: %s: a file name must follow\n", symbol);
			return false;
		}
		int fd = open(words[++in], flags, 0644);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", words[in], strerror(errno));
			return false;
		}
		dup2(fd, target);
		close(fd);
	}
	words[out] = NULL;
	return true;
}

/* Run one stage of a pipeline in a child: input from `in`, output to `out`. */
static pid_t start_stage(char **words, int in, int out, int spare)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if (spare >= 0)
		close(spare);
	if (!redirect(words))
		_exit(1);
	if (!words[0])
		_exit(0);
	execvp(words[0], words);
	fprintf(stderr, "sh: %s: %s\n", words[0], errno == ENOENT ? "not found" : strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Run `a | b | c`: each stage's output is the next one's input. */
static int run(char **words)
{
	int in = 0, status = 0;
	pid_t last = -1;
	char **stage = words;
	for (char **word = words;; word++) {
		bool end = *word == NULL;
		if (!end && strcmp(*word, "|") != 0)
			continue;
		*word = NULL;
		int fds[2] = {-1, 1};
		if (!end && pipe(fds) != 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		last = start_stage(stage, in, end ? 1 : fds[1], end ? -1 : fds[0]);
		if (in != 0)
			close(in);
		if (!end)
			close(fds[1]);
		in = fds[0];
		if (end)
			break;
		stage = word + 1;
	}
	pid_t pid;
	while ((pid = wait(&status)) > 0) {
		if (pid == last)
			last = -status - 1; /* remember the last stage's status */
	}
	status = last < 0 ? -last - 1 : 0;
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
			printf("Built in: cd DIR, exit [N], help. Programs live in /bin; join them "
			       "with "
			       "|, redirect with < > >>.\n");
			continue;
		}
		last_status = run(words);
	}
}
