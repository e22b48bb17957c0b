/*
 * free: memory in use and free (free(1)), from /proc/meminfo (proc(5)), in KiB, or MiB
 * with -m. Spindle's meminfo gives MemTotal (usable RAM) and MemFree (free page frames);
 * "used" is the difference: kernel, page tables, user pages, caches alike.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long field(const char *text, const char *name)
{
	const char *at = strstr(text, name);
	return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	int shift = 0;
	if (argc == 2 && strcmp(argv[1], "-m") == 0)
		shift = 10;
	else if (argc != 1) {
		fprintf(stderr, "usage: free [-m]\n");
		return 1;
	}
	char text[1024];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (length <= 0) {
		fprintf(stderr, "free: cannot read /proc/meminfo\n");
		return 1;
	}
	text[length] = '\0';
	long total = field(text, "MemTotal:"), available = field(text, "MemFree:");
	if (total < 0 || available < 0) {
		fprintf(stderr, "free: /proc/meminfo lacks MemTotal or MemFree\n");
		return 1;
	}
	printf("%14s %10s %10s\n", shift ? "total MiB" : "total KiB", "used", "free");
	printf("Mem: %9ld %10ld %10ld\n", total >> shift, (total - available) >> shift,
	       available >> shift);
	return 0;
}
