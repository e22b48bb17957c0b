/*
 * chmod: change permission bits (chmod(1p)) with chmod(2). MODE is octal (755) or symbolic
 * clauses joined by commas: who (u g o a, default a), then + - or =, then r w x
 * (for example +x, go-w, u=rw).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The new mode for a file whose mode is old, or -1 if text is not a mode. */
static long apply_mode(const char *text, mode_t old)
{
	if (*text >= '0' && *text <= '7') {
		char *end;
		long mode = strtol(text, &end, 8);
		return *end || mode > 07777 ? -1 : mode;
	}
	long mode = old & 07777;
	while (*text) {
		unsigned who = 0;
		for (; *text && strchr("ugoa", *text); text++)
			who |= *text == 'u'   ? 04700
			       : *text == 'g' ? 02070
			       : *text == 'o' ? 01007
					      : 07777;
		if (!who)
			who = 07777;
		char op = *text++;
		if (op != '+' && op != '-' && op != '=')
			return -1;
		unsigned bits = 0;
		for (; *text && strchr("rwx", *text); text++)
			bits |= *text == 'r' ? 0444 : *text == 'w' ? 0222 : 0111;
		bits &= who;
		if (op == '+')
			mode |= bits;
		else if (op == '-')
			mode &= ~(long)bits;
		else
			mode = (mode & ~(long)(who & 0777)) | bits;
		if (*text == ',')
			text++;
		else if (*text)
			return -1;
	}
	return mode;
}

int main(int argc, char **argv)
{
	if (argc < 3 || apply_mode(argv[1], 0) < 0) {
		fprintf(stderr, "usage: chmod MODE FILE...   (MODE: 755, +x, go-w, u=rw, ...)\n");
		return 1;
	}
	int status = 0;
	for (int i = 2; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0 ||
		    chmod(argv[i], (mode_t)apply_mode(argv[1], st.st_mode)) < 0) {
			fprintf(stderr, "chmod: cannot change '%s': %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
