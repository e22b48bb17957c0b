/*
 * head: the first lines of files or standard input (head(1p)); -n N (default 10), and a
 * "==> name <==" header before each of several files.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long count = 10;
	int i = 1, status = 0;
	if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
		const char *value = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
		char *end;
		count = strtol(value, &end, 10);
		if (!*value || *end || count < 0) {
			fprintf(stderr, "usage: head [-n LINES] [FILE...]\n");
			return 1;
		}
		i++;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "usage: head [-n LINES] [FILE...]\n");
		return 1;
	}
	int files = argc - i;
	for (int f = i; f < argc || (files == 0 && f == i); f++) {
		int fd = files ? open(argv[f], O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "head: cannot open '%s'\n", argv[f]);
			status = 1;
			continue;
		}
		if (files > 1)
			printf("%s==> %s <==\n", f > i ? "\n" : "", argv[f]);
		long lines = 0;
		char c;
		while (lines < count && read(fd, &c, 1) == 1) {
			putchar(c);
			if (c == '\n')
				lines++;
		}
		if (files)
			close(fd);
	}
	return status;
}
