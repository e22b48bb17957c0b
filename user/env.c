/*
 * env: print the environment, or run a command in a changed one (env(1p)):
 *   env [-i] [NAME=VALUE...] [COMMAND [ARGUMENT...]]
 * -i starts from an empty environment. The command is found through PATH (execvp(3)).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "-i") == 0) {
		clearenv();
		i++;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "usage: env [-i] [NAME=VALUE...] [COMMAND [ARGUMENT...]]\n");
		return 125; /* 126 and 127 mean the command could not run (env(1p)) */
	}
	for (; i < argc && strchr(argv[i], '='); i++)
		if (putenv(argv[i]) != 0) {
			fprintf(stderr, "env: cannot set %s\n", argv[i]);
			return 1;
		}
	if (i == argc) {
		for (char **entry = environ; entry && *entry; entry++)
			printf("%s\n", *entry);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
