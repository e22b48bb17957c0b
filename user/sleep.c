/*
 * sleep: suspend for a number of seconds (sleep(1p)); a decimal fraction such as 0.5 is
 * accepted, as GNU and busybox sleep do. Uses nanosleep(2), which resumes after a signal
 * handler with the time that was left.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	char *end;
	long seconds = strtol(argv[1], &end, 10);
	long nanoseconds = 0;
	if (*end == '.') {
		long scale = 100000000;
		for (end++; *end >= '0' && *end <= '9'; end++, scale /= 10)
			nanoseconds += (*end - '0') * scale;
	}
	if (end == argv[1] || *end || seconds < 0) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
		return 1;
	}
	struct timespec request = {seconds, nanoseconds}, left;
	while (nanosleep(&request, &left) < 0 && errno == EINTR)
		request = left;
	return 0;
}
