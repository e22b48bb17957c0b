/*
 * uptime: how long the system has been up and the load averages (uptime(1)), from
 * /proc/uptime and /proc/loadavg (proc(5)).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_text(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t length = fd >= 0 ? read(fd, buffer, size - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (length <= 0)
		return -1;
	buffer[length] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 1;
	}
	char up[128], load[128];
	if (read_text("/proc/uptime", up, sizeof(up)) < 0 ||
	    read_text("/proc/loadavg", load, sizeof(load)) < 0) {
		fprintf(stderr, "uptime: cannot read /proc/uptime or /proc/loadavg\n");
		return 1;
	}
	long seconds = strtol(up, NULL, 10);
	char *end = load;
	for (int spaces = 0; *end && spaces < 3; end++)
		if (*end == ' ')
			spaces++;
	if (end > load)
		end[-1] = '\0';
	printf("up %ld:%02ld:%02ld, load average: %s\n", seconds / 3600, seconds / 60 % 60,
	       seconds % 60, load);
	return 0;
}
