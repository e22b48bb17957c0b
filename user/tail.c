/*
 * tail: the last lines of a file or standard input (tail(1p)); -n N (default 10). The
 * whole input is read, keeping only the offsets of the last N line starts.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long count = 10;
	int i = 1;
	if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
		const char *value = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
		char *end;
		count = strtol(value, &end, 10);
		if (!*value || *end || count < 0) {
			fprintf(stderr, "usage: tail [-n LINES] [FILE]\n");
			return 1;
		}
		i++;
	}
	if (argc - i > 1 || (i < argc && argv[i][0] == '-' && argv[i][1])) {
		fprintf(stderr, "usage: tail [-n LINES] [FILE]\n");
		return 1;
	}
	int fd = i < argc ? open(argv[i], O_RDONLY) : 0;
	if (fd < 0) {
		fprintf(stderr, "tail: cannot open '%s'\n", argv[i]);
		return 1;
	}
	size_t length = 0, capacity = 4096;
	char *text = malloc(capacity);
	ssize_t n;
	while (text && (n = read(fd, text + length, capacity - length)) > 0) {
		length += (size_t)n;
		if (length == capacity)
			text = realloc(text, capacity *= 2);
	}
	if (!text) {
		fprintf(stderr, "tail: out of memory\n");
		return 1;
	}
	size_t start = length;
	long lines = 0;
	/* a final line without a newline still counts as a line */
	size_t scan = length && text[length - 1] == '\n' ? length - 1 : length;
	while (scan > 0 && lines < count) {
		scan--;
		if (text[scan] == '\n') {
			lines++;
			if (lines == count) {
				scan++;
				break;
			}
		}
	}
	start = count == 0 ? length : scan;
	fwrite(text + start, 1, length - start, stdout);
	return 0;
}
