/*
 * wc: count lines, words and bytes (wc(1p)) of each file or of standard input; -l -w -c
 * choose columns (default all three), and several files get a total line.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool show_lines, show_words, show_bytes;

/* One column is printed bare (as `wc -l < file` scripts expect), several are aligned. */
static void print_counts(long lines, long words, long bytes, const char *name)
{
	int width = show_lines + show_words + show_bytes > 1 ? 7 : 0;
	const char *separator = "";
	long values[3] = {lines, words, bytes};
	bool shown[3] = {show_lines, show_words, show_bytes};
	for (int i = 0; i < 3; i++)
		if (shown[i]) {
			printf("%s%*ld", separator, width, values[i]);
			separator = " ";
		}
	printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				show_lines = true;
			else if (*p == 'w')
				show_words = true;
			else if (*p == 'c')
				show_bytes = true;
			else {
				fprintf(stderr, "usage: wc [-lwc] [FILE...]\n");
				return 1;
			}
		}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = true;
	long total[3] = {0};
	int files = argc - i;
	for (int f = i; f < argc || (files == 0 && f == i); f++) {
		int fd = files ? open(argv[f], O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "wc: %s: No such file or directory\n", argv[f]);
			status = 1;
			continue;
		}
		long lines = 0, words = 0, bytes = 0;
		bool in_word = false;
		char buffer[4096];
		ssize_t n;
		while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
			bytes += n;
			for (ssize_t k = 0; k < n; k++) {
				char c = buffer[k];
				if (c == '\n')
					lines++;
				bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
					     c == '\v' || c == '\f';
				if (!space && !in_word)
					words++;
				in_word = !space;
			}
		}
		if (files)
			close(fd);
		print_counts(lines, words, bytes, files ? argv[f] : NULL);
		total[0] += lines;
		total[1] += words;
		total[2] += bytes;
	}
	if (files > 1)
		print_counts(total[0], total[1], total[2], "total");
	return status;
}
