/*
 * demo-fifo: two processes talk through a named pipe (fifo(7), mkfifo(3)). A FIFO is a pipe
 * with a name in the file system: any process that knows the path can open it, and once
 * open it behaves exactly like pipe(2). Opening one end waits for the other: open() for
 * writing sleeps until some process opens the FIFO for reading, and the other way round.
 * (With O_NONBLOCK a writer does not wait; its open() fails with ENXIO instead.)
 * Here the writer comes first and sleeps in open(); the reader arrives later, and only
 * then does the writer's open() return. Then the writer sends a few lines and closes its
 * end, which the reader sees as end of file.
 * Read docs/ipc.md alongside.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FIFO_PATH "/tmp/demo.fifo"

static const char *const lines[] = {
	"hello through a name in the file system",
	"a FIFO is a pipe that unrelated processes can find",
	"bytes arrive in the order they were written",
	"each line is shorter than PIPE_BUF, so each write is atomic",
	"goodbye: closing my end means end of file for you",
};

#define LINE_COUNT ((int)(sizeof(lines) / sizeof(lines[0])))

static void pause_ms(long ms)
{
	struct timespec delay = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&delay, NULL);
}

/* The reader comes late and reads lines until end of file. Returns how many lines arrived,
 * or 255 if one of them was not the line the writer sent at that point. */
static int run_reader(void)
{
	char line[128];
	int received = 0;

	pause_ms(300); /* let the writer be seen asleep in open() */
	printf("reader: opening %s for reading\n", FIFO_PATH);
	int fd = open(FIFO_PATH, O_RDONLY);
	if (fd < 0) {
		perror("reader: open");
		return 255;
	}
	FILE *input = fdopen(fd, "r");
	if (!input) {
		perror("reader: fdopen");
		close(fd);
		return 255;
	}
	while (fgets(line, sizeof(line), input)) {
		line[strcspn(line, "\n")] = '\0';
		printf("reader: got \"%s\"\n", line);
		if (received >= LINE_COUNT || strcmp(line, lines[received]) != 0) {
			fclose(input);
			return 255;
		}
		received++;
	}
	printf("reader: end of file -- the writer closed its end\n");
	fclose(input);
	return received;
}

/* Returns the number of lines written; stops at the first failed write. */
static int send_lines(int fd)
{
	char line[128];
	int sent;

	for (sent = 0; sent < LINE_COUNT; sent++) {
		pause_ms(50);
		int length = snprintf(line, sizeof(line), "%s\n", lines[sent]);
		if (write(fd, line, (size_t)length) != length) {
			perror("writer: write");
			break;
		}
		printf("writer: sent line %d\n", sent + 1);
	}
	return sent;
}

int main(void)
{
	int status = 0;

	unlink(FIFO_PATH); /* left over from an interrupted run, perhaps */
	if (mkfifo(FIFO_PATH, 0600) != 0) {
		perror("mkfifo");
		return 1;
	}
	printf("writer: made the FIFO %s\n", FIFO_PATH);
	int fd = open(FIFO_PATH, O_WRONLY | O_NONBLOCK);
	if (fd < 0)
		printf("writer: no reader yet, so a non-blocking open for writing fails with %s\n",
		       errno == ENXIO ? "ENXIO" : strerror(errno));
	else
		close(fd);

	fflush(stdout);
	pid_t reader = fork();
	if (reader < 0) {
		perror("fork");
		unlink(FIFO_PATH);
		return 1;
	}
	if (reader == 0)
		return run_reader();

	printf("writer: opening for writing -- open() sleeps until a reader opens the FIFO\n");
	fd = open(FIFO_PATH, O_WRONLY);
	int sent = 0;
	if (fd < 0) {
		perror("writer: open");
	} else {
		printf("writer: open() returned: the reader is there\n");
		sent = send_lines(fd);
		close(fd);
	}
	waitpid(reader, &status, 0);
	unlink(FIFO_PATH);
	int received = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
	if (received == 255) {
		printf("fifo: the reader did not get the lines that were sent\n");
		return 1;
	}
	printf("fifo: %d lines sent, %d received in order\n", sent, received);
	return sent == LINE_COUNT && received == LINE_COUNT ? 0 : 1;
}
