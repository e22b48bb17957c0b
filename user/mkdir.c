/*
 * mkdir: make directories (mkdir(1p)) with mkdir(2); -p makes missing parents too and
 * accepts directories that already exist.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make_parents(char *path)
{
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		int result = mkdir(path, 0777);
		*slash = '/';
		if (result < 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

int main(int argc, char **argv)
{
	bool parents = false;
	int i = 1, status = 0;
	if (i < argc && strcmp(argv[i], "-p") == 0) {
		parents = true;
		i++;
	}
	if (i >= argc || (argv[i][0] == '-' && argv[i][1])) {
		fprintf(stderr, "usage: mkdir [-p] DIRECTORY...\n");
		return 1;
	}
	for (; i < argc; i++)
		if ((parents ? make_parents(argv[i]) : mkdir(argv[i], 0777)) < 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	return status;
}
