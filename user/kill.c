/*
 * kill: send a signal to processes (kill(1), kill(2)).
 *   kill PID...            SIGTERM
 *   kill -9 PID... / kill -KILL PID... / kill -s KILL PID...
 *   kill -l                the signal names
 * A negative PID names a process group, -1 every process we may signal (kill(2)).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[] = {
	NULL,	"HUP",	"INT",	"QUIT", "ILL",	  "TRAP",   "ABRT",  "BUS",  "FPE",  "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM",	  "STKFLT", "CHLD",  "CONT", "STOP", "TSTP", "TTIN",
	"TTOU", "URG",	"XCPU", "XFSZ", "VTALRM", "PROF",   "WINCH", "IO",   "PWR",  "SYS",
};
#define NAMES (int)(sizeof(names) / sizeof(names[0]))

static int signal_number(const char *text)
{
	if (text[0] >= '0' && text[0] <= '9')
		return atoi(text);
	if (strncmp(text, "SIG", 3) == 0)
		text += 3;
	for (int i = 1; i < NAMES; i++)
		if (strcmp(text, names[i]) == 0)
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	int signal = 15, first = 1;
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		for (int i = 1; i < NAMES; i++)
			printf("%2d) SIG%s\n", i, names[i]);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		signal = signal_number(argv[2]);
		first = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] && argc > 2) {
		signal = signal_number(argv[1] + 1);
		first = 2;
	}
	if (signal < 0 || signal > 64 || first >= argc) {
		fprintf(stderr, "usage: kill [-s SIGNAL | -SIGNAL] PID... | kill -l\n");
		return 1;
	}
	int failed = 0;
	for (int i = first; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (*end || end == argv[i]) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			failed = 1;
		} else if (kill((pid_t)pid, signal) != 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			failed = 1;
		}
	}
	return failed;
}
