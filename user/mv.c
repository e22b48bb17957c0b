/*
 * mv: rename files (mv(1p)) with rename(2): `mv OLD NEW`, or `mv FILE... DIRECTORY` to move
 * them into a directory under their own names. Moving across file systems (EXDEV), which
 * would need a copy, is reported as an error.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argv[1][0] == '-') {
		fprintf(stderr, "usage: mv SOURCE DESTINATION | mv SOURCE... DIRECTORY\n");
		return 1;
	}
	const char *target = argv[argc - 1];
	struct stat st;
	bool into_directory = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !into_directory) {
		fprintf(stderr, "mv: target '%s' is not a directory\n", target);
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc - 1; i++) {
		char path[4096];
		if (into_directory)
			snprintf(path, sizeof(path), "%s/%s", target, base_name(argv[i]));
		else
			snprintf(path, sizeof(path), "%s", target);
		if (rename(argv[i], path) < 0) {
			fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], path,
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
